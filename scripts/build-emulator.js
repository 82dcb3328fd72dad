// Bundles the emulator (TypeScript) into build/emulator/; packages stay in node_modules.
const esbuild = require('esbuild')
const path = require('path')

const root = path.resolve(__dirname, '..')
esbuild.build({
  entryPoints: {
    main: path.join(root, 'emulator', 'main.ts'),
    worker: path.join(root, 'emulator', 'functions', 'worker.ts'),
  },
  outdir: path.join(root, 'build', 'emulator'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
}).catch((err) => { console.error(err); process.exit(1) })
