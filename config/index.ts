import path from 'path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

const contractDir = path.resolve(__dirname, '..', 'contract')
const isH5 = process.env.TARO_ENV === 'h5'

// taro-ui's styles still use @import, `/` division and global built-ins: ~160 warnings per build otherwise.
const sassLoaderOption = {
  sassOptions: { silenceDeprecations: ['import', 'slash-div', 'global-builtin'] },
}

// Taro's own H5 root-size script, except that the root size is written as a percentage of the browser's default
// font size instead of in px, so a person who set a larger font in their browser gets larger rem-based text.
const rootSizeScript =
  '!function(n){function f(){var e=n.document.documentElement,r=e.getBoundingClientRect(),' +
  'a=[r.width,r.height].filter(Boolean),w=Math.min.apply(Math,a),x=40*w/750;' +
  'x=x>=40?40:x<=20?20:x;e.style.fontSize=x/16*100+"%"}' +
  'n.addEventListener("resize",function(){f();setTimeout(f,500)});f()}(window);'

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'pioneer-station',
    date: '2025-11-27',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    // weapp: the ARIA attributes Control sets reach WeChat's view (config/weappAria).
    plugins: isH5 ? [] : [path.resolve(__dirname, 'weappAria')],
    defineConstants: {},
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // The API contract (contract/, outside src/) is TypeScript the app imports: compile it too.
      compile: { include: [contractDir] },
      sassLoaderOption,
      // Component styles use distinct class names, so the order webpack joins them in does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      compile: { include: [contractDir] },
      publicPath: '/',
      staticDirectory: 'static',
      esnextModules: ['taro-ui'],
      router: { mode: 'hash' },
      sassLoaderOption,
      htmlPluginOption: { script: rootSizeScript },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[contenthash:8].css', chunkFilename: 'css/[name].[contenthash:8].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      devServer: { host: '127.0.0.1', open: false },
      // Most of the first load is Taro's own runtime; webpack's 244 KiB hint has nothing here to act on.
      webpackChain(chain) {
        chain.performance.hints(false)
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
