// The library function (党建书屋): the action table behind the router, and the daily timer (config.json, 09:00 in
// Shanghai) that writes the history of returns cut short (loans.ts), sends due-date reminders and recounts the
// current and previous month's figures.
import { createRouter } from '../common/router'
import { libraryActions } from './actions'
import { libraryFigures } from './figures'
import { recordCutShortReturns } from './loans'

export const main = createRouter('library', libraryActions, {
  figures: {
    ...libraryFigures,
    async timer(db, at) {
      const recorded = await recordCutShortReturns(db)
      return { recorded, ...(await libraryFigures.timer(db, at) as object) }
    },
  },
})
