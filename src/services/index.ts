export { callFunction } from './callFunction'
export {
  LOGIN_CODE_RENEW_SECONDS, LOGIN_CODE_STATE_LABELS, LOGIN_CONFIRM_PAGE, REGISTRATION_LIMITS, REGISTRATION_REVIEW_TEMPLATE_ID, userService,
} from './user'
export {
  PHOTO_CHECK_LABELS, storyService, STORY_CATEGORIES, STORY_CATEGORY_LABELS, STORY_DETAIL_PAGE, STORY_LIMITS, STORY_REVIEW_TEMPLATE_ID,
  STORY_STATUS_LABELS,
} from './story'
export { storyPhotos } from './storyPhotos'
export type { PhotoTicket, StoryPhoto } from './storyPhotos'
export {
  studioService, CASE_EVENT_LABELS, CASE_KIND_LABELS, CASE_STATUS_LABELS, RATING_LABELS, STUDIO_CASE_PAGE, STUDIO_LIMITS,
} from './studio'
export type {
  CaseDetail, CaseEvent, CaseKind, CaseStatus, CaseSummary, LinkableMember, Rating, ReceptionSlot, Representative,
  StudioFiguresView, StudioPage,
} from '../../contract/studio'
export {
  classroomService, ATTENDANCE_STATUS_LABELS, CHECKIN_PAGE, CLASS_CATEGORIES, CLASS_CATEGORY_LABELS, CLASS_GEOFENCE,
  CLASS_LIMITS, CLASS_STATE_LABELS, COVERAGE_STATUS_LABELS, MARK_STATUSES, RECEIPT_MINUTES,
} from './classroom'
export type {
  CheckInLocation, ClassAttendance, ClassCode, ClassCreateInput, ClassScan, ClassUpdateInput,
} from './classroom'
export {
  siteService, BOOKING_STATUS_LABELS, SITE_BOOKING_LIMITS, SITE_FACILITIES, SITE_FACILITY_LABELS, SITE_LEVEL_LABELS,
  SITE_TYPES, SITE_TYPE_LABELS, SITE_VISIT_PAGE, WEEKDAY_LABELS,
} from './site'
export type { SiteBookInput, SiteListInput, SiteLocation, SiteVisitResult } from './site'
export {
  libraryService, COPY_STATE_LABELS, LIBRARY_BORROW_PAGE, LIBRARY_REMINDER_TEMPLATES, LIBRARY_RULES, normalizeIsbn,
} from './library'
export type { Book, CopyView, LibraryFigures, LibraryOutput, Loan, OverdueLoan } from './library'
export { clearToken, goToLogin, isSignedIn, usesTokenSignIn } from './session'
export { HISTORY_SUBJECT_LABELS, ROLE_LABELS, PERSON_STATUS_LABELS, asSentence, distanceLabel, maskPhone } from './labels'
export type { ApiResult, ApiError, FieldError, Registration } from '../../contract/common'
export type { AuditRecord, HistorySubject, LoginCodeState, Org, Person, PersonStatus, Role, UserOutput } from '../../contract/user'
export type {
  Message, QueueItem, StoryCard, StoryCategory, StoryDetail, StoryStatus, StorySummary,
} from '../../contract/story'
export type {
  AttendanceRow, AttendanceRowStatus, AttendanceStatus, ClassCategory, ClassDetail, ClassState, ClassSummary, Lecturer,
  CoverageStatus, MarkStatus, OrgCoverage, StudyMonth, StudyRecord,
} from '../../contract/classroom'
export type {
  Booking, BookingStatus, OpeningInterval, SiteDay, SiteDetail, SiteFacility, SiteLevel, SiteSummary, SiteType,
  SiteUsage,
} from '../../contract/site'
