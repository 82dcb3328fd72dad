import { Text, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { overLimit, textLength } from '@/utils/textLimit'
import './index.scss'

interface FormFieldProps {
  label: string
  hint?: string
  /** Shown under the field, in words the person can act on; stays until they change the field or resubmit. */
  error?: string
  optional?: boolean
  /**
   * A text field's limit: the count shows under it as the person types (`12/30 字`) and, over the limit, an error
   * says how much to take out (the field itself takes more, so a paste is never cut without a word).
   */
  limit?: { text: string; max: number }
}

/** A label above its control (room for large text), an optional hint, and the field's error. */
export default function FormField({ label, hint, error, optional, limit, children }: PropsWithChildren<FormFieldProps>) {
  const count = limit ? `${textLength(limit.text)}/${limit.max} 字` : null
  const shownHint = [hint, count].filter(Boolean).join(' ') || null
  const shownError = error ?? (limit ? overLimit(label, limit.text, limit.max) : null)
  return (
    <View className={`ps-field${shownError ? ' ps-field--error' : ''}`}>
      <Text className='ps-field__label'>
        {label}
        {optional ? <Text className='ps-field__optional'>（选填）</Text> : null}
      </Text>
      {children}
      {shownHint ? <Text className='ps-field__hint'>{shownHint}</Text> : null}
      {shownError ? <Text className='ps-field__error'>{shownError}</Text> : null}
    </View>
  )
}
