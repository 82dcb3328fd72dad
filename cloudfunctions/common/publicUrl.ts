/** The H5 app's public address, for links and QR codes (PUBLIC_H5_URL; the emulator sets it to itself). */
export const publicH5Url = () => (process.env.PUBLIC_H5_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
