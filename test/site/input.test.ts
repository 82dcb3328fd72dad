// Bad input is refused in Chinese, naming the field, before anything is read or written (the emulator's metrics
// total 0): ids that are objects (operator injection), malformed dates and times, overlapping hours, out-of-range
// numbers, unknown fields.
import { BadInput, runBadInput } from '../helpers/badInput'
import { bookingInput, siteInput, useTestbed } from './support'

const bed = useTestbed()

const site = siteInput()
const booking = bookingInput('site-xingfuli-hub')

const bad: BadInput[] = [
  ['list', { near: { lat: 200, lng: 114 } }, 'near.lat'],
  ['list', { near: { lat: 30.5 } }, 'near.lng'],
  ['list', { type: '图书馆' }, 'type'],
  ['list', { facility: { $ne: null } }, 'facility'],
  ['list', { openNow: 'yes' }, 'openNow'],
  ['list', { cursor: '-1' }, 'cursor'],
  ['list', { cursor: { $gt: '' } }, 'cursor'],
  ['get', {}, 'id'],
  ['get', { id: { $ne: null } }, 'id'],
  ['get', { id: ['site-xingfuli-hub'] }, 'id'],
  ['create', { ...site, name: '   ' }, 'name'],
  ['create', { ...site, name: '阵'.repeat(41) }, 'name'],
  ['create', { ...site, type: 'museum' }, 'type'],
  ['create', { ...site, level: '省级' }, 'level'],
  ['create', { ...site, location: undefined }, 'location'],
  ['create', { ...site, location: { lat: 30.5, lng: 181 } }, 'location.lng'],
  ['create', { ...site, hours: [{ day: 1, start: '09:15', end: '12:00' }] }, 'hours.0.start'],
  ['create', { ...site, hours: [{ day: 8, start: '09:00', end: '12:00' }] }, 'hours.0.day'],
  ['create', { ...site, hours: [{ day: 1, start: '12:00', end: '09:00' }] }, 'hours.0.end'],
  ['create', { ...site, hours: [{ day: 1, start: '09:00', end: '24:30' }] }, 'hours.0.end'],
  ['create', { ...site, hours: [{ day: 1, start: '09:00', end: '12:00' }, { day: 1, start: '11:00', end: '13:00' }] }, 'hours.1.start'],
  ['create', { ...site, closedDates: ['2030-02-30'] }, 'closedDates.0'],
  ['create', { ...site, closedDates: '2030-03-08' }, 'closedDates'],
  ['create', { ...site, facilities: ['projector', 'projector'] }, 'facilities'],
  ['create', { ...site, facilities: ['jacuzzi'] }, 'facilities.0'],
  ['create', { ...site, capacity: 0 }, 'capacity'],
  ['create', { ...site, capacity: 12.5 }, 'capacity'],
  ['create', { ...site, contact: { name: '李芳', phone: '12345' } }, 'contact.phone'],
  ['create', { ...site, photos: ['https://example.com/a.jpg'] }, 'photos.0'],
  ['create', { ...site, managingOrgId: { $in: ['org-community-b'] } }, 'managingOrgId'],
  ['create', { ...site, active: false }, 'active'],
  ['update', { id: 'site-xingfuli-hub' }, 'id'],
  ['update', { capacity: 5 }, 'id'],
  ['update', { id: 'site-xingfuli-hub', renewCode: false }, 'renewCode'],
  ['update', { id: 'site-xingfuli-hub', code: 'AAAAAAAA' }, 'code'],
  ['book', { ...booking, siteId: { $ne: null } }, 'siteId'],
  ['book', { ...booking, date: '2030-3-5' }, 'date'],
  ['book', { ...booking, date: '2030-02-29' }, 'date'],
  ['book', { ...booking, start: '9:00' }, 'start'],
  ['book', { ...booking, start: '09:10' }, 'start'],
  ['book', { ...booking, start: '10:00', end: '10:00' }, 'end'],
  ['book', { ...booking, start: '08:00', end: '17:00' }, 'end'],
  ['book', { ...booking, headcount: 0 }, 'headcount'],
  ['book', { ...booking, headcount: '20' }, 'headcount'],
  ['book', { ...booking, purpose: '' }, 'purpose'],
  ['book', { ...booking, purpose: '活'.repeat(101) }, 'purpose'],
  ['book', { ...booking, status: 'booked' }, 'status'],
  ['cancel', {}, 'bookingId'],
  ['cancel', { bookingId: { $exists: true } }, 'bookingId'],
  ['decide', { bookingId: 'b1', decision: 'decline' }, 'reason'],
  ['decide', { bookingId: 'b1', decision: 'maybe' }, 'decision'],
  ['bookings', { from: '2030-03-05' }, 'siteId'],
  ['bookings', { siteId: 'site-xingfuli-hub', from: '2030-03-05', to: '2030-03-04' }, 'to'],
  ['bookings', { siteId: 'site-xingfuli-hub', from: 'tomorrow' }, 'from'],
  ['visit', {}, 'token'],
  ['visit', { token: 123 }, 'token'],
  ['visit', { token: 'x'.repeat(201) }, 'token'],
  ['visit', { token: 'abc', location: { lat: 'north', lng: 114 } }, 'location.lat'],
  ['usage', { month: '2030-13' }, 'month'],
  ['usage', { siteId: { $regex: '.*' } }, 'siteId'],
  ['exportUsage', { month: 202603 }, 'month'],
  ['recount', { month: '2030/03' }, 'month'],
]

runBadInput(bed, 'site', bad)
