// The story function: the action table behind the router, the timer (config.json) that recounts the current and
// the previous month's figures from the stories to repair any drift, checks again the photos (of stories and sites)
// whose media check gave no verdict and clears ended rate-limit windows and spent login codes, and WeChat's media
// check verdicts.
import { sweepLoginCodes } from '../common/loginCodes'
import { sweepRateLimits } from '../common/rateLimit'
import { createRouter } from '../common/router'
import { storyActions } from './actions'
import { storyFigures } from './figures'
import { photoCheckResult, recheckAllPhotos } from './photoChecks'

export const main = createRouter('story', storyActions, {
  figures: {
    ...storyFigures,
    async timer(db, at) {
      return { ...(await storyFigures.timer(db, at) as object), ...(await recheckAllPhotos(db, at)), swept: await sweepRateLimits(db, at), sweptLoginCodes: await sweepLoginCodes(db, at) }
    },
  },
  onEvent: { wxa_media_check: photoCheckResult },
})
