// Measures the built mini-program (dist/) against WeChat's package limits: the main package and each subpackage
// ≤ 2 MB, everything ≤ 20 MB. Prints the figures; exits non-zero over a limit. Run after `npm run build:weapp`.
const fs = require('fs')
const path = require('path')

const dist = path.resolve(__dirname, '..', 'dist')
const MB = 1024 * 1024
const LIMITS = { main: 2 * MB, sub: 2 * MB, total: 20 * MB }

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? files(p) : [p]
  })
}

const app = JSON.parse(fs.readFileSync(path.join(dist, 'app.json'), 'utf8'))
const roots = (app.subPackages || app.subpackages || []).map((s) => s.root.replace(/\/$/, ''))
const sizes = { main: 0 }
for (const r of roots) sizes[r] = 0
const largest = []
for (const file of files(dist)) {
  const rel = path.relative(dist, file).split(path.sep).join('/')
  if (rel.endsWith('.map')) continue
  const size = fs.statSync(file).size
  const root = roots.find((r) => rel === r || rel.startsWith(r + '/'))
  sizes[root ?? 'main'] += size
  if (!root) largest.push([rel, size])
}
const total = Object.values(sizes).reduce((a, b) => a + b, 0)
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
console.log(`weapp main package: ${kb(sizes.main)} (limit ${kb(LIMITS.main)})`)
for (const r of roots) console.log(`weapp subpackage ${r}: ${kb(sizes[r])} (limit ${kb(LIMITS.sub)})`)
console.log(`weapp total: ${kb(total)} (limit ${kb(LIMITS.total)})`)
console.log('largest files of the main package:', largest.sort((a, b) => b[1] - a[1]).slice(0, 5).map(([f, s]) => `${f} ${kb(s)}`).join(', '))
const over = sizes.main > LIMITS.main || roots.some((r) => sizes[r] > LIMITS.sub) || total > LIMITS.total
if (over) {
  console.error('over WeChat\'s package limits')
  process.exit(1)
}
