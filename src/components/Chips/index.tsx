// A row of choices, one of them chosen: large tappable words instead of a picker wheel or a tiny radio.
import { Text, View } from '@tarojs/components'
import Control from '@/components/Control'
import './index.scss'

export interface ChipOption<V extends string> {
  value: V
  label: string
}

interface ChipsProps<V extends string> {
  options: ReadonlyArray<ChipOption<V>>
  value: V | null
  onChange: (value: V) => void
  className?: string
}

export default function Chips<V extends string>({ options, value, onChange, className }: ChipsProps<V>) {
  return (
    <View className={['ps-chips', className ?? ''].filter(Boolean).join(' ')} ariaRole='radiogroup'>
      {options.map((option) => {
        const selected = option.value === value
        return (
          <Control
            key={option.value}
            className={`ps-chip${selected ? ' ps-chip--selected' : ''}`}
            role='radio'
            checked={selected}
            onClick={() => onChange(option.value)}
          >
            <Text>{option.label}</Text>
          </Control>
        )
      })}
    </View>
  )
}
