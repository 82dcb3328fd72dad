// Every collection and its indexes, declared once. The emulator applies this at start; scripts/setup-cloudbase.js
// applies the same declaration to a real CloudBase environment.

export type IndexKeyKind = 1 | -1 | '2dsphere'
export interface IndexDecl {
  name: string
  keys: Record<string, IndexKeyKind>
  unique?: boolean
}
export interface CollectionDecl {
  name: string
  indexes: IndexDecl[]
}

export const COLLECTIONS = {
  orgs: 'orgs',
  users: 'users',
  audit: 'audit',
  stories: 'stories',
  storyLikes: 'storyLikes',
  storyStats: 'storyStats',
  storyMarks: 'storyMarks',
  messages: 'messages',
  classes: 'classes',
  attendance: 'attendance',
  lecturers: 'lecturers',
  classMonths: 'classMonths',
  classSiteMonths: 'classSiteMonths',
  sites: 'sites',
  siteSlots: 'siteSlots',
  siteBookings: 'siteBookings',
  siteVisits: 'siteVisits',
  siteMarks: 'siteMarks',
  siteMonths: 'siteMonths',
  studioReps: 'studioReps',
  studioSchedules: 'studioSchedules',
  studioCases: 'studioCases',
  studioMonths: 'studioMonths',
  libraryBooks: 'libraryBooks',
  libraryCopies: 'libraryCopies',
  libraryLoans: 'libraryLoans',
  libraryMonths: 'libraryMonths',
  rateLimits: 'rateLimits',
  secrets: 'secrets',
  sessions: 'sessions',
  orgPeriods: 'orgPeriods',
  workbenchTargets: 'workbenchTargets',
  reports: 'reports',
  loginCodes: 'loginCodes',
} as const

/** A document with checked photos (common/photoChecks.ts): a verdict finds it by trace id, the timer the checks to do again. */
const PHOTO_CHECK_INDEXES: IndexDecl[] = [
  { name: 'photo_checks', keys: { 'photoChecks.traceId': 1 } },
  { name: 'photo_checks_at', keys: { 'photoChecks.at': 1 } },
  { name: 'photo_retries', keys: { 'photoRetries.tries': 1 } },
]

export const COLLECTION_DECLS: CollectionDecl[] = [
  {
    name: COLLECTIONS.orgs,
    indexes: [{ name: 'parent', keys: { parentId: 1 } }],
  },
  {
    // _id is the person's openid: one person, one record, whatever the retries.
    name: COLLECTIONS.users,
    indexes: [
      { name: 'status_org', keys: { status: 1, orgPath: 1 } },
      { name: 'status_registered', keys: { status: 1, registeredAt: 1 } },
      // A studio's manager finds a member by name to link a representative to.
      { name: 'status_name', keys: { status: 1, name: 1 } },
    ],
  },
  {
    name: COLLECTIONS.audit,
    indexes: [{ name: 'subject_at', keys: { subjects: 1, at: -1 } }],
  },
  {
    // feedRank = featured flag + publish time + id in one sortable string: the feed is one indexed range query.
    name: COLLECTIONS.stories,
    indexes: [
      { name: 'feed', keys: { status: 1, feedRank: -1 } },
      { name: 'feed_category', keys: { status: 1, category: 1, feedRank: -1 } },
      { name: 'queue', keys: { status: 1, orgPath: 1, queuedAt: 1 } },
      { name: 'author', keys: { author: 1, submittedAt: -1 } },
      // The timer's monthly recount of the figures.
      { name: 'submitted', keys: { submittedAt: 1 } },
      { name: 'published', keys: { publishedAt: 1 } },
      ...PHOTO_CHECK_INDEXES,
    ],
  },
  {
    // _id is `${storyId}_${openid}`: one like per person, enforced by the database.
    name: COLLECTIONS.storyLikes,
    indexes: [{ name: 'story', keys: { storyId: 1 } }],
  },
  {
    // _id is `${kind}_${storyId}_${YYYY-MM-DD}_${reader}` (kind v: a view, s: a share; Asia/Shanghai day): a story's
    // view or share counts once per person (or device) per day, enforced by the database.
    name: COLLECTIONS.storyMarks,
    indexes: [{ name: 'story_day', keys: { storyId: 1, day: 1 } }],
  },
  {
    // _id is `${orgId}_${YYYY-MM}` (Asia/Shanghai month): one document of pre-counted figures per organisation and month.
    name: COLLECTIONS.storyStats,
    indexes: [{ name: 'month_org', keys: { month: 1, orgPath: 1 } }],
  },
  {
    // What a person is told (a review result ...), listed on 我的.
    name: COLLECTIONS.messages,
    indexes: [{ name: 'openid_at', keys: { openid: 1, at: -1 } }],
  },
  {
    // _id is 8 base64url characters, so a check-in token can carry it. Members list their organisations' classes
    // and those open to all; secretaries their subtree's; the timer finds the ended, uncounted ones.
    name: COLLECTIONS.classes,
    indexes: [
      { name: 'org_start', keys: { orgId: 1, start: 1 } },
      { name: 'open_start', keys: { openToAll: 1, start: 1 } },
      { name: 'subtree_start', keys: { orgPath: 1, start: 1 } },
      { name: 'due', keys: { status: 1, settled: 1, end: 1 } },
      { name: 'month', keys: { month: 1, settled: 1 } },
    ],
  },
  {
    // _id is `${classId}_${openid}`: one record per person per class, enforced by the database.
    name: COLLECTIONS.attendance,
    indexes: [
      { name: 'class_at', keys: { classId: 1, at: -1 } },
      { name: 'person_class', keys: { openid: 1, classStart: -1 } },
      // The workbench's recount of who attended in a month, quarter or year.
      { name: 'class_start', keys: { classStart: 1 } },
    ],
  },
  {
    // The lecturer roster (讲师队伍) of an organisation; the organisations under it may pick from it too.
    name: COLLECTIONS.lecturers,
    indexes: [{ name: 'org', keys: { orgId: 1 } }],
  },
  {
    // _id is `${orgId}_${YYYY-MM}` (Asia/Shanghai): classes held, attendees and expected, per organisation and month.
    name: COLLECTIONS.classMonths,
    indexes: [{ name: 'month_org', keys: { month: 1, orgPath: 1 } }],
  },
  {
    // _id is `${siteId}_${YYYY-MM}`: the classes a site hosted and their attendees (read by the site function).
    name: COLLECTIONS.classSiteMonths,
    indexes: [{ name: 'month_site', keys: { month: 1, siteId: 1 } }],
  },
  {
    // The directory. `code` is what the site's printed QR code carries (8 base64url characters, renewable; the
    // renewed ones in `retiredCodes`, so an old print is told it is stale); the nearby list is one geo query on `location`; managers find their sites by `managingOrgPath`.
    name: COLLECTIONS.sites,
    indexes: [
      { name: 'location', keys: { location: '2dsphere' } },
      { name: 'code', keys: { code: 1 }, unique: true },
      { name: 'retiredCodes', keys: { retiredCodes: 1 } },
      { name: 'active_type_name', keys: { active: 1, type: 1, name: 1 } },
      { name: 'managers', keys: { managingOrgPath: 1 } },
      ...PHOTO_CHECK_INDEXES,
    ],
  },
  {
    // _id is `${siteId}_${date}_${HHMM}`: one document per booked 30-minute slot, so two bookings of one slot
    // cannot both be written, whatever arrives at the same instant. Removed when the booking is declined or cancelled.
    name: COLLECTIONS.siteSlots,
    indexes: [
      { name: 'booking', keys: { bookingId: 1 } },
      { name: 'month', keys: { month: 1 } },
    ],
  },
  {
    name: COLLECTIONS.siteBookings,
    indexes: [
      { name: 'site_date', keys: { siteId: 1, date: 1, startMin: 1 } },
      { name: 'booker_date', keys: { bookedBy: 1, date: -1 } },
      { name: 'month_status', keys: { month: 1, status: 1 } },
    ],
  },
  {
    // _id is `${siteId}_${date}_${openid}`: one check-in per person per site per Asia/Shanghai day.
    name: COLLECTIONS.siteVisits,
    indexes: [{ name: 'month_site', keys: { month: 1, siteId: 1 } }],
  },
  {
    // First-of-the-month markers that make the distinct counts exact: `${siteId}_${month}_p_${openid}` (a visitor)
    // and `${siteId}_${month}_o_${orgId}` (an organisation served). A figure grows only when its marker is new.
    name: COLLECTIONS.siteMarks,
    indexes: [{ name: 'month_site', keys: { month: 1, siteId: 1 } }],
  },
  {
    // _id is `${siteId}_${YYYY-MM}` (Asia/Shanghai): a site's pre-counted figures for the month.
    name: COLLECTIONS.siteMonths,
    indexes: [{ name: 'month_site', keys: { month: 1, siteId: 1 } }],
  },
  {
    // A 党代表工作室's representatives (photos checked like a site's).
    name: COLLECTIONS.studioReps,
    indexes: [{ name: 'site', keys: { siteId: 1, active: 1 } }, ...PHOTO_CHECK_INDEXES],
  },
  {
    // _id is the studio's site id: its reception schedule (接待日), one document.
    name: COLLECTIONS.studioSchedules,
    indexes: [],
  },
  {
    // _id is a hash of (author, the form's request id): a retried submission is the same case. Handlers list open
    // cases by deadline in their subtree (`orgPath`: the organisation handling it; `managingOrgPath`: the studio's).
    name: COLLECTIONS.studioCases,
    indexes: [
      { name: 'author', keys: { author: 1, submittedAt: -1 } },
      { name: 'handler_status', keys: { orgPath: 1, status: 1, deadlineAt: 1 } },
      { name: 'studio_status', keys: { managingOrgPath: 1, status: 1, deadlineAt: 1 } },
      { name: 'rep_status', keys: { repId: 1, status: 1, deadlineAt: 1 } },
      { name: 'rep_submitted', keys: { repId: 1, submittedAt: -1 } },
      { name: 'month', keys: { month: 1 } },
      { name: 'closed_month', keys: { closedMonth: 1 } },
      { name: 'rated_month', keys: { ratedMonth: 1 } },
      ...PHOTO_CHECK_INDEXES,
    ],
  },
  {
    // _id is `${siteId}_${YYYY-MM}` (Asia/Shanghai): a studio's pre-counted case figures for the month, each
    // representative's under `<figure>@<repId>` in the same document (one write per event).
    name: COLLECTIONS.studioMonths,
    indexes: [{ name: 'month_site', keys: { month: 1, siteId: 1 } }],
  },
  {
    // _id is `${siteId}_${ISBN-13}` (one ISBN is one book of a 书屋) or `${siteId}_${fresh id}` for a book without one.
    name: COLLECTIONS.libraryBooks,
    indexes: [{ name: 'site_shelf', keys: { siteId: 1, shelf: 1, title: 1 } }],
  },
  {
    // _id is `${bookId}-${n}`: copy n of a book, what its label's QR code names. Its current loan lives on it.
    name: COLLECTIONS.libraryCopies,
    indexes: [
      { name: 'book', keys: { bookId: 1, n: 1 } },
      { name: 'holder', keys: { holder: 1, state: 1, due: 1 } },
      { name: 'overdue', keys: { siteId: 1, state: 1, due: 1 } },
      { name: 'reminders', keys: { state: 1, remind: 1, dueDate: 1 } },
      { name: 'borrow_month', keys: { borrowMonth: 1 } },
    ],
  },
  {
    // _id is the loan's id (`${copyId}-${borrowed at, base 36 ms}`): the history of ended loans.
    name: COLLECTIONS.libraryLoans,
    indexes: [
      { name: 'reader', keys: { openid: 1, returnedAt: -1 } },
      { name: 'borrow_month', keys: { borrowMonth: 1 } },
    ],
  },
  {
    // _id is `${siteId}_${YYYY-MM}` (Asia/Shanghai), as the site's own figures: the 书屋's loans of the month.
    name: COLLECTIONS.libraryMonths,
    indexes: [{ name: 'month_site', keys: { month: 1, siteId: 1 } }],
  },
  {
    // _id is `${openid}_${action}_${window start ms}`: a per-person rate limit's counter (common/rateLimit.ts).
    name: COLLECTIONS.rateLimits,
    indexes: [{ name: 'ends', keys: { ends: 1 } }],
  },
  {
    // The environment's generated keys (common/secrets.ts), one document; only the functions may read it.
    name: COLLECTIONS.secrets,
    indexes: [],
  },
  {
    // _id is the session id a signed H5 session token carries (common/sessions.ts): who, how, which browser, until when.
    name: COLLECTIONS.sessions,
    indexes: [{ name: 'openid', keys: { openid: 1, createdAt: -1 } }],
  },
  {
    // _id is the random login code a QR code on the H5 login page carries (common/loginCodes.ts); the story timer
    // removes the spent ones by `expiresAt`.
    name: COLLECTIONS.loginCodes,
    indexes: [{ name: 'expires', keys: { expiresAt: 1 } }],
  },
  {
    // _id is `${orgId}_${period}` (a month, quarter or year): the workbench's own pre-counted figures of an
    // organisation's subtree — its approved members and those who attended a class in the period (workbench/figures.ts).
    name: COLLECTIONS.orgPeriods,
    indexes: [{ name: 'period_org', keys: { period: 1, orgPath: 1 } }],
  },
  {
    // _id is the period (`2026-Q4`): the district's targets for it, set by the admin (audited).
    name: COLLECTIONS.workbenchTargets,
    indexes: [],
  },
  {
    // _id is `${orgId}_${quarter}`: the quarter's 通报 of an organisation, built again in place; its workbook in storage.
    name: COLLECTIONS.reports,
    indexes: [{ name: 'org_quarter', keys: { orgPath: 1, quarter: -1 } }],
  },
]
