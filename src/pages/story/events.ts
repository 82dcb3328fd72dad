// What the story pages tell one another without a round trip: the story page's latest figures reach the feed.
export const STORY_CHANGED = 'story:changed'

export interface StoryChange {
  id: string
  likes?: number
  views?: number
  shares?: number
}
