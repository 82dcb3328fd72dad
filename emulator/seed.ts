// PLACEHOLDER — the demo district.
import type { HubContext } from './hub'
export async function seedDemoDistrict(_ctx: HubContext) {}
