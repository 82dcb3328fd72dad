// The workbench function: the action table behind the router, and the daily timer (config.json) that recounts the
// workbench's own figures (members, and members who attended, per organisation and period) for this month and the last.
import { createRouter } from '../common/router'
import { workbenchActions } from './actions'
import { workbenchFigures } from './figures'

export const main = createRouter('workbench', workbenchActions, { figures: workbenchFigures })
