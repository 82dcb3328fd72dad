// Choosing an organisation by tapping, not by spinning a picker wheel: the list opens in place, every entry is a
// large row named by its path ("东湖街道 / 社区A"), and a search box narrows a long district down.
import { Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { AtInput } from 'taro-ui'
import type { OrgOption } from '@/utils/orgTree'
import Control from '@/components/Control'
import './index.scss'

interface OrgChooserProps {
  options: OrgOption[]
  value: string
  onChange: (orgId: string) => void
}

export default function OrgChooser({ options, value, onChange }: OrgChooserProps) {
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const selected = options.find((option) => option.id === value)
  const shown = useMemo(() => {
    const words = query.trim()
    // A search shows what can be chosen; the tree shows its headings too, for orientation.
    return words ? options.filter((option) => !option.heading && option.label.includes(words)) : options
  }, [options, query])

  const choose = (orgId: string) => {
    onChange(orgId)
    setOpen(false)
    setQuery('')
  }

  return (
    <View className='ps-org-chooser'>
      <Control className='ps-org-chooser__box' role='button' expanded={open} onClick={() => setOpen(!open)}>
        <Text className={selected ? 'ps-org-chooser__value' : 'ps-org-chooser__placeholder'}>
          {selected ? selected.label : '请选择'}
        </Text>
        <Text className='ps-org-chooser__arrow' aria-hidden={!open}>{open ? '收起' : '›'}</Text>
      </Control>
      {open ? (
        <View className='ps-org-chooser__panel'>
          <AtInput name='org-search' placeholder='输入名称查找，如“社区”' value={query} onChange={(q: string) => setQuery(q)} />
          {shown.length === 0 ? <Text className='ps-org-chooser__empty'>没有找到，换个字试试</Text> : null}
          {shown.map((option) => option.heading ? (
            <Text
              key={option.id}
              className='ps-org-chooser__heading'
              style={{ paddingLeft: `${option.depth * 1.5 + 0.75}em` }}
            >
              {option.label}
            </Text>
          ) : (
            <Control
              key={option.id}
              className={`ps-org-chooser__option${option.id === value ? ' ps-org-chooser__option--selected' : ''}`}
              style={{ paddingLeft: query ? undefined : `${option.depth * 1.5 + 0.75}em` }}
              role='radio'
              checked={option.id === value}
              onClick={() => choose(option.id)}
            >
              <Text>{option.label}</Text>
              {option.id === value ? <Text className='ps-org-chooser__check'>已选</Text> : null}
            </Control>
          ))}
        </View>
      ) : null}
    </View>
  )
}
