// In Chromium, on the H5 build served by the emulator, one class from the secretary's form to the attendance sheet:
// demo-secretary schedules a class that opens for sign-in at once and shows its 签到码; demo-member opens the code's
// URL (read from the page, as a camera reads the QR code) and is signed in; the secretary's live count shows 1; the
// same URL 40 s later (the functions' clock moved) is refused as expired; the secretary signs in the retired member
// by hand; the exported .xlsx, read back with exceljs, has both rows; the class's 操作记录 shows the hand mark. Screenshots of the code page (projector size),
// the member's check-in, the attendance page, the member's 课堂 tab and study record in 长辈模式 go to docs/screenshots/.
import { setClock } from '../helpers/api'
import { exportedSheet, screenshot, useBrowserBed } from '../helpers/browser'

const bed = useBrowserBed()

const TITLE = '学习新修订《党章》'

test('a class from the form to the exported sheet: scan, live count, expired code, hand mark, Excel', async () => {
  // The secretary schedules a class with the form's own day and times: it starts at the next half hour, and
  // sign-in opens 30 minutes before the start, so it is open now.
  const secretary = await bed.person('demo-secretary', { viewport: { width: 1280, height: 720 } })
  await secretary.locator('.at-button', { hasText: '课程管理' }).click()
  await secretary.locator('.at-button', { hasText: '新建课程' }).click()
  const form = secretary.locator('.class-form')
  await form.locator('input[name="title"]').fill(TITLE)
  await form.locator('input[name="topic"]').fill('逐章学习，结合社区工作谈体会')
  await form.locator('.ps-chip', { hasText: '理论学习' }).click()
  await form.locator('.ps-chip', { hasText: '李振华' }).click()
  await form.locator('input[name="placeName"]').fill('幸福里社区党群服务中心二楼会议室')
  await form.locator('.at-button', { hasText: '安排课程' }).click()

  const card = secretary.locator('.class-card', { hasText: TITLE })
  await card.waitFor()
  expect(await card.locator('.class-card__state').textContent()).toBe('签到中')
  await card.locator('.at-button', { hasText: '签到码' }).click()

  const qr = secretary.locator('.class-code__qr')
  await qr.waitFor()
  await secretary.locator('.class-code__title', { hasText: TITLE }).waitFor()
  expect(await secretary.locator('.class-code__count').textContent()).toMatch(/已签到\s*0\s*\/ 应到 3/)
  const url = (await qr.getAttribute('data-checkin-url'))!
  expect(url).toMatch(/\/#\/pages\/checkin\/index\?t=[A-Za-z0-9_-]{26}$/)
  expect(await qr.locator('img').getAttribute('src')).toMatch(/^data:image\/svg\+xml/)

  // The member's phone opens the URL the QR code carries and is signed in.
  const member = await bed.person('demo-member')
  await member.page().goto(bed.local(url))
  await member.locator('.checkin__title', { hasText: '签到成功' }).waitFor()
  await member.locator('.checkin__class', { hasText: TITLE }).waitFor()
  await member.getByText(/^签到时间 \d\d:\d\d$/).waitFor()
  await screenshot(member.page(), 'classroom-checkin')

  // The projector's count follows within one poll, with the member's name among the latest.
  await secretary.locator('.class-code__signed', { hasText: /^1$/ }).waitFor()
  await secretary.locator('.class-code__latest-name', { hasText: '张明' }).waitFor()
  await screenshot(secretary.page(), 'classroom-code')

  // 40 seconds later the same URL is refused as expired (for someone who has not signed in yet, too), and the
  // screen has moved on to a new code.
  await setClock(bed.emu, new Date(Date.now() + 40_000))
  const retired = await bed.person('demo-retired')
  await retired.page().goto(bed.local(url))
  await retired.locator('.checkin__title', { hasText: '签到码已过期' }).waitFor()
  await retired.getByText(/请扫描大屏上最新的签到码/).waitFor()
  await secretary.locator(`.class-code__qr:not([data-checkin-url=${JSON.stringify(url)}])`).waitFor()

  // The retired member has no smartphone with them: the secretary signs them in by hand, with the reason.
  await secretary.page().setViewportSize({ width: 390, height: 844 })
  await secretary.locator('.at-button', { hasText: '查看出勤' }).click()
  const zhang = secretary.locator('.attendance-row', { hasText: '张明' })
  await zhang.locator('.attendance-row__status', { hasText: '已签到' }).waitFor()
  expect(await zhang.textContent()).toContain('扫码')
  const chen = secretary.locator('.attendance-row', { hasText: '陈秀英' })
  await chen.locator('.attendance-row__mark').click()
  await secretary.locator('.attendance-mark textarea').fill('老党员没有智能手机，现场由书记代为签到')
  await secretary.locator('.attendance-mark .at-button', { hasText: '确认登记' }).click()
  await chen.locator('.attendance-row__status', { hasText: '补签到' }).waitFor()
  await secretary.locator('.attendance__number--signed', { hasText: /^2$/ }).waitFor()
  await screenshot(secretary.page(), 'classroom-attendance')

  // 导出Excel: the back end answers a temporary link (the browser downloads it); the workbook has both rows.
  const rows = await exportedSheet(secretary.page(), 'classroom', 'export')
  await secretary.getByText(/签到表已生成/).waitFor()
  expect(rows.find((r) => r[0] === '课程')?.[1]).toBe(TITLE)
  const zhangRow = rows.find((r) => r[1] === '张明')!
  expect([zhangRow[3], zhangRow[5]]).toEqual(['已签到', '扫码'])
  expect(zhangRow[4]).toMatch(/^\d+月\d+日 周. \d\d:\d\d$/)
  const chenRow = rows.find((r) => r[1] === '陈秀英')!
  expect([chenRow[3], chenRow[5], chenRow[6]]).toEqual(['补签到', '手工', '老党员没有智能手机，现场由书记代为签到'])

  // 操作记录: the class's history shows the hand mark (whom, by whom, why) above the scheduling, newest first.
  await secretary.locator('.attendance__actions .at-button', { hasText: '操作记录' }).click()
  const marked = secretary.locator('.history-entry', { hasText: '登记出勤' })
  await marked.waitFor()
  expect(await marked.textContent()).toContain('陈秀英：补签到')
  expect(await marked.textContent()).toContain('李芳')
  expect(await marked.textContent()).toContain('原因：老党员没有智能手机，现场由书记代为签到')
  expect(await secretary.locator('.history-entry__action').allTextContents()).toEqual(['登记出勤', '安排课程'])

  // The member's 课堂 tab shows their sign-in on the class, and 我的学习记录 counts it; here in 长辈模式.
  await bed.careMode(member.page(), true)
  await bed.open(member.page(), '/pages/classroom/index')
  const mine = member.locator('.class-card', { hasText: TITLE })
  await mine.locator('.class-card__mine', { hasText: '我：已签到' }).waitFor()
  await screenshot(member.page(), 'classroom-tab-care')
  await member.locator('.ps-chip', { hasText: '我的学习记录' }).click()
  await member.locator('.study__item', { hasText: TITLE }).locator('.study__status', { hasText: '已签到' }).waitFor()
  await screenshot(member.page(), 'classroom-record-care')
})
