// Every action of the story function, called by every kind of caller: the router's `who` rule holds for each.
import { storyActions } from '../../cloudfunctions/story/actions'
import type { Who } from '../../cloudfunctions/common/router'
import { storyInput, useTestbed } from './support'

const bed = useTestbed()

const CALLERS: Array<{ name: string; openid: string | null; reaches: Who[]; refusal: string }> = [
  { name: 'anonymous', openid: null, reaches: ['anyone'], refusal: 'UNAUTHENTICATED' },
  { name: 'unregistered', openid: 'demo-newcomer', reaches: ['anyone', 'signedIn'], refusal: 'NOT_REGISTERED' },
  { name: 'pending registrant', openid: 'demo-pending-a', reaches: ['anyone', 'signedIn'], refusal: 'NOT_REGISTERED' },
  { name: 'rejected registrant', openid: 'demo-rejected', reaches: ['anyone', 'signedIn'], refusal: 'NOT_REGISTERED' },
  { name: 'member', openid: 'demo-member-b', reaches: ['anyone', 'signedIn', 'member'], refusal: 'FORBIDDEN' },
  { name: 'secretary', openid: 'demo-secretary', reaches: ['anyone', 'signedIn', 'member', 'secretary'], refusal: 'FORBIDDEN' },
  { name: 'admin', openid: 'demo-admin', reaches: ['anyone', 'signedIn', 'member', 'secretary', 'admin'], refusal: '' },
]

/** A valid input for the action for this caller: their own story where one is needed. */
async function inputFor(action: string, openid: string | null): Promise<Record<string, unknown>> {
  const author = openid && ['demo-member-b', 'demo-secretary', 'demo-admin'].includes(openid)
    ? bed.demo[openid as 'demo-member-b'] : bed.demo['demo-member-b']
  switch (action) {
    case 'submit': return storyInput()
    case 'revise': return { id: await bed.storyIn('returned', author), ...storyInput() }
    case 'withdraw': return { id: await bed.storyIn('pending', author) }
    case 'review': return { id: await bed.storyIn('pending', bed.demo['demo-member']), decision: 'approve' }
    case 'get': case 'like': case 'share': return { id: await bed.storyIn('approved') }
    case 'readMessages': return { ids: ['no-such-message'] }
    default: return {}
  }
}

const cases = Object.entries(storyActions).flatMap(([name, def]) => CALLERS.map((c) => [name, def.who, c] as const))
test.each(cases)('story.%s (who: %s) called by %o', async (name, who, caller) => {
  const input = await inputFor(name, caller.openid)
  const r = await (caller.openid ? bed.demo[caller.openid as 'demo-admin'] : bed.anonymous).call('story', name, input)
  if (caller.reaches.includes(who)) {
    expect(r).toMatchObject({ ok: true })
  } else {
    expect(r.code).toBe(caller.refusal)
    expect(r.message).toMatch(/[\u4e00-\u9fa5]/)
  }
})

test('every action of the story function is in the matrix, with the access the issue asks for', () => {
  expect(Object.fromEntries(Object.entries(storyActions).map(([n, d]) => [n, d.who]))).toEqual({
    submit: 'member', revise: 'member', withdraw: 'member', review: 'secretary', feed: 'anyone', get: 'anyone',
    like: 'signedIn', share: 'anyone', queue: 'secretary', mine: 'member', messages: 'signedIn',
    readMessages: 'signedIn', stats: 'secretary', uploadPhoto: 'member',
  })
})
