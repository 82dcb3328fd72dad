// On/behind-target marks and the figures' wording, shared by the workbench, the report list and the printable 通报.
import { Text } from '@tarojs/components'
import type { OrgOverview, TargetMark } from '@/services/workbench'
import { formatRate } from '@/utils/figures'
import './marks.scss'

export const MARK_LABELS = { on: '达标', behind: '未达标' } as const

/** 达标 / 未达标, in words (the colour only repeats them); nothing when no target applies. */
export function Mark({ mark }: { mark: TargetMark }) {
  if (!mark) return null
  return <Text className={`wb-mark wb-mark--${mark}`}>{MARK_LABELS[mark]}</Text>
}

/** The overall mark of an organisation: behind any target, or on all that apply. */
export function overallMark(org: OrgOverview): TargetMark {
  const t = org.targets
  if (t.behind) return 'behind'
  return [t.coverage, t.classes, t.stories, t.utilisation].some((m) => m === 'on') ? 'on' : null
}

/** The figures rows of one organisation, as the workbench, the children table and the 通报 show them. */
export function figureLines(org: OrgOverview) {
  const c = org.classroom
  const s = org.story
  const site = org.site
  return {
    classroom: [
      { key: 'classesHeld', label: '开课', value: `${c.classesHeld} 次`, mark: org.targets.classes },
      { key: 'coverage', label: '覆盖', value: `${c.orgsCovered}/${c.orgsRequired} 个组织（${formatRate(c.coverageRate)}）`, mark: org.targets.coverage },
      { key: 'attendance', label: '出勤率', value: formatRate(c.attendanceRate) },
      { key: 'never', label: '本期从未参加的党员', value: `${c.membersNeverAttended}/${c.members} 人` },
    ],
    story: [
      { key: 'submitted', label: '投稿', value: `${s.submitted} 篇`, mark: org.targets.stories },
      { key: 'published', label: '发布 / 精选', value: `${s.published} / ${s.featured} 篇` },
      { key: 'retired', label: '写老党员的', value: `${s.aboutRetired} 篇（${formatRate(s.retiredShare)}）` },
      { key: 'overdue', label: '审核超过3天', value: `${s.pendingOverdue} 篇` },
    ],
    site: [
      { key: 'visits', label: '到访', value: `${site.visits} 人次` },
      { key: 'hours', label: '预约时长', value: `${site.bookedHours} 小时` },
      { key: 'utilisation', label: '使用率', value: formatRate(site.utilisation), mark: org.targets.utilisation },
      { key: 'outside', label: '服务外单位', value: `${site.outsideOrgs} 个` },
      { key: 'idle', label: '闲置阵地', value: `${site.idleSites}/${site.sites} 个` },
    ],
  }
}
