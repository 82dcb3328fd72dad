import { Text, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import './index.scss'

interface CardProps {
  title?: string
  className?: string
}

/** A white block on the page background, optionally titled. */
export default function Card({ title, className, children }: PropsWithChildren<CardProps>) {
  return (
    <View className={['ps-card', className ?? ''].filter(Boolean).join(' ')}>
      {title ? <Text className='ps-card__title'>{title}</Text> : null}
      {children}
    </View>
  )
}
