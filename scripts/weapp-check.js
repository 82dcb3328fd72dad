// Checks the built mini-program (dist/) for what a person with a screen reader or large text depends on and no
// browser test can see, since the browser runs the H5 build. Run after `npm run build:weapp`; exits non-zero on a miss.
// - Control's role, name and state reach WeChat's view (config/weappAria: Taro's template drops them otherwise).
// - The custom tab bar takes the app's global styles (tokens, layout, 长辈模式), which a component sees only with
//   addGlobalClass.
// - The tokens and their 长辈模式 values are defined for the tab bar, which sits outside the page shell.
const fs = require('fs')
const path = require('path')

const dist = path.resolve(__dirname, '..', 'dist')
const read = (file) => fs.readFileSync(path.join(dist, file), 'utf8')
const problems = []

const ARIA = ['aria-role', 'aria-label', 'aria-checked', 'aria-selected', 'aria-expanded', 'aria-disabled', 'aria-current', 'aria-hidden']
// The full view template (the one with hover-class): a view with any prop beyond class, style and id — every Control,
// which always has a role — renders through it. The lighter click-only and static views carry no props at all.
const views = (read('base.wxml').match(/<view [^>]*>/g) ?? []).filter((tag) => tag.includes('hover-class='))
if (views.length === 0) problems.push('base.wxml: no full view template found')
for (const attr of ARIA) {
  const missing = views.filter((tag) => !tag.includes(` ${attr}="{{i.`)).length
  if (missing) problems.push(`base.wxml: ${missing} view template(s) without ${attr}`)
}

if (!/addGlobalClass:\s*(!0|true)/.test(read('custom-tab-bar/index.js'))) {
  problems.push('custom-tab-bar/index.js: the component does not ask for the app\'s global styles (addGlobalClass)')
}

const globalCss = read('app-origin.wxss')
const tokensFor = (selector) => new RegExp(`${selector.replace(/[.-]/g, '\\$&')}[,{][^}]*--ps-tabbar-height:`).test(globalCss)
if (!tokensFor('.ps-tabbar')) problems.push('app-origin.wxss: the tab bar has no theme tokens')
if (!tokensFor('.ps-tabbar--care')) problems.push('app-origin.wxss: the tab bar has no 长辈模式 tokens')

if (problems.length) {
  console.error(`weapp check failed:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(`weapp check: ${views.length} view templates carry ${ARIA.length} ARIA attributes; the tab bar takes the global styles and the 长辈模式 tokens`)
