// 党代表与接待日, `?siteId=`: a studio's managers keep its representatives (name, 届别, photo, contact, and the member
// account linked to each, found by name in the manager's scope) and its reception schedule (weekly times and one-off
// dates). Reached from the studio page's 工作室管理; the studio page shows every change at once.
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { AtButton } from 'taro-ui'
import Card from '@/components/Card'
import LoadState from '@/components/LoadState'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { useLatestAnswer } from '@/hooks/useLatestAnswer'
import { studioService } from '@/services'
import type { Representative } from '@/services'
import RepForm from './RepForm'
import ScheduleForm from './ScheduleForm'
import './index.scss'

export default function StudioRepsPage() {
  const [siteId] = useState(() => Taro.getCurrentInstance().router?.params?.siteId ?? '')
  const studio = useLatestAnswer((id: string) => studioService.get(id), siteId)
  const s = studio.data
  /** The representative being changed; null: the form adds one. */
  const [editing, setEditing] = useState<Representative | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const saved = (what: string) => {
    setDone(what)
    setError(null)
    setEditing(null)
    studio.reload()
  }

  const remove = async (rep: Representative) => {
    const { confirm } = await Taro.showModal({
      title: `把${rep.name}移出名单？`, content: '移出后工作室页面不再显示这位党代表，已有的民情和履职记录仍保留。', confirmText: '移出', cancelText: '不移出',
    })
    if (!confirm) return
    const result = await studioService.removeRep(rep.id)
    if (!result.ok) return setError(result.message)
    saved(`已把${rep.name}移出名单`)
  }

  return (
    <PageShell className='studio-reps'>
      <LoadState loading={studio.loading} error={studio.error} onRetry={studio.reload} textClassName='studio-reps__text' />
      {s && !s.manages ? <Notice tone='warning'>只能管理您所在党组织负责的党代表工作室。</Notice> : null}
      {s && s.manages ? (
        <View>
          <Text className='studio-reps__text'>{s.siteName}</Text>
          {done ? <Notice tone='success'>{done}</Notice> : null}
          {error ? <Notice tone='danger'>{error}</Notice> : null}
          <Card title='党代表名单'>
            {s.reps.length === 0 ? <Text className='studio-reps__text'>还没有登记党代表，请在下面添加。</Text> : s.reps.map((rep) => (
              <View key={rep.id} className='studio-reps__row'>
                <Text className='studio-reps__name'>{rep.name}</Text>
                <Text className='studio-reps__meta'>{rep.term} · {rep.phone}{rep.linked ? ' · 已关联党员账号' : ''}</Text>
                <View className='studio-reps__actions'>
                  <AtButton size='small' onClick={() => { setDone(null); setEditing(rep) }}>修改{rep.name}</AtButton>
                  <AtButton size='small' onClick={() => remove(rep)}>移出{rep.name}</AtButton>
                </View>
              </View>
            ))}
          </Card>
          <Card title={editing ? `修改党代表：${editing.name}` : '添加党代表'}>
            {/* A fresh form (and draft) per representative. */}
            <RepForm key={editing?.id ?? 'new'} studio={s} editing={editing} onCancel={() => setEditing(null)}
              onSaved={(name) => saved(editing ? `已保存${name}的信息` : `已添加党代表${name}`)} />
          </Card>
          <Card title='接待安排'>
            <ScheduleForm studio={s} onSaved={saved} />
          </Card>
        </View>
      ) : null}
    </PageShell>
  )
}
