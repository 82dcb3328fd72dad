// Where the back end is. Production: the CloudBase environment the mini-program calls; H5: the HTTP access routes
// served on the same origin as the app (by CloudBase's HTTP access service, or locally by the emulator).

/** CloudBase environment id used by `Taro.cloud.init` on weapp. Replace with the district's environment id. */
export const CLOUD_ENV = 'pioneer-station-prod'

export const API_PREFIX = '/api/'

export const REQUEST_TIMEOUT_MS = 30000
