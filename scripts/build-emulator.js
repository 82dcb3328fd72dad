// Bundles the emulator package (emulator/) into build/emulator/ — index.js (its API), main.js (the emulator on its
// own) and worker.js (a function instance) — and the product's local entry (local/main.ts) into build/local/, which
// loads the emulator from build/emulator/index.js as a package rather than bundling a copy. Packages stay in
// node_modules.
const esbuild = require('esbuild')
const path = require('path')

const root = path.resolve(__dirname, '..')
const emulatorDir = path.join(root, 'emulator')
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', sourcemap: true, logLevel: 'warning' }

/** The product's imports of the emulator package resolve to its bundle. */
const emulatorAsPackage = {
  name: 'emulator-as-package',
  setup(build) {
    build.onResolve({ filter: /emulator$/ }, (args) => {
      if (path.resolve(args.resolveDir, args.path) !== emulatorDir) return undefined
      return { path: '../emulator/index.js', external: true }
    })
  },
}

async function main() {
  await esbuild.build({
    ...common,
    entryPoints: {
      index: path.join(emulatorDir, 'index.ts'),
      main: path.join(emulatorDir, 'main.ts'),
      worker: path.join(emulatorDir, 'functions', 'worker.ts'),
    },
    outdir: path.join(root, 'build', 'emulator'),
  })
  await esbuild.build({
    ...common,
    entryPoints: { main: path.join(root, 'local', 'main.ts') },
    outdir: path.join(root, 'build', 'local'),
    plugins: [emulatorAsPackage],
  })
}

main().catch((err) => { console.error(err); process.exit(1) })
