// Two projects: `app` renders the Taro/React app in jsdom (see /work/shared/TARO-NOTES.md for why each setting is
// here); `node` runs every other test (functions, emulator, contract) in plain Node.
const path = require('path')

const babelConfig = path.join(__dirname, 'babel.config.js')

// Packages published untranspiled (ESM) that the app imports: jest must run them through babel.
const esmPackages = [
  '@tarojs', 'taro-ui', '@stencil', 'swiper', 'ssr-window', 'dom7',
  'query-string', 'decode-uri-component', 'split-on-first', 'filter-obj', 'lodash-es', 'nanoid',
]

module.exports = {
  // Global options (jest ignores these inside a project): emulator-backed tests start processes and wait on them.
  testTimeout: 60000,
  watchman: false,
  projects: [
    {
      displayName: 'app',
      rootDir: __dirname,
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/app/**/*.test.tsx'],
      setupFiles: ['<rootDir>/test/app/setup.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/app/noNetwork.ts'],
      globals: {
        ENABLE_INNER_HTML: true,
        ENABLE_ADJACENT_HTML: true,
        ENABLE_SIZE_APIS: true,
        ENABLE_TEMPLATE_CONTENT: true,
        ENABLE_MUTATION_OBSERVER: true,
        ENABLE_CLONE_NODE: true,
        ENABLE_CONTAINS: true,
        DEPRECATED_ADAPTER_COMPONENT: false,
        __TARO_FRAMEWORK__: 'react',
      },
      moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'json'],
      moduleNameMapper: {
        '^@tarojs/taro$': '@tarojs/taro-h5',
        '^@tarojs/components$': '@tarojs/components/lib/react',
        '\\.(css|scss|sass|less)$': 'identity-obj-proxy',
        '^@/(.*)$': '<rootDir>/src/$1',
      },
      transform: {
        '^.+\\.(t|j)sx?$': ['babel-jest', { configFile: babelConfig }],
        '^.+\\.(mjs|cjs)$': ['babel-jest', { configFile: babelConfig }],
      },
      transformIgnorePatterns: [`<rootDir>/node_modules/(?!(${esmPackages.join('|')})/)`],
    },
    {
      displayName: 'node',
      rootDir: __dirname,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/app/'],
      moduleFileExtensions: ['ts', 'js', 'json'],
      transform: { '^.+\\.ts$': ['babel-jest', { configFile: babelConfig }] },
    },
  ],
}
