// One 民情, `?id=`: what was written (photos too), where it stands, its deadline, its timeline, the reply. The person
// who left it rates the result once it is closed; those who handle it (the studio's managers, the organisation it was
// transferred to, the representative it is addressed to) act on it here: 受理, 开始办理, 办结 with the reply, 转办.
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AtButton, AtTextarea } from 'taro-ui'
import Card from '@/components/Card'
import Chips from '@/components/Chips'
import Control from '@/components/Control'
import FormField from '@/components/FormField'
import LoadState from '@/components/LoadState'
import Notice from '@/components/Notice'
import OrgChooser from '@/components/OrgChooser'
import PageShell from '@/components/PageShell'
import { useLatestAnswer } from '@/hooks/useLatestAnswer'
import { CASE_KIND_LABELS, CASE_STATUS_LABELS, RATING_LABELS, studioService, userService } from '@/services'
import type { CaseDetail, CaseEvent, Rating } from '@/services'
import { orgOptions, type OrgOption } from '@/utils/orgTree'
import { formatDay, formatDayTime } from '@/utils/time'
import './studio.scss'

const params = () => Taro.getCurrentInstance().router?.params ?? {}
const RATING_OPTIONS = (Object.keys(RATING_LABELS) as Rating[]).map((r) => ({ value: r, label: RATING_LABELS[r] }))

function Rate({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const [rating, setRating] = useState<Rating | null>(null)
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const send = async () => {
    if (!rating) return setError('请选择您对办理结果的评价')
    setBusy(true)
    const r = await studioService.rate({ id: c.id, rating, ...(comment.trim() ? { comment: comment.trim() } : {}) })
    setBusy(false)
    if (!r.ok) return setError(r.message)
    onDone()
  }
  return (
    <Card title='评价办理结果' className='case-rate'>
      {error ? <Notice tone='danger'>{error}</Notice> : null}
      <FormField label='您满意吗'>
        <Chips options={RATING_OPTIONS} value={rating} onChange={(v) => { setRating(v); setError(null) }} />
      </FormField>
      <FormField label='想说的话' optional>
        <AtTextarea value={comment} maxLength={300} height={160} placeholder='说说办理得怎么样' onChange={(v: string) => setComment(v)} />
      </FormField>
      <AtButton type='primary' loading={busy} disabled={busy} onClick={send}>提交评价</AtButton>
    </Card>
  )
}

function Handle({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const [mode, setMode] = useState<'close' | 'transfer' | null>(null)
  const [text, setText] = useState('')
  const [orgId, setOrgId] = useState('')
  const [orgs, setOrgs] = useState<OrgOption[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (mode === 'transfer' && !orgs) {
      userService.orgs().then((r) => setOrgs(r.ok ? orgOptions(r.data.items, (o) => o.type !== 'district') : []))
    }
  }, [mode])
  const act = async (event: CaseEvent) => {
    setBusy(true)
    setError(null)
    const r = await studioService.act({
      id: c.id, event,
      ...(event === 'close' ? { reply: text.trim() } : {}),
      ...(event === 'transfer' ? { note: text.trim(), orgId } : {}),
    })
    setBusy(false)
    if (!r.ok) return setError(r.message)
    setMode(null)
    setText('')
    onDone()
  }
  return (
    <Card title='办理' className='case-handle'>
      {error ? <Notice tone='danger'>{error}</Notice> : null}
      {mode === null ? (
        <View className='case-actions'>
          {c.canAct.includes('accept') ? <AtButton type='primary' disabled={busy} onClick={() => act('accept')}>受理</AtButton> : null}
          {c.canAct.includes('start') ? <AtButton type='primary' disabled={busy} onClick={() => act('start')}>开始办理</AtButton> : null}
          {c.canAct.includes('close') ? <AtButton type='secondary' onClick={() => setMode('close')}>办结并答复</AtButton> : null}
          {c.canAct.includes('transfer') ? <AtButton type='secondary' onClick={() => setMode('transfer')}>转办</AtButton> : null}
        </View>
      ) : (
        <View>
          {mode === 'transfer' ? (
            <FormField label='转给哪个党组织'>
              {orgs ? <OrgChooser options={orgs} value={orgId} onChange={setOrgId} /> : <Text className='studio__muted'>正在加载…</Text>}
            </FormField>
          ) : null}
          <FormField label={mode === 'close' ? '答复' : '转办说明'} hint={mode === 'close' ? '留言人会收到这段答复' : undefined}>
            <AtTextarea value={text} maxLength={1000} height={200} placeholder={mode === 'close' ? '写下办理结果' : '说明为什么转办、请对方做什么'} onChange={(v: string) => setText(v)} />
          </FormField>
          <View className='case-actions'>
            <AtButton type='primary' loading={busy} disabled={busy} onClick={() => act(mode)}>{mode === 'close' ? '确认办结' : '确认转办'}</AtButton>
            <AtButton type='secondary' onClick={() => setMode(null)}>取消</AtButton>
          </View>
        </View>
      )}
    </Card>
  )
}

export default function CasePage() {
  const [{ id = '', done }] = useState(params)
  const [version, setVersion] = useState(0)
  const found = useLatestAnswer((key: string) => studioService.getCase(key.split('#')[0]), `${id}#${version}`)
  const c = found.data
  const reload = () => setVersion((v) => v + 1)
  return (
    <PageShell className='studio-case'>
      {done ? <Notice tone='success'>留言已提交，工作室会在 15 个工作日内办结。每一步都会在“我的 › 消息”里告诉您。</Notice> : null}
      <LoadState loading={found.loading} error={found.error} onRetry={found.reload} textClassName='studio__text' />
      {c ? (
        <View>
          <Card>
            <View className='case-card__head'>
              <Text className={`case-status case-status--${c.status}`}>{CASE_STATUS_LABELS[c.status]}</Text>
              {c.deadline ? <Text className={`case-deadline${c.deadline.overdue ? ' case-deadline--late' : ''}`}>{c.deadline.label}</Text> : null}
            </View>
            <Text className='case-card__text'>{c.content}</Text>
            <Text className='case-card__meta'>
              {CASE_KIND_LABELS[c.kind]} · {c.siteName}{c.repName ? ` · 致${c.repName}` : ''} · {formatDayTime(c.submittedAt)}
            </Text>
            <Text className='case-card__meta'>办理单位：{c.handlerOrgName}{c.deadline ? ` · 办结期限 ${formatDay(`${c.deadline.date}T12:00:00+08:00`)}` : ''}</Text>
            {c.receptionDate ? <Text className='case-card__meta'>希望接待日：{formatDay(`${c.receptionDate}T12:00:00+08:00`)}</Text> : null}
            {c.name || c.phone ? <Text className='case-card__meta'>留言人：{c.name ?? ''} {c.phone ?? ''}</Text> : null}
            {c.photos.length ? (
              <View className='case-photos'>
                {c.photos.map((p, i) => (
                  <Control key={p.fileID} className='case-photos__frame' role='button' label={`查看第 ${i + 1} 张照片`}
                    onClick={() => Taro.previewImage({ current: p.url, urls: c.photos.map((x) => x.url) })}>
                    <Image className='case-photos__image' src={p.url} mode='aspectFill' nativeProps={{ alt: '' }} />
                  </Control>
                ))}
              </View>
            ) : null}
          </Card>
          {c.reply ? (
            <Card title='答复'>
              <Text className='case-card__text'>{c.reply}</Text>
              {c.rating ? <Text className='case-card__meta'>评价：{RATING_LABELS[c.rating]}{c.comment ? `，${c.comment}` : ''}</Text> : null}
            </Card>
          ) : null}
          {c.canRate ? <Rate c={c} onDone={reload} /> : null}
          {c.canAct.length ? <Handle c={c} onDone={reload} /> : null}
          <Card title='办理过程'>
            {c.timeline.map((s, i) => (
              <View key={i} className='case-step'>
                <View className='case-step__head'>
                  <Text className='case-step__label'>{s.label}</Text>
                  <Text className='case-card__meta'>{formatDayTime(s.at)}</Text>
                </View>
                <Text className='case-card__meta'>{s.byName}</Text>
                {s.note ? <Text className='case-step__note'>{s.note}</Text> : null}
              </View>
            ))}
          </Card>
        </View>
      ) : null}
    </PageShell>
  )
}

