import FeaturePreview from '../../components/FeaturePreview'
import PageShell from '../../components/PageShell'

export default function ClassroomPage() {
  return (
    <PageShell>
      <FeaturePreview
        title='新时代党员大课堂'
        summary='每个基层党组织都开课，每堂课都有主题、有讲师、有人来听。'
        comingItems={[
          '查看近期课程：主题、讲师、地点和时间',
          '到场后扫一扫大屏上的签到码签到；没有手机的同志由书记代为签到',
          '查看自己的学习记录',
        ]}
      />
    </PageShell>
  )
}
