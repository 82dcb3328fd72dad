// What a person reads for the contract's enums, and the phone mask: the contract's own, one copy for functions and app.
export { PERSON_STATUS_LABELS, ROLE_LABELS } from '../../contract/user'
export { asSentence, distanceLabel, maskPhone } from '../../contract/common'
