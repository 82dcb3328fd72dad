// ‹ 上个月 · 2026年11月 · 下个月 ›: steps through the months of a report, never past the latest one that has figures.
// YearStepper does the same by year.
import { Text, View } from '@tarojs/components'
import { AtButton } from 'taro-ui'
import { formatMonth, shiftMonth } from '@/utils/time'
import './index.scss'

interface StepperProps {
  label: string
  previousLabel: string
  nextLabel: string
  onPrevious: () => void
  /** Absent at the latest step: no 下一个 button. */
  onNext?: () => void
  className?: string
}

function Stepper({ label, previousLabel, nextLabel, onPrevious, onNext, className }: StepperProps) {
  return (
    <View className={['ps-stepper', className ?? ''].filter(Boolean).join(' ')}>
      <View className='ps-stepper__previous'>
        <AtButton size='small' onClick={onPrevious}>{previousLabel}</AtButton>
      </View>
      <Text className='ps-stepper__value'>{label}</Text>
      <View className='ps-stepper__next'>
        {onNext ? <AtButton size='small' onClick={onNext}>{nextLabel}</AtButton> : null}
      </View>
    </View>
  )
}

interface MonthStepperProps {
  /** `YYYY-MM`. */
  month: string
  /** The latest month that may be shown (`YYYY-MM`). */
  latest: string
  onChange: (month: string) => void
  className?: string
}

export default function MonthStepper({ month, latest, onChange, className }: MonthStepperProps) {
  return (
    <Stepper
      className={className}
      label={formatMonth(month)}
      previousLabel='‹ 上个月'
      nextLabel='下个月 ›'
      onPrevious={() => onChange(shiftMonth(month, -1))}
      onNext={month < latest ? () => onChange(shiftMonth(month, 1)) : undefined}
    />
  )
}

interface YearStepperProps {
  year: number
  latest: number
  onChange: (year: number) => void
  className?: string
}

export function YearStepper({ year, latest, onChange, className }: YearStepperProps) {
  return (
    <Stepper
      className={className}
      label={`${year}年`}
      previousLabel={`‹ ${year - 1}年`}
      nextLabel={`${year + 1}年 ›`}
      onPrevious={() => onChange(year - 1)}
      onNext={year < latest ? () => onChange(year + 1) : undefined}
    />
  )
}
