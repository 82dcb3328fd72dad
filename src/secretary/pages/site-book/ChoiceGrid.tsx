// Days and half-hours as a grid of large tappable words (no picker wheel): the chosen one filled, the taken ones
// greyed with the reason under them and not tappable.
import { Text, View } from '@tarojs/components'
import Control from '@/components/Control'

export interface Choice {
  value: string
  label: string
  /** A second line: the weekday under a date. */
  sub?: string
  /** Why it cannot be chosen ("已约", "不开放"); unset when it can. */
  unavailable?: string
}

interface ChoiceGridProps {
  choices: Choice[]
  value: string
  onChange: (value: string) => void
  /** How many to a row (times: 4; dates, two lines each: 3). */
  columns: 3 | 4
  className?: string
}

export default function ChoiceGrid({ choices, value, onChange, columns, className }: ChoiceGridProps) {
  return (
    <View className={['site-grid', `site-grid--${columns}`, className ?? ''].filter(Boolean).join(' ')} ariaRole='radiogroup'>
      {choices.map((choice) => {
        const selected = choice.value === value
        const classes = ['site-grid__cell', selected ? 'site-grid__cell--selected' : '', choice.unavailable ? 'site-grid__cell--off' : '']
        return (
          <Control
            key={choice.value}
            className={classes.filter(Boolean).join(' ')}
            role='radio'
            checked={selected}
            disabled={Boolean(choice.unavailable)}
            onClick={() => onChange(choice.value)}
          >
            <Text className='site-grid__label'>{choice.label}</Text>
            {choice.sub ? <Text className='site-grid__sub'>{choice.sub}</Text> : null}
            {choice.unavailable ? <Text className='site-grid__note'>{choice.unavailable}</Text> : null}
          </Control>
        )
      })}
    </View>
  )
}
