// 先锋驿站 run locally: `node build/local/main.js` (npm start builds and runs it). The emulator package
// (emulator/) with this product's collections, its built functions, its H5 build and, on a fresh data folder, the
// demo district. The emulator's variables (PORT, DATA_DIR, TIMERS, ...) apply; SEED=0 starts empty; DEMO_LOGIN=1
// (npm start) lets the H5 login page sign in as a demo person.
import path from 'path'
import { COLLECTION_DECLS } from '../cloudfunctions/common/collections'
import { envFlag, optionsFromEnv, serve } from '../emulator'
import { seedDemoDistrict } from './seed'

// build/local/main.js → the repository.
const ROOT = path.resolve(__dirname, '..', '..')

// The seed speaks to the emulator through the SDK: tell the SDK it is inside the cloud, so it does not probe
// Tencent Cloud's metadata host first.
process.env.TENCENTCLOUD = 'true'

const defaults = {
  dataDir: path.join(ROOT, '.data'),
  functionsDir: path.join(ROOT, 'build', 'functions'),
  h5Dir: path.join(ROOT, 'dist-h5'),
  // WeChat's message push (set in the mini-program's console) delivers media-check verdicts to the story function.
  messagePushFunction: 'story',
}

serve({
  ...optionsFromEnv(process.env, defaults),
  collections: COLLECTION_DECLS,
  seed: envFlag(process.env.SEED, true) ? seedDemoDistrict : undefined,
  // Links and QR codes the functions make point at the H5 app the emulator serves, whatever its port.
  // The user function's demo sign-in answers FORBIDDEN unless DEMO_LOGIN=1 reaches it.
  functionEnv: (url) => ({ PUBLIC_H5_URL: process.env.PUBLIC_H5_URL || url, DEMO_LOGIN: envFlag(process.env.DEMO_LOGIN, false) ? '1' : '0' }),
}, '先锋驿站 emulator')
