// The one card a scan page shows (class sign-in, site check-in): a ✓ when it worked, a title, what happened and
// the way on. Each page keeps its own class names (`checkin__…`, `site-visit__…`) next to the shared ones.
import { Text } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import Card from '@/components/Card'
import './index.scss'

/** info: a step or a question; done / late / already: checked in; failed: refused. */
export type ScanCardTone = 'info' | 'done' | 'late' | 'already' | 'failed'

interface ScanCardProps {
  /** The page's BEM block: `checkin`, `site-visit`. */
  block: string
  title: string
  tone?: ScanCardTone
  /** The page's own modifier (`on-time`), when it differs from the tone. */
  modifier?: string
}

export default function ScanCard({ block, title, tone = 'info', modifier, children }: PropsWithChildren<ScanCardProps>) {
  const mark = tone === 'done' || tone === 'late' || tone === 'already'
  const classes = [
    'ps-scan-card', `ps-scan-card--${tone}`, `${block}__card`,
    tone === 'info' ? '' : `${block}__card--${modifier ?? tone}`,
  ].filter(Boolean).join(' ')
  return (
    <Card className={classes}>
      {mark ? <Text className={`ps-scan-card__mark ${block}__mark`}>✓</Text> : null}
      <Text className={`ps-scan-card__title ${block}__title`}>{title}</Text>
      {children}
    </Card>
  )
}
