import { Text, View } from '@tarojs/components'
import Card from '@/components/Card'
import Notice from '@/components/Notice'
import './index.scss'

interface FeaturePreviewProps {
  title: string
  summary: string
  /** What the person will be able to do here, in their words. */
  comingItems: string[]
}

/** A tab whose feature is still being built: says plainly what it is for and what is coming. */
export default function FeaturePreview({ title, summary, comingItems }: FeaturePreviewProps) {
  return (
    <View className='ps-preview'>
      <Text className='ps-preview__title'>{title}</Text>
      <Text className='ps-preview__summary'>{summary}</Text>
      <Card title='开放后您可以'>
        {comingItems.map((item) => (
          <View className='ps-preview__item' key={item}>
            <Text className='ps-preview__bullet'>·</Text>
            <Text>{item}</Text>
          </View>
        ))}
      </Card>
      <Notice>这部分正在建设中，开放后会在这里与您见面。</Notice>
    </View>
  )
}
