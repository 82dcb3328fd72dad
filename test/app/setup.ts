// The app's jest project renders the H5 flavour of the app: services take their H5 paths.
process.env.TARO_ENV = 'h5'

// Two things Taro's H5 build does that jest has to do itself:
// - the build rewrites `Taro.request(...)` into named imports from @tarojs/taro-h5, whose default export alone lacks
//   most APIs; here the default export is one object holding every API (so tests can spy on `Taro.request`);
// - pages load on the show lifecycle (useDidShow), which exists only inside Taro's page stack; here a page is shown
//   once, when it mounts.
// @tarojs/taro-h5 and @tarojs/components require each other while loading, so the real module is reached lazily.
jest.mock('@tarojs/taro', () => {
  const { useEffect } = jest.requireActual('react')
  const useDidShow = (fn: () => void) => useEffect(() => { fn() }, [])
  // The other page-stack hooks (hide, pull down, reach bottom, share) are never fired by jsdom: tests press buttons
  // or unmount the page.
  const pageHooks = {
    useDidShow,
    useDidHide: () => {},
    usePullDownRefresh: () => {},
    useReachBottom: () => {},
    useShareAppMessage: () => {},
    useShareTimeline: () => {},
  }
  const actual = () => jest.requireActual('@tarojs/taro')
  let taro: Record<string, unknown> | undefined
  const overrides: Record<string | symbol, unknown> = { __esModule: true, ...pageHooks }
  Object.defineProperty(overrides, 'default', {
    enumerable: true,
    get: () => (taro ??= { ...actual(), ...actual().default, ...pageHooks }),
  })
  return new Proxy({}, {
    get: (_, key) => (key in overrides ? overrides[key] : actual()[key]),
    has: (_, key) => key in overrides || key in actual(),
    ownKeys: () => [...new Set([...Reflect.ownKeys(actual()), ...Reflect.ownKeys(overrides)])],
    getOwnPropertyDescriptor: (_, key) => ({
      configurable: true, enumerable: true, value: key in overrides ? overrides[key] : actual()[key],
    }),
  })
})

// The app's entry does this in a real build (from config/index.ts): taro-ui sizes some things with Taro.pxTransform.
jest.requireMock('@tarojs/taro').default.initPxTransform({
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
})
