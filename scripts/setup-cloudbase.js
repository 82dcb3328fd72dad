#!/usr/bin/env node
// Applies the collection declarations (cloudfunctions/common/collections.ts, COLLECTION_DECLS) to a real CloudBase
// environment: creates missing collections and their indexes (plain, compound, unique, 2dsphere), sets every
// collection to admin-only access (ADMINONLY: clients reach data only through the functions), and applies the storage
// security rule (cloudfunctions/common/storageRules.ts: a person writes only their own uploads; nobody reads an export
// directly). Each permission is read back after it is set.
//
//   node scripts/setup-cloudbase.js --dry-run            print what it would do; no network, no credentials
//   TCB_ENV_ID=… TENCENTCLOUD_SECRETID=… TENCENTCLOUD_SECRETKEY=… node scripts/setup-cloudbase.js
//
// Options: --env <id> (instead of TCB_ENV_ID), --recreate-changed (drop and re-create an index whose keys or
// uniqueness differ from the declaration; otherwise such an index is reported and the script exits 1).
// TENCENTCLOUD_SESSIONTOKEN is passed on when set (temporary credentials).
'use strict'
const path = require('path')
const Module = require('module')
const esbuild = require('esbuild')

const ROOT = path.resolve(__dirname, '..')
const DECLS_FILE = path.join(ROOT, 'cloudfunctions', 'common', 'collections.ts')
const STORAGE_RULES_FILE = path.join(ROOT, 'cloudfunctions', 'common', 'storageRules.ts')

/** Every collection's permission (CloudBase's ModifyDatabaseACL AclTag): only the admin, i.e. the functions. */
const COLLECTION_ACL = 'ADMINONLY'

function usage(code) {
  console.log('usage: node scripts/setup-cloudbase.js [--dry-run] [--env <envId>] [--recreate-changed]')
  process.exit(code)
}

function parseArgs(argv) {
  const opts = { dryRun: false, env: process.env.TCB_ENV_ID || '', recreateChanged: false }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--dry-run') opts.dryRun = true
    else if (a === '--recreate-changed') opts.recreateChanged = true
    else if (a === '--env') opts.env = argv[++i] || ''
    else if (a.startsWith('--env=')) opts.env = a.slice('--env='.length)
    else if (a === '-h' || a === '--help') usage(0)
    else {
      console.error(`unknown argument: ${a}`)
      usage(2)
    }
  }
  return opts
}

/** Compiles a TypeScript file of cloudfunctions/common with esbuild (in memory) and returns its exports. */
function loadModule(file) {
  const out = esbuild.buildSync({
    entryPoints: [file],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  })
  const m = new Module(file, module)
  m.filename = file
  m.paths = Module._nodeModulePaths(path.dirname(file))
  m._compile(out.outputFiles[0].text, file)
  return m.exports
}

function loadDecls() {
  const decls = loadModule(DECLS_FILE).COLLECTION_DECLS
  if (!Array.isArray(decls)) throw new Error(`${DECLS_FILE} does not export COLLECTION_DECLS`)
  return decls
}

function loadStorageRule() {
  const rule = loadModule(STORAGE_RULES_FILE).STORAGE_RULE
  if (!rule || rule.read === undefined || rule.write === undefined) throw new Error(`${STORAGE_RULES_FILE} does not export STORAGE_RULE { read, write }`)
  return rule
}

/** Problems in the declarations that CloudBase would refuse or that are surely mistakes. */
function validate(decls) {
  const problems = []
  const names = new Set()
  for (const c of decls) {
    if (!c || typeof c.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/.test(c.name)) {
      problems.push(`collection name ${JSON.stringify(c && c.name)} is not valid`)
      continue
    }
    if (names.has(c.name)) problems.push(`collection ${c.name} is declared twice`)
    names.add(c.name)
    const indexNames = new Set()
    for (const idx of c.indexes || []) {
      const where = `${c.name}.${idx.name}`
      if (typeof idx.name !== 'string' || !idx.name) problems.push(`${c.name}: an index has no name`)
      else if (indexNames.has(idx.name)) problems.push(`${where}: index name used twice`)
      indexNames.add(idx.name)
      const keys = Object.entries(idx.keys || {})
      if (keys.length === 0) problems.push(`${where}: no keys`)
      for (const [field, dir] of keys) {
        if (![1, -1, '2dsphere'].includes(dir)) problems.push(`${where}: key ${field} has direction ${JSON.stringify(dir)}`)
      }
      if (idx.unique && keys.some(([, dir]) => dir === '2dsphere')) problems.push(`${where}: a geo index cannot be unique`)
    }
  }
  return problems
}

/** The CreateIndex item manager-node's updateCollection (UpdateTable) takes. */
function toCreateIndex(idx) {
  return {
    IndexName: idx.name,
    MgoKeySchema: {
      MgoIndexKeys: Object.entries(idx.keys).map(([Name, dir]) => ({ Name, Direction: String(dir) })),
      MgoIsUnique: Boolean(idx.unique),
    },
  }
}

const describeKeys = (keys) => `{ ${Object.entries(keys).map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(', ')} }`

/** True when an index CloudBase reports (DescribeTable) has the declared keys, in order, and uniqueness. */
function sameIndex(existing, idx) {
  const want = Object.entries(idx.keys).map(([n, d]) => `${n}:${String(d)}`)
  const have = (existing.Keys || []).map((k) => `${k.Name}:${String(k.Direction)}`)
  return want.join(',') === have.join(',') && Boolean(existing.Unique) === Boolean(idx.unique)
}

/** The Cloud API call that sets a collection's permission (tcb ModifyDatabaseACL, through manager-node's commonService). */
const aclCall = (env, name) => ({ Action: 'ModifyDatabaseACL', Param: { EnvId: env, CollectionName: name, AclTag: COLLECTION_ACL } })

function dryRun(decls, rule, env) {
  console.log(`Dry run: nothing is sent. Target environment: ${env || '(TCB_ENV_ID not set)'}`)
  console.log(`Declarations: ${path.relative(ROOT, DECLS_FILE)} (${decls.length} collections)\n`)
  for (const c of decls) {
    console.log(`collection ${c.name}: create if missing (database.createCollectionIfNotExists)`)
    console.log(`  permission ${COLLECTION_ACL} → commonService().call(${JSON.stringify(aclCall(env || '<env>', c.name))})`)
    const indexes = c.indexes || []
    if (indexes.length === 0) console.log('  no indexes beyond _id')
    for (const idx of indexes) {
      const kind = [idx.unique ? 'unique' : null, Object.keys(idx.keys).length > 1 ? 'compound' : null,
        Object.values(idx.keys).includes('2dsphere') ? 'geo' : null].filter(Boolean).join(', ')
      console.log(`  index ${idx.name} ${describeKeys(idx.keys)}${kind ? ` (${kind})` : ''}: create if missing`)
    }
    if (indexes.length) {
      console.log(`  → database.updateCollection('${c.name}', ${JSON.stringify({ CreateIndexes: indexes.map(toCreateIndex) })})`)
    }
  }
  console.log(`\nstorage: permission CUSTOM with rule (${path.relative(ROOT, STORAGE_RULES_FILE)}) → storage.setStorageAcl('CUSTOM', rule)`)
  console.log(JSON.stringify(rule, null, 2))
  console.log('\nAn existing index with the same name but other keys is reported (or, with --recreate-changed, dropped and re-created).')
}

/** Sets every collection ADMINONLY and the bucket's rule, then reads each back; answers how many did not take. */
async function applyPermissions(manager, decls, rule, env) {
  const tcb = manager.commonService()
  let wrong = 0
  for (const c of decls) {
    await tcb.call(aclCall(env, c.name))
    const { AclTag } = await tcb.call({ Action: 'DescribeDatabaseACL', Param: { EnvId: env, CollectionName: c.name } })
    if (AclTag === COLLECTION_ACL) console.log(`collection ${c.name}: permission ${COLLECTION_ACL}`)
    else {
      wrong += 1
      console.error(`collection ${c.name}: permission is ${AclTag} after setting ${COLLECTION_ACL}`)
    }
  }
  await manager.storage.setStorageAcl('CUSTOM', rule)
  const applied = await manager.storage.getStorageAcl({ withRule: true })
  if (applied.acl === 'CUSTOM' && applied.rule?.read === rule.read && applied.rule?.write === rule.write) console.log('storage: security rule applied')
  else {
    wrong += 1
    console.error(`storage: the bucket reports ${JSON.stringify(applied)} after setting the rule`)
  }
  return wrong
}

async function apply(decls, rule, opts) {
  const { TENCENTCLOUD_SECRETID: secretId, TENCENTCLOUD_SECRETKEY: secretKey, TENCENTCLOUD_SESSIONTOKEN: token } = process.env
  if (!opts.env || !secretId || !secretKey) {
    console.error('Set TCB_ENV_ID (or --env), TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY, or use --dry-run.')
    process.exit(2)
  }
  const CloudBase = require('@cloudbase/manager-node')
  const manager = new CloudBase({ secretId, secretKey, envId: opts.env, ...(token ? { token } : {}) })
  const db = manager.database
  let conflicts = 0
  for (const c of decls) {
    const created = await db.createCollectionIfNotExists(c.name)
    console.log(`collection ${c.name}: ${created.IsCreated ? 'created' : 'exists'}`)
    const indexes = c.indexes || []
    if (indexes.length === 0) continue
    const described = await db.describeCollection(c.name)
    const existing = new Map((described.Indexes || []).map((i) => [i.Name, i]))
    const toCreate = []
    const toDrop = []
    for (const idx of indexes) {
      const have = existing.get(idx.name)
      if (!have) {
        toCreate.push(idx)
        console.log(`  index ${idx.name} ${describeKeys(idx.keys)}${idx.unique ? ' unique' : ''}: creating`)
      } else if (sameIndex(have, idx)) {
        console.log(`  index ${idx.name}: up to date`)
      } else if (opts.recreateChanged) {
        toDrop.push(idx)
        toCreate.push(idx)
        console.log(`  index ${idx.name}: differs from the declaration, re-creating as ${describeKeys(idx.keys)}${idx.unique ? ' unique' : ''}`)
      } else {
        conflicts += 1
        const keys = (have.Keys || []).map((k) => `${k.Name}: ${k.Direction}`).join(', ')
        console.warn(`  index ${idx.name}: EXISTS WITH OTHER KEYS ({ ${keys} }${have.Unique ? ' unique' : ''}); ` +
          'rerun with --recreate-changed to replace it')
      }
    }
    if (toDrop.length) await db.updateCollection(c.name, { DropIndexes: toDrop.map((i) => ({ IndexName: i.name })) })
    if (toCreate.length) await db.updateCollection(c.name, { CreateIndexes: toCreate.map(toCreateIndex) })
  }
  const wrongPermissions = await applyPermissions(manager, decls, rule, opts.env)
  if (conflicts) console.error(`\n${conflicts} index(es) differ from the declaration; nothing was changed for them.`)
  if (wrongPermissions) console.error(`\n${wrongPermissions} permission(s) did not take; the environment is not locked down.`)
  if (conflicts || wrongPermissions) process.exit(1)
  console.log('\nDone.')
}

async function main() {
  const opts = parseArgs(process.argv.slice(2))
  const decls = loadDecls()
  const rule = loadStorageRule()
  const problems = validate(decls)
  if (problems.length) {
    console.error(`The declarations have problems:\n  ${problems.join('\n  ')}`)
    process.exit(1)
  }
  if (opts.dryRun) return dryRun(decls, rule, opts.env)
  await apply(decls, rule, opts)
}

main().catch((err) => {
  console.error(err && err.message ? `setup-cloudbase failed: ${err.message}` : err)
  process.exit(1)
})
