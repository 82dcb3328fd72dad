import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { AtButton, AtTextarea } from 'taro-ui'
import Card from '@/components/Card'
import FormField from '@/components/FormField'
import Notice from '@/components/Notice'
import { userService } from '@/services'
import type { Person } from '@/services'
import { formatDay } from '@/utils/time'

export type ReviewOutcome = 'approved' | 'rejected'

interface PendingPersonProps {
  person: Person
  onReviewed: (openid: string, outcome: ReviewOutcome) => void
}

/** One applicant with 通过 / 不通过; 不通过 asks for the reason in a form below, never by a gesture. */
export default function PendingPerson({ person, onReviewed }: PendingPersonProps) {
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const approve = async () => {
    setBusy(true)
    setError(null)
    const result = await userService.approve(person.openid)
    setBusy(false)
    if (result.ok) onReviewed(person.openid, 'approved')
    else setError(result.message)
  }

  const reject = async () => {
    if (!reason.trim()) {
      setReasonError('请填写不通过的原因')
      return
    }
    setBusy(true)
    setError(null)
    const result = await userService.reject(person.openid, reason.trim())
    setBusy(false)
    if (result.ok) {
      onReviewed(person.openid, 'rejected')
      return
    }
    const reasonField = result.fields?.find((f) => f.field === 'reason')
    if (reasonField) setReasonError(reasonField.message)
    else setError(result.message)
  }

  return (
    <Card className='approve-person'>
      <Text className='approve-person__name'>{person.name}</Text>
      <View className='approve-person__row'>
        <Text className='approve-person__key'>所在党组织</Text>
        <Text>{person.orgName}</Text>
      </View>
      <View className='approve-person__row'>
        <Text className='approve-person__key'>是否离退休</Text>
        <Text>{person.retired ? '是' : '否'}</Text>
      </View>
      <View className='approve-person__row'>
        <Text className='approve-person__key'>手机号</Text>
        <Text>{person.phone || '未填写'}</Text>
      </View>
      <View className='approve-person__row'>
        <Text className='approve-person__key'>申请时间</Text>
        <Text>{formatDay(person.registeredAt)}</Text>
      </View>

      {error ? <Notice tone='danger'>{error}</Notice> : null}

      {rejecting ? (
        <View className='approve-person__reject'>
          <FormField label='不通过的原因' hint='申请人会看到这段话，请写明需要怎样修改。' error={reasonError ?? undefined}>
            <AtTextarea
              value={reason}
              maxLength={200}
              placeholder='例如：姓名与党员名册不一致'
              onChange={(value: string) => {
                setReason(value)
                setReasonError(null)
              }}
            />
          </FormField>
          <View className='approve-person__actions'>
            <AtButton disabled={busy} onClick={() => setRejecting(false)}>取消</AtButton>
            <AtButton type='primary' loading={busy} disabled={busy} onClick={reject}>确认不通过</AtButton>
          </View>
        </View>
      ) : (
        <View className='approve-person__actions'>
          <AtButton disabled={busy} onClick={() => setRejecting(true)}>不通过</AtButton>
          <AtButton type='primary' loading={busy} disabled={busy} onClick={approve}>通过</AtButton>
        </View>
      )}
    </Card>
  )
}
