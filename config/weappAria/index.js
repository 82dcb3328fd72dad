// A Taro build plugin (weapp only): lets the ARIA attributes WeChat supports on a view through to the mini-program, in
// the template (build time) and in the runtime's attribute table (both from attributes.js).
const path = require('path')
const attributes = require('./attributes')

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (!platform.template || typeof platform.template.mergeComponents !== 'function') return
      platform.template.mergeComponents(ctx, attributes)
      const runtime = path.join(__dirname, 'runtime.js')
      platform.runtimePath = Array.isArray(platform.runtimePath) ? [...platform.runtimePath, runtime] : [platform.runtimePath, runtime]
    },
  })
}
