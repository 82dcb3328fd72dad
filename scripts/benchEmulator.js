// What the benchmark scripts share: build the functions and the emulator, start it on a free port with a fresh data
// folder (the demo district seeded, test controls on), call a function as a signed-in person, write through the real
// SDK, count what a call costs from the emulator's metrics, and stop it (removing the folder).
const { spawn, spawnSync } = require('child_process')
const fs = require('fs')
const net = require('net')
const os = require('os')
const path = require('path')

const ROOT = path.resolve(__dirname, '..')

function build() {
  for (const script of ['build-functions.js', 'build-emulator.js']) {
    const r = spawnSync(process.execPath, [path.join(__dirname, script)], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
    if (r.status !== 0) throw new Error(`${script} failed`)
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
    srv.on('error', reject)
  })
}

async function startEmulator(env = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pioneer-bench-'))
  const port = await freePort()
  const child = spawn(process.execPath, [path.join(ROOT, 'build', 'local', 'main.js')], {
    cwd: ROOT,
    // Test controls: the bench resets the operation metrics between measurements (and may set the clock).
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DEMO_LOGIN: '1', SEED: '1', EMULATOR_TEST_CONTROLS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const exited = new Promise((resolve) => child.once('exit', resolve))
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start in 60 s:\n${out}`)), 60_000)
    const onData = (d) => {
      out += d
      if (/ready at /.test(out)) { clearTimeout(timer); resolve() }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (d) => { out += d })
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`the emulator exited (${code}):\n${out}`)) })
  })
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function post(url, body, token) {
  const headers = { 'content-type': 'application/json' }
  if (token) headers.authorization = `Bearer ${token}`
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) })
  return res.json()
}

/** A function caller signed in as `openid` (a demo person). */
async function signedIn(emu, openid) {
  const { data: { token } } = await post(`${emu.url}/api/user`, { action: 'signIn', openid })
  return (fn, action, input = {}) => post(`${emu.url}/api/${fn}`, { action, ...input }, token)
}

/** The real SDK's database, pointed at the emulator; `timeout` (ms) for one request (a bench's bulk writes are long). */
function sdkDatabase(url, timeout) {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    TENCENTCLOUD_SECRETID: 'bench', TENCENTCLOUD_SECRETKEY: 'bench',
    TCB_CONTEXT_KEYS: 'TCB_ENV', TCB_ENV: 'pioneer-local', SILENCE: 'true', TENCENTCLOUD: 'true',
  })
  const tcb = require('@cloudbase/node-sdk')
  return tcb.init({ env: tcb.SYMBOL_CURRENT_ENV, ...(timeout ? { timeout } : {}) }).database()
}

/** What `run` costs: database operations (and by action) from the emulator's metrics, and milliseconds. */
async function opsOf(emu, run) {
  await fetch(`${emu.url}/__emulator/metrics/reset`, { method: 'POST' })
  const started = process.hrtime.bigint()
  const result = await run()
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const m = await (await fetch(`${emu.url}/__emulator/metrics`)).json()
  return { result, ops: m.total, byAction: m.byAction, ms }
}

module.exports = { ROOT, build, freePort, startEmulator, post, signedIn, sdkDatabase, opsOf }
