// Timer triggers, as CloudBase runs them: each function's config.json `triggers` of type `timer` fire on their cron
// (CloudBase's seven fields: second minute hour day month weekday year, Beijing time) with a timer event.
import fs from 'fs'
import path from 'path'
import { Cron } from 'croner'

export interface TimerTrigger { functionName: string; name: string; cron: string }
type Fire = (trigger: TimerTrigger) => Promise<unknown>

export function timerTriggers(functionsDir: string, names: string[]): TimerTrigger[] {
  return names.flatMap((functionName) => {
    try {
      const cfg = JSON.parse(fs.readFileSync(path.join(functionsDir, functionName, 'config.json'), 'utf8'))
      return (cfg.triggers ?? [])
        .filter((t: { type?: string }) => t.type === 'timer')
        .map((t: { name: string; config: string }) => ({ functionName, name: t.name, cron: t.config }))
    } catch {
      return []
    }
  })
}

/** croner takes six fields; CloudBase's seventh (year) is dropped when it is `*`. */
function sixFields(cron: string): string {
  const fields = cron.trim().split(/\s+/)
  if (fields.length === 7 && fields[6] === '*') fields.pop()
  return fields.join(' ')
}

export function timerEvent(trigger: TimerTrigger, at = new Date()) {
  return { Type: 'Timer', TriggerName: trigger.name, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' }
}

/** Starts every trigger; returns a stop function. A trigger whose cron cannot be read is reported and skipped. */
export function startTimers(triggers: TimerTrigger[], fire: Fire): () => void {
  const jobs = triggers.flatMap((t) => {
    try {
      return [new Cron(sixFields(t.cron), { timezone: 'Asia/Shanghai', protect: true }, async () => {
        const outcome = await fire(t)
        console.log(`[emulator] timer ${t.functionName}.${t.name} ran:`, JSON.stringify(outcome).slice(0, 200))
      })]
    } catch (err) {
      console.error(`[emulator] timer ${t.functionName}.${t.name}: cannot read cron "${t.cron}":`, err)
      return []
    }
  })
  return () => jobs.forEach((j) => j.stop())
}
