// The code's shape, checked in `npm test`: copied blocks stay under a threshold (jscpd, settings in .jscpd.json) and
// no module imports itself round a loop (dpdm, type-only imports included, since a cycle of types is still a knot
// a reader has to untie).
const { spawnSync } = require('child_process')
const path = require('path')

const root = path.resolve(__dirname, '..')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const SOURCES = ['src', 'contract', 'cloudfunctions', 'emulator', 'local', 'scripts', 'config', 'test']

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

const present = SOURCES.filter((dir) => require('fs').existsSync(path.join(root, dir)))
let failed = false

const cpd = run(bin('jscpd'), ['--config', '.jscpd.json', '--reporters', 'console', ...present])
const total = cpd.out.split('\n').find((line) => line.includes('Total:'))
console.log(`copy/paste (jscpd, threshold in .jscpd.json): ${total ? total.replace(/\x1b\[[0-9;]*m|[│]/g, ' ').replace(/\s+/g, ' ').trim() : '?'}`)
if (cpd.status !== 0) {
  console.log(cpd.out)
  console.error('Too much copied code: share it instead (the clones are listed above).')
  failed = true
}

const globs = present.filter((d) => d !== 'test').map((d) => `${d}/**/*.{ts,tsx,js}`)
const cycles = run(bin('dpdm'), ['--no-tree', '--no-warning', '--circular', '--no-progress', '--exit-code', 'circular:1', ...globs])
if (cycles.status !== 0) {
  console.log(cycles.out)
  console.error('Import cycles (listed above): break them.')
  failed = true
} else {
  console.log('import cycles (dpdm): none')
}
process.exit(failed ? 1 : 0)
