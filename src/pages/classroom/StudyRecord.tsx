// 我的学习记录: the classes a member attended in a year, month by month, with how long they studied.
import { Text, View } from '@tarojs/components'
import Card from '@/components/Card'
import { YearStepper } from '@/components/MonthStepper'
import { ATTENDANCE_STATUS_LABELS, CLASS_CATEGORY_LABELS } from '@/services'
import type { StudyMonth, StudyRecord as StudyRecordItem } from '@/services'
import { formatDayTime, formatMinutes, formatMonth, shanghaiMonth } from '@/utils/time'

export interface StudyYear {
  year: number
  total: number
  minutes: number
  months: StudyMonth[]
  items: StudyRecordItem[]
}

interface StudyRecordProps {
  record: StudyYear
  thisYear: number
  onYear: (year: number) => void
}

export default function StudyRecord({ record, thisYear, onYear }: StudyRecordProps) {
  return (
    <View className='study'>
      <YearStepper year={record.year} latest={thisYear} onChange={onYear} />
      <Card className='study__summary'>
        <View className='study__figure'>
          <Text className='study__number'>{record.total} 次</Text>
          <Text className='study__label'>参加课程</Text>
        </View>
        <View className='study__figure'>
          <Text className='study__number'>{formatMinutes(record.minutes)}</Text>
          <Text className='study__label'>学习时长</Text>
        </View>
      </Card>
      {record.items.length === 0 ? <Text className='classroom__text'>{record.year}年还没有学习记录。</Text> : null}
      {record.months.map((month) => (
        <Card key={month.month} title={formatMonth(month.month)} className='study__month'>
          <Text className='study__month-figures'>
            参加 {month.classes} 次 · {formatMinutes(month.minutes)}
            {month.late > 0 ? ` · 迟到 ${month.late} 次` : ''}
            {month.leave > 0 ? ` · 请假 ${month.leave} 次` : ''}
          </Text>
          {record.items.filter((item) => shanghaiMonth(item.start) === month.month).map((item) => (
            <View key={item.classId} className='study__item'>
              <Text className='study__title'>{item.title}</Text>
              <Text className='study__meta'>
                {formatDayTime(item.start)} · {CLASS_CATEGORY_LABELS[item.category]} · {item.orgName}
              </Text>
              <Text className={`study__status study__status--${item.status}`}>{ATTENDANCE_STATUS_LABELS[item.status]}</Text>
            </View>
          ))}
        </Card>
      ))}
    </View>
  )
}
