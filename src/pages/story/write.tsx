// 写故事: a new story, or (`?id=`) the revision of one the secretary returned. The form is in StoryForm.
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { AtButton } from 'taro-ui'
import LoadState from '@/components/LoadState'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { isSignedIn, storyService, userService } from '@/services'
import type { StoryDetail } from '@/services'
import { ROUTES } from '@/routes'
import { pageParam } from './pageParams'
import StoryForm, { NEW_STORY_DRAFT_KEY, readingDraftKey, reviseDraftKey, type StoryDraft } from './StoryForm'
import './write.scss'

type ReviseSource =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; from: Omit<StoryDraft, 'draftId'>; note?: string }

/** Who may submit: shown before the person starts typing, not after. */
type Standing = 'unknown' | 'member' | 'signedOut' | 'notMember'

async function reviseSource(story: StoryDetail): Promise<Omit<StoryDraft, 'draftId'>> {
  let subjectOrgId = ''
  // The story page names the subject's organisation; the form chooses it by id.
  if (!story.subject.self && story.subject.orgName) {
    const orgs = await userService.orgs()
    if (orgs.ok) subjectOrgId = orgs.data.items.find((o) => o.name === story.subject.orgName)?.id ?? ''
  }
  return {
    title: story.title,
    content: story.content,
    category: story.category,
    photos: story.images.map((img) => ({ fileID: img.fileID, preview: img.url })),
    about: story.subject.self ? 'self' : 'other',
    subjectName: story.subject.self ? '' : story.subject.name,
    subjectOrgId,
    subjectRetired: story.subject.self ? '' : story.subject.retired ? 'yes' : 'no',
    consent: !story.subject.self,
    book: story.book ?? '',
  }
}

export default function StoryWritePage() {
  const [storyId] = useState(() => pageParam('id'))
  // `?book=`: a 读书心得 after returning a book (the borrow page's 写读书心得), its draft naming the book.
  const [book] = useState(() => pageParam('book').slice(0, 60))
  const [source, setSource] = useState<ReviseSource>(storyId ? { kind: 'loading' } : { kind: 'none' })
  const [standing, setStanding] = useState<Standing>('unknown')

  const loadSource = async () => {
    setSource({ kind: 'loading' })
    const result = await storyService.get(storyId)
    if (!result.ok) return setSource({ kind: 'failed', message: result.message })
    const story = result.data
    if (!story.mine || story.status !== 'returned') {
      return setSource({ kind: 'failed', message: '只有被退回修改的、自己写的故事可以修改。' })
    }
    setSource({ kind: 'ready', from: await reviseSource(story), note: story.reviewNote })
  }

  useEffect(() => {
    if (storyId) loadSource()
    if (!isSignedIn()) {
      setStanding('signedOut')
      return
    }
    userService.me().then((me) => {
      if (me.ok) setStanding(me.data.person?.status === 'approved' ? 'member' : 'notMember')
    })
  }, [])

  const accepted = () => {
    Taro.redirectTo({ url: `${ROUTES.storyMine}?done=${storyId ? 'revised' : 'submitted'}` })
  }

  return (
    <PageShell className='story-write'>
      {standing === 'signedOut' ? (
        <View>
          <Notice tone='warning'>登录后才能提交。您可以先写，内容会保存在本机。</Notice>
          <AtButton type='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.login })}>去登录</AtButton>
        </View>
      ) : null}
      {standing === 'notMember' ? (
        <Notice tone='warning'>在“我的”页面登记、并由书记审核通过后才能提交。您可以先写，内容会保存在本机。</Notice>
      ) : null}

      <LoadState
        loading={source.kind === 'loading'}
        error={source.kind === 'failed' ? source.message : null}
        onRetry={loadSource}
        textClassName='story-write__text'
      />
      {source.kind === 'ready' && source.note ? <Notice tone='warning'>书记的修改意见：{source.note}</Notice> : null}

      {source.kind === 'none' && book ? (
        <StoryForm draftKey={readingDraftKey(book)} start={{ book, title: `读《${book}》有感` }} onAccepted={accepted} />
      ) : null}
      {source.kind === 'none' && !book ? <StoryForm draftKey={NEW_STORY_DRAFT_KEY} onAccepted={accepted} /> : null}
      {source.kind === 'ready' ? (
        <StoryForm draftKey={reviseDraftKey(storyId)} revise={{ id: storyId, from: source.from }} onAccepted={accepted} />
      ) : null}
    </PageShell>
  )
}
