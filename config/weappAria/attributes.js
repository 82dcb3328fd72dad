// The ARIA attributes WeChat reads on a view (基础库 2.7.1+, developers.weixin.qq.com/miniprogram/dev/component/
// aria-component): what src/components/Control sets. Taro's weapp template knows none of them for View (its typings
// mark ariaRole/ariaLabel QQ-only), so without this list they never reach the page.
// Used twice, and both must agree: the build writes them into the view template, the runtime gives them the same
// short data keys.
module.exports = {
  View: {
    'aria-role': '',
    'aria-label': '',
    'aria-checked': '',
    'aria-selected': '',
    'aria-expanded': '',
    'aria-disabled': '',
    'aria-current': '',
    'aria-hidden': '',
  },
}
