// A story's path through review (who, what, why, when), shown to its author and its reviewers.
import { Text, View } from '@tarojs/components'
import type { StoryDetail } from '@/services'
import { formatDayTime } from '@/utils/time'

const EVENT_LABELS: Record<string, string> = {
  submit: '提交', approve: '审核通过', reject: '审核未通过', return: '退回修改', revise: '修改后重新提交', withdraw: '撤回',
  photoRemoved: '照片未通过安全检查，已移除',
}

export default function StoryHistory({ history }: { history: NonNullable<StoryDetail['history']> }) {
  return (
    <View className='story-history'>
      {history.map((h, i) => (
        <View className='story-history__entry' key={`${h.at}-${i}`}>
          <Text className='story-history__what'>
            {EVENT_LABELS[h.event] ?? h.event}{h.event === 'approve' && h.featured ? '（精选）' : ''}
          </Text>
          <Text className='story-history__who'>{h.byName} · {formatDayTime(h.at)}</Text>
          {h.reason ? <Text className='story-history__why'>{h.reason}</Text> : null}
        </View>
      ))}
    </View>
  )
}
