// In Chromium, on the H5 build served by the emulator (issue 14, items 1, 2 and 5):
//  - a first scan counts as of its moment: the page names the class, the member reads why the location is needed
//    and answers 40 s later by the emulator's clock (the code on the screen long gone) and is signed in on time; a
//    receipt forwarded to another person, one used again after the sign-in and one left for over 3 minutes are
//    refused on the page in Chinese;
//  - a member of community B scanning community A's class is told they come as 列席, and the attendance page, its
//    export and the coverage keep them apart from 实到 and the rate;
//  - the coverage page, its export and the figures agree on the seeded district with committees and branches, with
//    只看未开课 and 按状态.
import type { Page } from 'playwright-core'
import { as, emulatorNow, fireTimer, setClock } from '../helpers/api'
import { current, exportedSheet, useBrowserBed } from '../helpers/browser'

const bed = useBrowserBed()
jest.setTimeout(120_000)

const MINUTE = 60_000
/** Where the members stand (the browser's position): the class's place is here, its geofence 3 km (the WGS-84 →
 * GCJ-02 shift the app applies is a few hundred metres). */
const HERE = { latitude: 30.5431, longitude: 114.3627 }

/** A class of community A (by default) starting in 5 minutes at HERE: sign-in open now. Answers its id and its code's URL. */
async function openClass(title: string, secretary = 'demo-secretary', orgId?: string) {
  const who = await as(bed.emu, secretary)
  const start = new Date((await emulatorNow(bed.emu)).getTime() + 5 * MINUTE)
  const made = await who.call('classroom', 'create', {
    title, topic: '学习讨论', category: 'theory', lecturer: { name: '周立新' },
    place: { name: '幸福里社区党群服务中心', location: { lat: HERE.latitude, lng: HERE.longitude } }, geofence: 3000,
    start: start.toISOString(), end: new Date(start.getTime() + 60 * MINUTE).toISOString(), ...(orgId ? { orgId } : {}),
  })
  expect(made.ok).toBe(true)
  const code = await who.call('classroom', 'code', { classId: made.data.id })
  return { id: made.data.id as string, url: bed.local(code.data.url as string), who }
}

/** The next `scan` answer of `page`, as the network carries it. */
const scanAnswer = (page: Page) => page.waitForResponse(async (res) =>
  res.url().endsWith('/api/classroom') && (res.request().postDataJSON() as { action?: string })?.action === 'scan')

/** Makes `page`'s next scan answer `answer` (a receipt forwarded from someone else's phone). */
async function forwardScan(page: Page, answer: unknown) {
  let forwarded = false
  await page.route('**/api/classroom', async (route) => {
    if (forwarded || (route.request().postDataJSON() as { action?: string })?.action !== 'scan') return route.continue()
    forwarded = true
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(answer) })
  })
}

test('a first scan completed 40 s later signs in as of the scan; forwarded, reused and lapsed receipts are refused', async () => {
  const TITLE = '扫码后慢慢来'
  const { id, url, who: secretary } = await openClass(TITLE)

  // The member scans: the page names the class and asks for the location, with the reason.
  const member = await bed.person('demo-member', { geolocation: HERE })
  const scanned = scanAnswer(member.page())
  await member.page().goto(url)
  await member.locator('.checkin__title', { hasText: '需要确认您在上课地点' }).waitFor()
  await member.locator('.checkin__class', { hasText: TITLE }).waitFor()
  await member.getByText('幸福里社区党委', { exact: false }).first().waitFor()
  const scanAt = await emulatorNow(bed.emu)
  const memberScan = await (await scanned).json()
  expect(memberScan.ok).toBe(true)

  // 40 s pass (reading, the phone's prompt): the code on the screen has rotated twice. Then the member allows it.
  await setClock(bed.emu, new Date(scanAt.getTime() + 40_000))
  await member.locator('.at-button', { hasText: '允许获取位置并签到' }).click()
  await member.locator('.checkin__title', { hasText: '签到成功' }).waitFor()
  await member.locator('.checkin__class', { hasText: TITLE }).waitFor()
  const sheet = await secretary.call('classroom', 'attendance', { classId: id })
  const row = sheet.data.items.find((r: any) => r.userId === 'demo-member')
  expect(row).toMatchObject({ status: 'on-time', by: 'scan', guest: false })
  // Counted as of the scan, not the completion.
  expect(Math.abs(Date.parse(row.at) - scanAt.getTime())).toBeLessThan(5_000)

  // The member's receipt forwarded to another person's phone: refused, in words that say why.
  const retired = await bed.person('demo-retired', { geolocation: HERE })
  await forwardScan(retired.page(), memberScan)
  await retired.page().goto(url)
  await retired.locator('.at-button', { hasText: '允许获取位置并签到' }).click()
  await retired.locator('.checkin__title', { hasText: '签到凭证无效' }).waitFor()
  await retired.getByText(/这份签到凭证属于扫码的本人，不能替别人签到/).waitFor()

  // The same receipt used again by the member after the sign-in: 已签到, with the first time.
  const again = await bed.person('demo-member', { geolocation: HERE })
  await forwardScan(again.page(), memberScan)
  await again.page().goto(url)
  await again.locator('.at-button', { hasText: '允许获取位置并签到' }).click()
  await again.locator('.checkin__title', { hasText: '已签到' }).waitFor()
  await again.getByText(/您已于 \d\d:\d\d 签到，不用再扫了/).waitFor()

  // A scan left for more than 3 minutes has lapsed: scan the newest code again.
  const fresh = bed.local((await secretary.call('classroom', 'code', { classId: id })).data.url)
  const slow = await bed.person('demo-secretary', { geolocation: HERE })
  await slow.page().goto(fresh)
  await slow.locator('.checkin__title', { hasText: '需要确认您在上课地点' }).waitFor()
  await setClock(bed.emu, new Date((await emulatorNow(bed.emu)).getTime() + 3 * MINUTE + 5_000))
  await slow.locator('.at-button', { hasText: '允许获取位置并签到' }).click()
  await slow.locator('.checkin__title', { hasText: '扫码已超过 3 分钟' }).waitFor()
  await slow.getByText(/这次扫码已失效，请扫描大屏上最新的签到码/).waitFor()

  const after = await secretary.call('classroom', 'attendance', { classId: id })
  expect(after.data).toMatchObject({ signedIn: 1, guests: 0 })
  expect(after.data.items.filter((r: any) => r.status !== 'none').map((r: any) => r.userId)).toEqual(['demo-member'])
})

test('a guest\'s scan: told 列席 before signing in, kept apart on the attendance page, its export and the coverage', async () => {
  const TITLE = '社区 A 的课，社区 B 的党员来听'
  const { id, url, who: secretaryApi } = await openClass(TITLE)
  const member = await bed.person('demo-member', { geolocation: HERE })
  await member.page().goto(url)
  await member.locator('.at-button', { hasText: '允许获取位置并签到' }).click()
  await member.locator('.checkin__title', { hasText: '签到成功' }).waitFor()

  const guest = await bed.person('demo-member-b', { geolocation: HERE })
  await guest.page().goto(url)
  await guest.getByText(/您不是主办党组织的党员，将以列席身份签到/).waitFor()
  await guest.locator('.at-button', { hasText: '允许获取位置并签到' }).click()
  await guest.locator('.checkin__title', { hasText: '签到成功' }).waitFor()
  await guest.getByText('列席：不计入这节课的实到人数和出勤率。').waitFor()

  // The attendance page: 实到 1 of 3, the rate 33.3 %, 列席 1 in a card of its own.
  const secretary = await bed.person('demo-secretary')
  await bed.open(secretary.page(), `/secretary/pages/class-attendance/index?id=${id}`)
  const page = current(secretary.page())
  await page.locator('.attendance__number--signed', { hasText: /^1$/ }).waitFor()
  await page.locator('.attendance__number--guests', { hasText: /^1$/ }).waitFor()
  await page.getByText('33.3%').waitFor()
  await page.locator('.attendance__guests .attendance-row', { hasText: '刘洋' }).waitFor()
  expect(await page.locator('.attendance__list:not(.attendance__guests)').textContent()).not.toContain('刘洋')

  const rows = await exportedSheet(secretary.page(), 'classroom', 'export')
  expect(rows.find((r) => r[0] === '出勤')?.[1]).toMatch(/^应到 3 人，实到 1 人.*出勤率 33\.3%$/)
  expect(rows.find((r) => r[0] === '列席')?.[1]).toBe('外单位党员 1 人，不计入实到和出勤率')
  expect(rows.find((r) => r[1] === '刘洋')?.[3]).toBe('已签到（列席）')

  // The class ends: coverage counts community A's 实到 1 and 列席 1 apart, and the rate is its own members'.
  const c = (await secretaryApi.call('classroom', 'get', { classId: id })).data
  await setClock(bed.emu, new Date(Date.parse(c.end) + MINUTE))
  await bed.open(secretary.page(), '/secretary/pages/class-coverage/index')
  const cov = current(secretary.page())
  const communityA = cov.locator('.coverage-org', { has: secretary.page().locator('.coverage-org__name', { hasText: /^幸福里社区党委$/ }) })
  await communityA.waitFor()
  const api = (await secretaryApi.call('classroom', 'coverage', {})).data
  const a = api.items.find((i: any) => i.orgId === 'org-community-a')
  expect(a.guests).toBeGreaterThanOrEqual(1)
  expect(await communityA.locator('.coverage-org__figures').textContent())
    .toContain(`实到 ${a.attendees} 人次 · 列席 ${a.guests} 人次`)
})

test('the coverage page, its export and the figures agree on the district; 只看未开课 and 按状态', async () => {
  // Community B's first branch holds a class of its own this month (community A held one in the test above).
  const b1 = await openClass('支部自己的课', 'demo-secretary-b', 'org-branch-b1')
  const c = (await b1.who.call('classroom', 'get', { classId: b1.id })).data
  await setClock(bed.emu, new Date(Date.parse(c.end) + MINUTE))

  const admin = await bed.person('demo-admin')
  await bed.open(admin.page(), '/secretary/pages/class-coverage/index')
  const page = current(admin.page())
  const headline = page.locator('.coverage__headline')
  await headline.waitFor()

  // The figures: right as they are (a recount from the records repairs nothing), then what the page and the export show.
  const timer = await fireTimer(bed.emu, 'classroom', 'settleAndRecount')
  expect(timer.data.repaired).toBe(0)
  const api = (await (await as(bed.emu, 'demo-admin')).call('classroom', 'coverage', {})).data
  const s = api.summary
  expect(s.orgs).toBe(api.items.filter((i: any) => i.status !== 'total').length)
  expect(await headline.textContent()).toBe(`应开课的基层党组织 ${s.orgs} 个，已开课 ${s.covered} 个，未开课 ${s.uncovered} 个`)
  const statuses = Object.fromEntries(api.items.map((i: any) => [i.orgId, i.status]))
  expect(statuses).toMatchObject({
    'org-district': 'total', 'org-community-a': 'held', 'org-branch-a1': 'viaCommittee', 'org-branch-a2': 'viaCommittee',
    'org-community-b': 'held', 'org-branch-b1': 'held',
  })

  const labels = { held: '已开课', viaCommittee: '随党委开课', none: '未开课', total: '汇总' } as Record<string, string>
  const shownRows = async () => page.locator('.coverage-org').evaluateAll((rows) => rows.map((r) => [
    r.querySelector('.coverage-org__name')!.textContent, r.querySelector('.coverage-org__flag')!.textContent,
  ]))
  expect(await shownRows()).toEqual(api.items.map((i: any) => [i.orgName, labels[i.status]]))

  const sheet = await exportedSheet(admin.page(), 'classroom', 'coverageExport')
  expect(sheet.find((r) => r[0] === '开课')?.[1]).toBe(`应开课的基层党组织 ${s.orgs} 个，已开课 ${s.covered} 个，未开课 ${s.uncovered} 个`)
  const header = sheet.findIndex((r) => r[1] === '类型')
  expect(sheet.slice(header + 1).map((r) => [r[0].replace(/^　+/, ''), r[2], Number(r[3]), Number(r[4]), Number(r[5])]))
    .toEqual(api.items.map((i: any) => [i.orgName, labels[i.status], i.classesHeld, i.attendees, i.guests]))

  await page.locator('.ps-chip', { hasText: '只看未开课' }).click()
  const uncovered = api.items.filter((i: any) => i.status === 'none').map((i: any) => [i.orgName, '未开课'])
  expect(uncovered.length).toBe(s.uncovered)
  expect(await shownRows()).toEqual(uncovered)
  await page.locator('.ps-chip', { hasText: '全部' }).click()
  await page.locator('.ps-chip', { hasText: '按状态' }).click()
  const flags = (await shownRows()).map((r) => r[1])
  const order = ['未开课', '随党委开课', '已开课', '汇总']
  expect(flags).toEqual([...flags].sort((x, y) => order.indexOf(x!) - order.indexOf(y!)))
  expect(flags[0]).toBe('未开课')
})
