// The story function: the action table behind the router, the timer (config.json) that recounts the current and
// the previous month's figures from the stories to repair any drift, and WeChat's media check verdicts.
import { createRouter } from '../common/router'
import { storyActions } from './actions'
import { storyFigures } from './figures'
import { photoCheckResult } from './photoChecks'

export const main = createRouter('story', storyActions, {
  figures: storyFigures,
  onEvent: { wxa_media_check: photoCheckResult },
})
