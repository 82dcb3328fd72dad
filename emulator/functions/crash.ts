// A test hook: a function's worker killed between two of its database operations, as a crash or the platform's
// kill would end it (`POST /__emulator/crash`). Armed once for one function: its first `afterOps` operations run,
// the next one never does, and the function's busy instances are terminated; until they are gone, nothing else they
// send reaches the database either (a function that caught the error cannot write its way around the kill).
export class CrashSwitch {
  private armed: { functionName: string; left: number } | null = null
  private dying = new Set<string>()

  constructor(private readonly kill: (functionName: string) => Promise<void>) {}

  arm(functionName: string, afterOps: number) {
    this.armed = { functionName, left: afterOps }
  }

  /** Whether a database operation of `functionName` must not run: the switch trips, or its instance is being killed. */
  async stops(functionName: string | null): Promise<boolean> {
    if (!functionName) return false
    if (this.dying.has(functionName)) return true
    if (this.armed?.functionName !== functionName || this.armed.left-- > 0) return false
    this.armed = null
    this.dying.add(functionName)
    try {
      await this.kill(functionName)
    } finally {
      this.dying.delete(functionName)
    }
    return true
  }
}
