// Where people's uploads go, and the storage security rule that follows from it (applied by
// scripts/setup-cloudbase.js). The functions reach storage as the admin, whom rules never bind; a mini-program
// user reaches it only through this rule. A photo is written by the person (weapp's uploadFile) into their own
// upload folder; everything else (exported workbooks, published photos) is read through the temporary URLs the
// functions hand out, never directly.
// No imports: the setup script loads this file on its own.

/** The areas people upload photos to: `<area>/<folder>/<file>`. */
export const PHOTO_AREAS = ['stories', 'sites', 'cases'] as const
export type PhotoArea = (typeof PHOTO_AREAS)[number]

/** Hex digits of the openid's SHA-256 that name a person's upload folder (the path does not reveal the openid). */
export const FOLDER_HASH_LENGTH = 16

/** A photo's file name inside its folder: no further folder, no leading dot. */
export const PHOTO_NAME_PATTERN = '[A-Za-z0-9_-][A-Za-z0-9._-]*'

const UPLOAD_PATH = `^(${PHOTO_AREAS.join('|')})\\/[0-9a-f]{${FOLDER_HASH_LENGTH}}\\/${PHOTO_NAME_PATTERN}$`

/**
 * The bucket's custom rule (CloudBase storage security rules: `auth`, `resource.openid` the file's owner,
 * `resource.path` its path, a regex literal's `.test(...)` compared with `== true`). A person reads and writes only
 * files they own, and writes only in the upload areas' folder shape; nobody reads an export directly.
 * The rule cannot hash an openid, so "their own folder" rests on the functions: a photo counts only from the
 * caller's folder (photos.ts ownPhotos), and a file planted in someone else's folder is never theirs to overwrite.
 */
export const STORAGE_RULE = {
  read: 'auth != null && resource.openid == auth.openid',
  write: `auth != null && resource.openid == auth.openid && /${UPLOAD_PATH}/.test(resource.path) == true`,
}
