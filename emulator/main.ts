// The emulator on its own, with no product: `node build/emulator/main.js`. Its environment variables set the options
// (README.md); FUNCTIONS_DIR (default ./functions) holds the built functions, EMULATOR_COLLECTIONS the collections to
// create (a JSON array of { name, indexes }). Nothing is seeded.
import path from 'path'
import { optionsFromEnv } from './config'
import { parseDeclarations } from './database/declarations'
import { serve } from './serve'

const collections = process.env.EMULATOR_COLLECTIONS

serve({
  ...optionsFromEnv(process.env, { functionsDir: path.resolve('functions'), dataDir: path.resolve('.data') }),
  collections: collections ? parseDeclarations(collections) : [],
})
