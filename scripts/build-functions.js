// Builds every cloud function into build/functions/<name>/: one self-contained index.js (shared code and zod
// bundled in), its config.json and a package.json naming the SDK that CloudBase installs at deploy time.
const esbuild = require('esbuild')
const fs = require('fs')
const path = require('path')

const root = path.resolve(__dirname, '..')
const src = path.join(root, 'cloudfunctions')
const out = path.join(root, 'build', 'functions')
const sdkVersion = require('@cloudbase/node-sdk/package.json').version
const external = ['@cloudbase/node-sdk', 'wx-server-sdk']

function functionNames() {
  return fs.readdirSync(src).filter((name) => fs.existsSync(path.join(src, name, 'config.json')))
}

async function main() {
  const names = functionNames()
  await Promise.all(names.map(async (name) => {
    const dir = path.join(out, name)
    fs.mkdirSync(dir, { recursive: true })
    await esbuild.build({
      entryPoints: [path.join(src, name, 'index.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external,
      logLevel: 'warning',
    })
    fs.copyFileSync(path.join(src, name, 'config.json'), path.join(dir, 'config.json'))
    const pkg = { name, version: '1.0.0', private: true, main: 'index.js', dependencies: { '@cloudbase/node-sdk': sdkVersion } }
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n')
  }))
  console.log(`built ${names.length} cloud functions into ${path.relative(root, out)}/: ${names.join(', ')}`)
}

main().catch((err) => { console.error(err); process.exit(1) })
