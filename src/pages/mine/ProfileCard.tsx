import { Text, View } from '@tarojs/components'
import Card from '@/components/Card'
import Notice from '@/components/Notice'
import { asSentence, maskPhone, PERSON_STATUS_LABELS, ROLE_LABELS } from '@/services'
import type { Person } from '@/services'
import { formatDay } from '@/utils/time'

/** Who the person is to the app: registration state, role, organisation, masked phone. */
export default function ProfileCard({ person }: { person: Person | null }) {
  if (!person) {
    return (
      <Card className='mine-profile'>
        <Text className='mine-profile__name'>您好</Text>
        <View className='mine-profile__row'>
          <Text className='mine-profile__key'>注册状态</Text>
          <Text className='mine-status mine-status--none'>未注册</Text>
        </View>
        <Text className='mine-profile__tip'>填写下面的信息，所在党组织的书记审核通过后，就可以使用全部功能。</Text>
      </Card>
    )
  }
  const phone = maskPhone(person.phone)
  return (
    <Card className='mine-profile'>
      <Text className='mine-profile__name'>{person.name}</Text>
      <View className='mine-profile__row'>
        <Text className='mine-profile__key'>注册状态</Text>
        <Text className={`mine-status mine-status--${person.status}`}>{PERSON_STATUS_LABELS[person.status]}</Text>
      </View>
      <View className='mine-profile__row'>
        <Text className='mine-profile__key'>身份</Text>
        <Text>{ROLE_LABELS[person.role]}{person.retired ? '（离退休）' : ''}</Text>
      </View>
      <View className='mine-profile__row'>
        <Text className='mine-profile__key'>所在党组织</Text>
        <Text>{person.orgName}</Text>
      </View>
      {phone ? (
        <View className='mine-profile__row'>
          <Text className='mine-profile__key'>手机号</Text>
          <Text>{phone}</Text>
        </View>
      ) : null}
      <View className='mine-profile__row'>
        <Text className='mine-profile__key'>申请时间</Text>
        <Text>{formatDay(person.registeredAt)}</Text>
      </View>
      {person.status === 'pending' ? (
        <Notice tone='warning'>已提交，请等待所在党组织的书记审核。</Notice>
      ) : null}
      {person.status === 'rejected' ? (
        <Notice tone='danger'>
          未通过的原因：{asSentence(person.rejectReason || '书记没有填写原因')}请修改后在下面重新提交。
        </Notice>
      ) : null}
    </Card>
  )
}
