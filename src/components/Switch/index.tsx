// An on/off switch with its title on the left, drawn as taro-ui's AtSwitch (same classes, same theme rules) but named
// for screen readers: on H5 the native checkbox inside says it is a switch, what it switches and whether it is on,
// which AtSwitch leaves out. Its size follows the theme's --ps-control-scale.
import { Switch as NativeSwitch, View } from '@tarojs/components'
import { NATIVE_COLORS } from '@/theme/nativeColors'

interface SwitchProps {
  /** The words beside the switch. */
  title: string
  /** What a screen reader calls it when the title says its state ("是，离退休"): the question it answers. */
  label?: string
  checked: boolean
  onChange: (checked: boolean) => void
  className?: string
}

export default function Switch({ title, label, checked, onChange, className }: SwitchProps) {
  const name = label ? `${title}，${label}` : title
  return (
    <View className={['at-switch', 'at-switch--without-border', className ?? ''].filter(Boolean).join(' ')}>
      <View className='at-switch__title' aria-hidden>{title}</View>
      <View className='at-switch__container'>
        <View className='at-switch__mask' />
        <NativeSwitch
          className='at-switch__switch'
          checked={checked}
          color={NATIVE_COLORS.primary}
          nativeProps={{ role: 'switch', 'aria-checked': String(checked), 'aria-label': name }}
          onChange={(e) => onChange(Boolean(e.detail.value))}
        />
      </View>
    </View>
  )
}
