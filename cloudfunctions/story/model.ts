// A story as stored, and the shapes each reader sees of it: a feed card (public), the story page (public when
// published; with history for its author and reviewers), a summary in my list or a reviewer's queue.
import type {
  HistoryEntry, QueueItem, StoryCard, StoryCategory, StoryDetail, StoryEvent, StoryImage, StoryStatus, StorySubject,
  StorySummary,
} from '../../contract/story'
import { fail } from '../common/errors'
import { CheckedPhotos, photosAsShown, shownPhotos } from '../common/photoChecks'

export interface StoredHistoryEntry {
  event: StoryEvent
  by: string
  byName: string
  at: Date
  reason?: string
  featured?: boolean
}

export interface StoryDoc extends CheckedPhotos {
  _id: string
  author: string
  authorName: string
  /** The author's organisation: its secretary (and those above) review the story and count its figures. */
  orgId: string
  orgPath: string[]
  orgName: string
  title: string
  content: string
  category: StoryCategory
  images: string[]
  subject: StorySubject & { orgId?: string; consent?: true }
  /** A 读书心得: the book it is about. */
  book?: string
  status: StoryStatus
  featured: boolean
  /** Bumped by every transition; a transition is an update conditional on the version it read. */
  version: number
  /** Published stories only: `${featured ? 1 : 0}-${publishedAt ms, 13 digits}-${_id}`, sorted descending. */
  feedRank?: string
  likes: number
  views: number
  shares: number
  /** The story was about a retired member when submitted: what the `aboutRetired` figure counted. */
  aboutRetired: boolean
  /** The content check answered "review" (doubtful): the reviewer is told. */
  flagged: boolean
  /** The author accepted one subscribe message for the review result (consumed when it is sent). */
  subscribe: boolean
  submittedAt: Date
  /** When it (re-)entered the review queue. */
  queuedAt: Date
  updatedAt: Date
  publishedAt?: Date
  reviewedAt?: Date
  reviewedBy?: string
  /** The reason of the last rejection or return. */
  reviewNote?: string
  history: StoredHistoryEntry[]
}

export function feedRank(featured: boolean, publishedAt: Date, id: string): string {
  return `${featured ? 1 : 0}-${String(publishedAt.getTime()).padStart(13, '0')}-${id}`
}

/** A feed cursor is the feedRank of the last card shown; anything else is refused before the database is asked. */
export function checkFeedCursor(cursor: string): string {
  if (!/^[01]-\d{13}-[A-Za-z0-9_-]{1,64}$/.test(cursor)) throw fail.invalid('cursor', '翻页位置已失效，请刷新列表')
  return cursor
}

const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : '')
const excerpt = (content: string) => {
  const flat = content.replace(/\s+/g, ' ').trim()
  return [...flat].length > 80 ? [...flat].slice(0, 80).join('') + '…' : flat
}

/** Whom the story is about, as anyone may see it (no consent flag, no internal ids). */
const publicSubject = (s: StoryDoc['subject']): StorySubject =>
  ({ self: s.self, name: s.name, retired: s.retired, ...(s.orgName ? { orgName: s.orgName } : {}) })

/** The photos cleared by the media check: all anyone but the author and the reviewers is shown. */
export const shownImages = (doc: StoryDoc): string[] => shownPhotos(doc.images, doc)

/** The photos as shown: all of them with the state of those not cleared yet (`privileged`), or the cleared ones. */
export const toImages = (doc: StoryDoc, urls: Map<string, string>, privileged: boolean): StoryImage[] =>
  photosAsShown(doc.images, doc, urls, privileged)

export function toCard(doc: StoryDoc, urls: Map<string, string>): StoryCard {
  const shown = shownImages(doc)
  return {
    id: doc._id,
    title: doc.title,
    excerpt: excerpt(doc.content),
    category: doc.category,
    cover: shown[0] ? urls.get(shown[0]) ?? '' : '',
    imageCount: shown.length,
    subject: publicSubject(doc.subject),
    authorName: doc.authorName,
    orgName: doc.orgName,
    featured: doc.featured,
    ...(doc.book ? { book: doc.book } : {}),
    publishedAt: iso(doc.publishedAt),
    likes: doc.likes,
    views: doc.views,
    shares: doc.shares,
  }
}

const toHistory = (h: StoredHistoryEntry): HistoryEntry => ({
  event: h.event,
  by: h.by,
  byName: h.byName,
  at: iso(h.at),
  ...(h.reason ? { reason: h.reason } : {}),
  ...(h.featured !== undefined ? { featured: h.featured } : {}),
})

/** The story page. `privileged`: the caller is its author or a reviewer in scope (history and review note). */
export function toDetail(doc: StoryDoc, urls: Map<string, string>, opts: { liked: boolean; mine: boolean; privileged: boolean }): StoryDetail {
  const out: StoryDetail = {
    ...toCard(doc, urls),
    content: doc.content,
    images: toImages(doc, urls, opts.privileged),
    status: doc.status,
    submittedAt: iso(doc.submittedAt),
    liked: opts.liked,
    mine: opts.mine,
  }
  if (opts.privileged) {
    if (doc.reviewNote && (doc.status === 'rejected' || doc.status === 'returned')) out.reviewNote = doc.reviewNote
    out.history = doc.history.map(toHistory)
  }
  return out
}

export function toSummary(doc: StoryDoc): StorySummary {
  const out: StorySummary = {
    id: doc._id,
    title: doc.title,
    excerpt: excerpt(doc.content),
    category: doc.category,
    status: doc.status,
    featured: doc.featured,
    subject: publicSubject(doc.subject),
    authorName: doc.authorName,
    orgName: doc.orgName,
    submittedAt: iso(doc.submittedAt),
    updatedAt: iso(doc.updatedAt),
    likes: doc.likes,
    views: doc.views,
    shares: doc.shares,
  }
  if (doc.reviewNote && (doc.status === 'rejected' || doc.status === 'returned')) out.reviewNote = doc.reviewNote
  return out
}

export function toQueueItem(doc: StoryDoc, urls: Map<string, string>): QueueItem {
  return { ...toSummary(doc), content: doc.content, images: toImages(doc, urls, true), flagged: doc.flagged }
}
