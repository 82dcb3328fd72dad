// `npm test`: builds what the tests run (cloud functions, emulator, H5 app), type-checks, then runs every jest
// project. Arguments go to jest (e.g. `npm test -- test/user`). SKIP_H5_BUILD=1 reuses an existing dist-h5/;
// SKIP_WEAPP_BUILD=1 skips the mini-program build and its size check. The wall time of each step and of the whole
// run is printed at the end, pass or fail.
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.resolve(__dirname, '..')
const started = Date.now()
const steps = []
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`

function report(status) {
  console.log('\nwall time:')
  for (const step of steps) console.log(`  ${seconds(step.ms).padStart(8)}  ${step.name}`)
  console.log(`  ${seconds(Date.now() - started).padStart(8)}  npm test (${status === 0 ? 'passed' : 'failed'})`)
}

function run(cmd, args, env = {}) {
  const name = [cmd, ...args].join(' ')
  console.log(`\n$ ${name}`)
  const t0 = Date.now()
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  steps.push({ name, ms: Date.now() - t0 })
  if (r.status !== 0) {
    report(r.status ?? 1)
    process.exit(r.status ?? 1)
  }
}

// The browser tests drive Debian's Chromium (playwright-core cannot download a browser here).
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
if (!fs.existsSync(CHROMIUM)) {
  if (process.getuid && process.getuid() === 0) {
    run('apt-get', ['update', '-qq'])
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { DEBIAN_FRONTEND: 'noninteractive' })
  } else {
    console.error(`Chromium is missing at ${CHROMIUM}: install Debian's package (sudo apt-get install -y chromium)`)
    process.exit(1)
  }
}

run('node', ['scripts/build-functions.js'])
run('node', ['scripts/build-emulator.js'])
if (!(process.env.SKIP_H5_BUILD && fs.existsSync(path.join(root, 'dist-h5', 'index.html')))) {
  run('npx', ['taro', 'build', '--type', 'h5'], { NODE_ENV: 'production' })
}
run('npx', ['tsc', '--noEmit', '-p', '.'])
run('node', ['scripts/check-shape.js'])
// The mini-program must compile and stay within WeChat's package limits.
if (!process.env.SKIP_WEAPP_BUILD) {
  run('npx', ['taro', 'build', '--type', 'weapp'], { NODE_ENV: 'production' })
  run('node', ['scripts/weapp-size.js'])
  run('node', ['scripts/weapp-check.js'])
}
run('npx', ['jest', ...process.argv.slice(2)], { SILENCE: 'true' })
report(0)
