import { Text, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import './index.scss'

interface FormFieldProps {
  label: string
  hint?: string
  /** Shown under the field, in words the person can act on; stays until they change the field or resubmit. */
  error?: string
  optional?: boolean
}

/** A label above its control (room for large text), an optional hint, and the field's error. */
export default function FormField({ label, hint, error, optional, children }: PropsWithChildren<FormFieldProps>) {
  return (
    <View className={`ps-field${error ? ' ps-field--error' : ''}`}>
      <Text className='ps-field__label'>
        {label}
        {optional ? <Text className='ps-field__optional'>（选填）</Text> : null}
      </Text>
      {children}
      {hint ? <Text className='ps-field__hint'>{hint}</Text> : null}
      {error ? <Text className='ps-field__error'>{error}</Text> : null}
    </View>
  )
}
