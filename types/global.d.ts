/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    /** The platform Taro builds the app for (set by `taro build --type`, and to 'h5' in the app's jest project). */
    TARO_ENV?: 'weapp' | 'h5'
    TARO_APP_ID?: string
  }
}
