// The studio function: the action table behind the router, and the daily timer (config.json) that recounts the
// current and previous month's case figures from the cases and repairs any drift, and clears the ended windows of
// the 民情 limits carried by studios and representatives.
import { COLLECTIONS } from '../common/collections'
import { sweepCarriedLimits } from '../common/rateLimit'
import { createRouter } from '../common/router'
import { studioActions } from './actions'
import { studioFigures } from './figures'

export const main = createRouter('studio', studioActions, {
  figures: {
    ...studioFigures,
    async timer(db, at) {
      const swept = (await sweepCarriedLimits(db, COLLECTIONS.sites, at)) + (await sweepCarriedLimits(db, COLLECTIONS.studioReps, at))
      return { ...(await studioFigures.timer(db, at) as object), swept }
    },
  },
})
