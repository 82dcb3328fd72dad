// Bad input to one cloud function, sent by the district office (who reaches every action, so no refusal hides the
// validation): each is refused as INVALID_INPUT with a Chinese message naming the field, before anything is read or
// written (the emulator's metrics total 0); an unknown action too.
import { metrics, resetMetrics } from './api'
import type { Bed } from './bed'

/** [action, input, the field it must be refused on] */
export type BadInput = [string, Record<string, unknown>, string]

export function runBadInput(bed: Bed, fn: string, cases: BadInput[]) {
  test.each(cases)(`${fn}.%s %j → INVALID_INPUT on %s, nothing read or written`, async (action, input, field) => {
    await resetMetrics(bed.emu)
    const r = await bed.demo['demo-admin'].call(fn, action, input)
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    expect(r.message).toMatch(/[\u4e00-\u9fa5]/)
    expect(r.fields![0].field).toBe(field)
    // A known field is named in Chinese, not by its code name (an unknown one can only be named as sent).
    const { message } = r.fields![0]
    if (!message.startsWith('不支持的字段')) expect(message).not.toContain(field)
    expect((await metrics(bed.emu)).total).toBe(0)
  })

  test('an unknown action is INVALID_INPUT on `action`, and touches nothing', async () => {
    await resetMetrics(bed.emu)
    const r = await bed.demo['demo-admin'].call(fn, 'dropDatabase', { id: 'everything' })
    expect(r).toMatchObject({ ok: false, code: 'INVALID_INPUT', fields: [{ field: 'action' }] })
    expect((await metrics(bed.emu)).total).toBe(0)
  })
}
