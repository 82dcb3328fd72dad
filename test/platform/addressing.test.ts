// The app speaks to the person as 您, never 你 (issue 14, item 11): every word of the pages, the contract and the
// functions' messages comes from these folders, so a new string that says 你 fails here with its file and line.
import fs from 'fs'
import path from 'path'

const ROOT = path.resolve(__dirname, '..', '..')
const FOLDERS = ['src', 'contract', 'cloudfunctions']

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(full)
    return /\.(tsx?|scss|json)$/.test(entry.name) ? [full] : []
  })
}

test('no page, contract message or function message says 你 to the person', () => {
  const found = FOLDERS.flatMap((folder) => sources(path.join(ROOT, folder))).flatMap((file) =>
    fs.readFileSync(file, 'utf8').split('\n').flatMap((line, i) =>
      line.includes('你') ? [`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : []))
  expect(found).toEqual([])
})
