import { pageLists } from './pageTable'

// The sign-in page only exists on H5; in the mini-program WeChat itself says who the person is.
const { pages, subPackages, tabs } = pageLists(process.env.TARO_ENV === 'h5')

export default defineAppConfig({
  pages,
  // Secretary and district-office pages, kept out of the main package.
  subPackages,
  window: {
    navigationBarBackgroundColor: '#C8102E',
    navigationBarTextStyle: 'white',
    navigationBarTitleText: '先锋驿站',
    backgroundColor: '#F5F5F5',
    backgroundTextStyle: 'dark',
  },
  // Check-in inside a geofence, sites near the person, and the place of a class the secretary picks on the map.
  permission: { 'scope.userLocation': { desc: '用于签到时核对您是否在现场，以及查找附近的阵地' } },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  // H5 only: no page-slide. Taro's H5 router hides the page left behind on a timer that a quick return to it does not
  // cancel, so a person who taps back within the slide saw a blank page; a still page is also calmer in 长辈模式.
  ...(process.env.TARO_ENV === 'h5' ? { animation: false } : {}),
  // custom: the app draws the tab bar (src/custom-tab-bar, components/TabBar), so 长辈模式 enlarges it too; the list
  // still says which pages are tabs.
  tabBar: {
    custom: true,
    color: '#595959',
    selectedColor: '#C8102E',
    backgroundColor: '#FFFFFF',
    borderStyle: 'black',
    list: tabs,
  },
})
