// The app's jest project renders the H5 flavour of the app: services take their H5 paths.
process.env.TARO_ENV = 'h5'
