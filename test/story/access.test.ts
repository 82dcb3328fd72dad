// Every action of the story function, called by every kind of caller: the router's `who` rule holds for each.
import { storyActions } from '../../cloudfunctions/story/actions'
import { callerOf, CallerKind, runAccessMatrix } from '../helpers/accessMatrix'
import { storyInput, useTestbed } from './support'

const bed = useTestbed()

/** A valid input for the action for this caller: their own story where one is needed (a member's for the others). */
async function inputFor(action: string, caller: CallerKind): Promise<Record<string, unknown>> {
  const author = caller.reaches.includes('member') ? callerOf(bed, caller) : bed.demo['demo-member']
  switch (action) {
    case 'submit': return storyInput()
    case 'revise': return { id: await bed.storyIn('returned', author), ...storyInput() }
    case 'withdraw': return { id: await bed.storyIn('pending', author) }
    case 'review': return { id: await bed.storyIn('pending', bed.demo['demo-member']), decision: 'approve' }
    case 'get': case 'share': return { id: await bed.storyIn('approved') }
    case 'like': return { id: await bed.storyIn('approved'), liked: true }
    case 'readMessages': return { ids: ['no-such-message'] }
    default: return {}
  }
}

runAccessMatrix({
  bed,
  fn: 'story',
  actions: storyActions,
  access: {
    submit: 'member', revise: 'member', withdraw: 'member', review: 'secretary', feed: 'anyone', get: 'anyone',
    like: 'signedIn', share: 'anyone', queue: 'secretary', mine: 'member', messages: 'signedIn',
    readMessages: 'signedIn', stats: 'secretary', uploadPhoto: 'member',
  },
  inputFor,
})
