// What scripts/setup-cloudbase.js locks down on a real environment, read from its dry run (no network): every
// declared collection admin-only, and the storage rule that lets a person write only their own uploads.
import { execFileSync } from 'child_process'
import fs from 'fs'
import path from 'path'
import { COLLECTION_DECLS, COLLECTIONS } from '../../cloudfunctions/common/collections'
import { uploadFolder } from '../../cloudfunctions/common/photos'
import { STORAGE_RULE } from '../../cloudfunctions/common/storageRules'

const ROOT = path.resolve(__dirname, '..', '..')

function dryRun(): string {
  const env = { ...process.env }
  for (const k of ['TCB_ENV_ID', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY', 'TENCENTCLOUD_SESSIONTOKEN']) delete env[k]
  return execFileSync(process.execPath, ['scripts/setup-cloudbase.js', '--dry-run'], { cwd: ROOT, env, encoding: 'utf8' })
}

const output = dryRun()

/** The dry run's lines about each collection, by name. */
const blocks = new Map(output.split(/^(?=collection )/m).slice(1).map((b) => [/^collection (\S+):/.exec(b)![1], b]))

test('every declared collection is set ADMINONLY, and nothing else is', () => {
  expect([...blocks.keys()].sort()).toEqual(COLLECTION_DECLS.map((c) => c.name).sort())
  for (const c of COLLECTION_DECLS) {
    expect(blocks.get(c.name)).toContain(`permission ADMINONLY → commonService().call({"Action":"ModifyDatabaseACL","Param":{"EnvId":"<env>","CollectionName":"${c.name}","AclTag":"ADMINONLY"}})`)
  }
  expect(output.match(/permission ADMINONLY/g)).toHaveLength(COLLECTION_DECLS.length)
})

test('no collection the functions use is left out of the declarations', () => {
  const declared = new Set(COLLECTION_DECLS.map((c) => c.name))
  for (const name of Object.values(COLLECTIONS)) expect(declared).toContain(name)
  // The functions name collections only through COLLECTIONS: a literal name would escape the check above.
  const literal: string[] = []
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.ts$/.test(e.name) && /\.collection\(\s*['"`]/.test(fs.readFileSync(p, 'utf8'))) literal.push(path.relative(ROOT, p))
    }
  }
  walk(path.join(ROOT, 'cloudfunctions'))
  expect(literal).toEqual([])
})

describe('the storage rule', () => {
  const printed = JSON.parse(/^storage: permission CUSTOM .*\n(\{[\s\S]*?\n\})/m.exec(output)![1])
  const uploadPath = new RegExp(/\/(\^.*\$)\/\.test\(resource\.path\) == true/.exec(printed.write)![1])

  test('is the declared one, and reads and writes are the owner\'s only', () => {
    expect(printed).toEqual(STORAGE_RULE)
    expect(printed.read).toBe('auth != null && resource.openid == auth.openid')
    expect(printed.write).toMatch(/^auth != null && resource\.openid == auth\.openid && /)
  })

  test("writes go only to a person's upload folder in the photo areas, as photos.ts lays them out", () => {
    for (const area of ['stories', 'sites'] as const) {
      expect(uploadPath.test(`${uploadFolder(area, 'oMember')}1764745200000-0123456789abcdef.jpg`)).toBe(true)
    }
    for (const p of [
      'classroom/attendance/class-1/20261203T070000-0a1b2c3d.xlsx', // exports: the functions' own, read by temporary URL
      'site/usage/2026-12/20261203T070000-0a1b2c3d.xlsx',
      `${uploadFolder('stories', 'oMember')}nested/photo.jpg`,
      `${uploadFolder('stories', 'oMember')}.hidden`,
      'stories/not-a-folder/photo.jpg',
      'photo.jpg',
    ]) expect([p, uploadPath.test(p)]).toEqual([p, false])
  })
})
