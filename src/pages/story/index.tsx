import FeaturePreview from '../../components/FeaturePreview'
import PageShell from '../../components/PageShell'

export default function StoryPage() {
  return (
    <PageShell>
      <FeaturePreview
        title='党员微故事'
        summary='讲一讲身边党员的闪光点，特别是离退休老党员的故事，把好故事挖掘好、传播开。'
        comingItems={[
          '写下自己或身边党员的故事，可以配上照片',
          '社区党组织书记审核后发布',
          '阅读、点赞，把故事分享给微信好友',
          '随时查看自己投稿的审核进度',
        ]}
      />
    </PageShell>
  )
}
