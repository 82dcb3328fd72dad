// 手动签到: the secretary records a member who came without a phone (or is on leave, or was absent), always with
// the reason; the back end keeps it in the audit log. The reason is kept as a draft until it is accepted.
import { View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton, AtTextarea } from 'taro-ui'
import Chips from '@/components/Chips'
import FormField from '@/components/FormField'
import Notice from '@/components/Notice'
import { classroomService, CLASS_LIMITS } from '@/services'
import type { MarkStatus } from '@/services'
import { useDraft } from '@/utils/useDraft'

const CHOICES = [
  { value: 'present' as const, label: '到场（补签到）' },
  { value: 'leave' as const, label: '请假' },
  { value: 'absent' as const, label: '缺席' },
]

const PLACEHOLDER: Record<MarkStatus, string> = {
  present: '例如：老党员没有智能手机，现场由书记代为签到',
  leave: '例如：住院治疗，已向支部请假',
  absent: '例如：未请假，电话联系未接通',
}

interface MarkFormProps {
  classId: string
  userId: string
  name: string
  onMarked: () => void
  onClose: () => void
}

export default function MarkForm({ classId, userId, name, onMarked, onClose }: MarkFormProps) {
  const { draft, update, clear } = useDraft<{ status: MarkStatus; reason: string }>(
    `classroom.mark.${classId}.${userId}`, { status: 'present', reason: '' })
  const [reasonError, setReasonError] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (!draft.reason.trim()) {
      setReasonError(`请写明为${name}登记的原因`)
      return
    }
    setBusy(true)
    setError(null)
    const result = await classroomService.mark({ classId, userId, status: draft.status, reason: draft.reason.trim() })
    setBusy(false)
    if (result.ok) {
      clear()
      onMarked()
      return
    }
    const reasonField = result.fields?.find((f) => f.field === 'reason')
    if (reasonField) setReasonError(reasonField.message)
    else setError(result.message)
  }

  return (
    <View className='attendance-mark'>
      {error ? <Notice tone='danger'>{error}</Notice> : null}
      <FormField label='出勤情况'>
        <Chips options={CHOICES} value={draft.status} onChange={(status) => update({ status })} />
      </FormField>
      <FormField label='原因' hint='会记入操作记录，谁在何时为谁登记都查得到。' error={reasonError ?? undefined}>
        <AtTextarea
          value={draft.reason}
          maxLength={CLASS_LIMITS.reason}
          placeholder={PLACEHOLDER[draft.status]}
          onChange={(reason: string) => {
            update({ reason })
            setReasonError(null)
          }}
        />
      </FormField>
      <View className='attendance-mark__actions'>
        <AtButton disabled={busy} onClick={onClose}>取消</AtButton>
        <AtButton type='primary' loading={busy} disabled={busy} onClick={submit}>确认登记</AtButton>
      </View>
    </View>
  )
}
