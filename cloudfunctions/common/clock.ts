// The one clock every function reads. On CloudBase it is the machine's; the emulator can move it for tests
// (PIONEER_CLOCK_OFFSET_MS, set per invocation), so rules about time are tested at their edges.
export function now(): Date {
  const offset = Number(process.env.PIONEER_CLOCK_OFFSET_MS ?? 0)
  return new Date(Date.now() + (Number.isFinite(offset) ? offset : 0))
}
