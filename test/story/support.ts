// The story's part of the test bed: a story written the way the app writes one, and brought to any state of its life.
import type { Caller } from '../helpers/api'
import { Bed, useBed } from '../helpers/bed'

export interface Testbed extends Bed {
  /** Submits a story (valid unless `overrides` say otherwise) and returns its id. */
  submit(author: Caller, overrides?: Record<string, unknown>): Promise<string>
  /** Submits a story and brings it to `status` (reviewed by the district office). */
  storyIn(status: 'pending' | 'approved' | 'rejected' | 'returned' | 'withdrawn', author?: Caller, featured?: boolean): Promise<string>
}

export function storyInput(overrides: Record<string, unknown> = {}) {
  return {
    title: '社区里的热心人',
    content: '她每天早上六点就到社区服务站，帮老人量血压、读报纸，十年如一日。',
    category: 'volunteer',
    subject: { self: true },
    ...overrides,
  }
}

export function useTestbed(env?: Record<string, string>): Testbed {
  const bed = useBed(env) as Testbed
  bed.submit = async (author, overrides = {}) => {
    const r = await author.call('story', 'submit', storyInput(overrides))
    expect(r).toMatchObject({ ok: true, data: { status: 'pending' } })
    return r.data.id
  }
  bed.storyIn = async (status, author = bed.demo['demo-member'], featured = false) => {
    const id = await bed.submit(author)
    // Nobody reviews their own story: the district office's own stories go to a second admin.
    const admin = author.openid === 'demo-admin' ? await secondAdmin() : bed.demo['demo-admin']
    const step = async (who: Caller, action: string, input: Record<string, unknown>) => {
      const r = await who.call('story', action, { id, ...input })
      expect(r.ok).toBe(true)
    }
    if (status === 'approved') await step(admin, 'review', { decision: 'approve', featured })
    if (status === 'rejected') await step(admin, 'review', { decision: 'reject', reason: '内容不完整' })
    if (status === 'returned') await step(admin, 'review', { decision: 'return', reason: '请补充细节' })
    if (status === 'withdrawn') await step(author, 'withdraw', {})
    return id
  }
  let second: Caller | null = null
  const secondAdmin = async () => {
    if (!second) {
      second = await bed.newMember('org-branch-a1')
      const r = await bed.demo['demo-admin'].call('user', 'setRole', { openid: second.openid, role: 'admin' })
      expect(r.ok).toBe(true)
      await second.signInAgain() // the new role ended their session
    }
    return second
  }
  return bed
}
