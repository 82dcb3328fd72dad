// What a person is told (a review result, a photo taken off a story ...), listed on 我的 and marked read there.
import type { Message, StoryInput, StoryOutput } from '../../contract/story'
import { database } from '../common/cloud'
import { COLLECTIONS } from '../common/collections'
import { pageAfter } from '../common/query'

const PAGE_SIZE = 20

interface MessageDoc { _id: string; title: string; body: string; storyId: string; at: Date; read: boolean }

const toMessage = (m: MessageDoc): Message =>
  ({ id: m._id, title: m.title, body: m.body, storyId: m.storyId, at: new Date(m.at).toISOString(), read: m.read })

/** A person's messages, latest first. */
export async function messages(input: StoryInput['messages'], openid: string): Promise<StoryOutput['messages']> {
  const { rows, nextCursor } = await pageAfter<MessageDoc>({
    collection: COLLECTIONS.messages, where: [{ openid }], order: 'at', dir: 'desc', size: PAGE_SIZE, cursor: input.cursor,
  })
  return { items: rows.map(toMessage), nextCursor }
}

export async function markRead(input: StoryInput['readMessages'], openid: string): Promise<StoryOutput['readMessages']> {
  const _ = database().command
  const res = await database().collection(COLLECTIONS.messages).where({ openid, _id: _.in(input.ids), read: false }).update({ read: true })
  return { updated: res.updated ?? 0 }
}
