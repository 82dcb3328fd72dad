// Files in cloud storage as readers get them: temporary download URLs.
import { cloud } from './cloud'

/** Temporary URLs for photos, in one storage call (storage calls are not database operations). */
export async function tempUrls(fileIds: string[]): Promise<Map<string, string>> {
  const urls = new Map<string, string>()
  const unique = [...new Set(fileIds)]
  if (unique.length === 0) return urls
  try {
    const { fileList } = await cloud().getTempFileURL({ fileList: unique })
    for (const f of fileList ?? []) if (f.code === 'SUCCESS' && f.tempFileURL) urls.set(f.fileID, f.tempFileURL)
  } catch (err) {
    // A page still reads without its photos; it shows a placeholder for an empty URL.
    console.warn('[files] getTempFileURL failed', err)
  }
  return urls
}
