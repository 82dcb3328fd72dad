// One 民情 in a list (我的民情, the handlers' list): its state, what it is about, when it came, and for an open one
// its deadline in words (「剩 N 个工作日」 / 「已超期 N 天」). Tapping it opens the case.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import Control from '@/components/Control'
import { CASE_KIND_LABELS, CASE_STATUS_LABELS, RATING_LABELS } from '@/services'
import type { CaseSummary } from '@/services'
import { ROUTES } from '@/routes'
import { formatDay } from '@/utils/time'
import './studio.scss'

export default function CaseCard({ item, showHandler = false }: { item: CaseSummary; showHandler?: boolean }) {
  const late = item.deadline?.overdue
  return (
    <Control className='case-card' role='link' onClick={() => Taro.navigateTo({ url: `${ROUTES.studioCase}?id=${item.id}` })}>
      <View className='case-card__head'>
        <Text className={`case-status case-status--${item.status}`}>{CASE_STATUS_LABELS[item.status]}</Text>
        {item.deadline ? (
          <Text className={`case-deadline${late ? ' case-deadline--late' : ''}`}>{item.deadline.label}</Text>
        ) : item.rating ? <Text className='case-deadline'>{RATING_LABELS[item.rating]}</Text> : null}
      </View>
      <Text className='case-card__text'>{item.excerpt}</Text>
      <Text className='case-card__meta'>
        {CASE_KIND_LABELS[item.kind]} · {item.siteName}{item.repName ? ` · 致${item.repName}` : ''} · {formatDay(item.submittedAt)}
        {showHandler ? ` · 办理：${item.handlerOrgName}` : ''}
      </Text>
    </Control>
  )
}
