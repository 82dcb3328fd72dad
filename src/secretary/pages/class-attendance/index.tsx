// 出勤情况: who signed in (on time or late), who was signed in by hand, on leave or absent, and the rate; guests from
// other organisations (列席) listed apart, outside 实到 and the rate; 手动签到 for a member without a phone; 导出Excel (downloaded in the browser, opened with the phone's viewer in WeChat).
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import LoadState from '@/components/LoadState'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { historyUrl, ROUTES } from '@/routes'
import { ATTENDANCE_STATUS_LABELS, classroomService, CLASS_STATE_LABELS } from '@/services'
import type { AttendanceRow, ClassAttendance } from '@/services'
import { formatRate } from '@/utils/figures'
import { formatDayTime } from '@/utils/time'
import { openWorkbook } from '@/utils/workbook'
import MarkForm from './MarkForm'
import './index.scss'

const classIdOf = () => Taro.getCurrentInstance().router?.params?.id ?? ''

/** Already there (scanned, or marked present): 手动签到 has nothing to add; a correction (请假, 缺席) still can. */
const signedIn = (row: AttendanceRow) => row.status === 'on-time' || row.status === 'late' || row.status === 'present'

function Row({ row, onMark }: { row: AttendanceRow; onMark: () => void }) {
  return (
    <View className='attendance-row'>
      <View className='attendance-row__main'>
        <Text className='attendance-row__name'>{row.name}</Text>
        {row.guest ? <Text className='attendance-row__guest'>列席</Text> : null}
        <Text className={`attendance-row__status attendance-row__status--${row.status}`}>{ATTENDANCE_STATUS_LABELS[row.status]}</Text>
      </View>
      <Text className='attendance-row__meta'>
        {row.orgName}
        {row.at ? ` · ${formatDayTime(row.at)}` : ''}
        {row.by === 'scan' ? ' · 扫码' : row.by === 'hand' ? ' · 书记登记' : ''}
      </Text>
      {row.reason ? <Text className='attendance-row__reason'>原因：{row.reason}</Text> : null}
      {/* A guest is outside the secretary's organisations: not theirs to mark, nor their history to read. */}
      {row.guest ? null : (
        <View className='attendance-row__actions'>
          <AtButton size='small' className='attendance-row__mark' onClick={onMark}>{signedIn(row) ? '更正登记' : '手动签到 / 登记'}</AtButton>
          <AtButton size='small' className='attendance-row__history' onClick={() => Taro.navigateTo({ url: historyUrl('person', row.userId) })}>操作记录</AtButton>
        </View>
      )}
    </View>
  )
}

export default function ClassAttendancePage() {
  const [classId] = useState(classIdOf)
  const [sheet, setSheet] = useState<ClassAttendance | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [marking, setMarking] = useState<string | null>(null)
  const [exporting, setExporting] = useState(false)
  const [exported, setExported] = useState<{ url: string } | null>(null)
  const [exportError, setExportError] = useState<string | null>(null)

  const load = async () => {
    setError(null)
    const result = await classroomService.attendance(classId)
    if (result.ok) setSheet(result.data)
    else setError(result.message)
  }

  useDidShow(() => {
    load()
  })

  const exportSheet = async () => {
    setExporting(true)
    setExportError(null)
    const result = await classroomService.export(classId)
    if (!result.ok) {
      setExporting(false)
      setExportError(result.message)
      return
    }
    setExported({ url: result.data.url })
    try {
      await openWorkbook(result.data.url)
    } catch {
      setExportError('签到表已生成，但没能打开。请稍后再点“导出Excel”。')
    }
    setExporting(false)
  }

  const onMarked = () => {
    setMarking(null)
    load()
  }

  if (!sheet) {
    return (
      <PageShell className='attendance'>
        <LoadState loading error={error} onRetry={load} textClassName='attendance__text' />
      </PageShell>
    )
  }

  const members = sheet.items.filter((row) => !row.guest)
  const guests = sheet.items.filter((row) => row.guest)
  const rowOf = (row: AttendanceRow) => (
    <View key={row.userId}>
      <Row row={row} onMark={() => setMarking(marking === row.userId ? null : row.userId)} />
      {marking === row.userId ? (
        <MarkForm classId={classId} userId={row.userId} name={row.name} onMarked={onMarked} onClose={() => setMarking(null)} />
      ) : null}
    </View>
  )

  return (
    <PageShell className='attendance'>
      <Text className='attendance__title'>{sheet.title}</Text>
      <Text className='attendance__state'>{CLASS_STATE_LABELS[sheet.state]}</Text>

      <Card className='attendance__summary'>
        <View className='attendance__figures'>
          <View className='attendance__figure'>
            <Text className='attendance__number'>{sheet.expected}</Text>
            <Text className='attendance__label'>应到</Text>
          </View>
          <View className='attendance__figure'>
            <Text className='attendance__number attendance__number--signed'>{sheet.signedIn}</Text>
            <Text className='attendance__label'>实到</Text>
          </View>
          <View className='attendance__figure'>
            <Text className='attendance__number'>{formatRate(sheet.rate)}</Text>
            <Text className='attendance__label'>出勤率</Text>
          </View>
          <View className='attendance__figure'>
            <Text className='attendance__number attendance__number--guests'>{sheet.guests}</Text>
            <Text className='attendance__label'>列席</Text>
          </View>
        </View>
        <Text className='attendance__breakdown'>
          按时 {sheet.onTime} · 迟到 {sheet.late} · 补签到 {sheet.present} · 请假 {sheet.leave} · 缺席 {sheet.absent}
        </Text>
        {sheet.guests > 0 ? <Text className='attendance__breakdown'>列席是其他党组织的党员，不计入实到和出勤率。</Text> : null}
      </Card>

      <View className='attendance__actions'>
        <AtButton type='primary' loading={exporting} disabled={exporting} onClick={exportSheet}>导出Excel</AtButton>
        <AtButton type='secondary' onClick={load}>刷新</AtButton>
        {sheet.state === 'open' || sheet.state === 'upcoming' ? (
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: `${ROUTES.classCode}?id=${classId}` })}>签到码</AtButton>
        ) : null}
        <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: historyUrl('class', classId) })}>操作记录</AtButton>
      </View>
      {exported && !exportError ? (
        <Notice tone='success'>签到表已生成（{sheet.items.length} 人），链接 2 小时内有效。</Notice>
      ) : null}
      {exportError ? <Notice tone='danger'>{exportError}</Notice> : null}
      {error ? <Notice tone='danger'>{error}</Notice> : null}

      <Card title={`名单（${members.length} 人）`} className='attendance__list'>
        {members.length === 0 ? <Text className='attendance__text'>本组织还没有党员。</Text> : null}
        {members.map(rowOf)}
      </Card>
      {guests.length > 0 ? (
        <Card title={`列席（${guests.length} 人）`} className='attendance__list attendance__guests'>
          {guests.map(rowOf)}
        </Card>
      ) : null}
    </PageShell>
  )
}
