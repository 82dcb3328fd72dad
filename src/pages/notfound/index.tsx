// Where a link to a page that does not exist (mistyped, from an old version, cut short in a chat) lands, instead of
// the previous page staying on screen as if nothing had happened.
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AtButton } from 'taro-ui'
import Notice from '@/components/Notice'
import PageShell from '@/components/PageShell'
import { ROUTES } from '@/routes'
import './index.scss'

export default function NotFoundPage() {
  return (
    <PageShell className='not-found'>
      <Notice tone='warning'>没有找到这个页面</Notice>
      <Text className='not-found__text'>链接可能有误，或者这个页面已经不在了。可以回到首页，从下方的“故事、课堂、阵地、我的”找到要办的事。</Text>
      <AtButton type='primary' onClick={() => Taro.switchTab({ url: ROUTES.story })}>回首页</AtButton>
    </PageShell>
  )
}
