import FeaturePreview from '../../components/FeaturePreview'
import PageShell from '../../components/PageShell'

export default function SitePage() {
  return (
    <PageShell>
      <FeaturePreview
        title='开放式组织生活基地'
        summary='组织生活基地、党代表工作室和党建书屋向周边的党组织开放共享。'
        comingItems={[
          '找到离您近的阵地：类型、开放时间、设施和能容纳多少人',
          '预约一个时段开展组织生活',
          '到达后签到',
        ]}
      />
    </PageShell>
  )
}
