// Every cloud function with actions has its audit table (test/helpers/auditTable.ts): a test file that runs it for
// that function, so a privileged action added to any function — the workbench's included — without an audit entry or
// a reason fails there. A function with no table at all would escape that check; this one catches it.
import { readdirSync, readFileSync, existsSync } from 'fs'
import { join } from 'path'

const ROOT = join(__dirname, '..', '..')

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    return e.isDirectory() ? testFiles(p) : e.name.endsWith('.test.ts') ? [p] : []
  })
}

test('each function with actions runs an audit table', () => {
  const fns = readdirSync(join(ROOT, 'cloudfunctions')).filter((f) => existsSync(join(ROOT, 'cloudfunctions', f, 'actions.ts')))
  expect(fns).toContain('workbench')
  const tabled = new Set<string>()
  for (const file of testFiles(join(ROOT, 'test'))) {
    const text = readFileSync(file, 'utf8')
    if (!text.includes('runAuditTable(')) continue
    for (const m of text.matchAll(/runAuditTable\(\{[^]*?\bfn: '([a-z]+)'/g)) tabled.add(m[1])
  }
  expect(fns.filter((f) => !tabled.has(f))).toEqual([])
})
