// The mini-program runtime's half of index.js: the same attributes, so the data the page sends uses the keys the
// template reads.
import { mergeInternalComponents } from '@tarojs/shared'
import attributes from './attributes'

mergeInternalComponents(attributes)
