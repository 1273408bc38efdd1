import type { IsoDate } from './dates.js';

/**
 * Councils in England and Wales keep London time. Every conversion between an instant and a
 * London wall-clock date or time goes through here, with one formatter made once: building an
 * `Intl.DateTimeFormat` costs about thirty times as much as using one, and these run on
 * every request.
 */
const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * The last minute asked for, and its wall clock: nearly every call asks about now (each request
 * asks what day it is), and taking a date apart through Intl costs tens of microseconds. London's
 * offset from UTC is a whole number of hours, so a UTC minute is one wall-clock minute.
 */
let lastMinute = Number.NaN;
let lastWallClock: { date: IsoDate; minutes: number } = { date: '1970-01-01', minutes: 0 };

/** The London wall-clock date and minutes since midnight at an instant. */
export function londonWallClock(at: Date): { date: IsoDate; minutes: number } {
  const minute = Math.floor(at.getTime() / 60_000);
  if (minute === lastMinute) return { ...lastWallClock };
  const found = readWallClock(at);
  lastMinute = minute;
  lastWallClock = found;
  return { ...found };
}

function readWallClock(at: Date): { date: IsoDate; minutes: number } {
  let year = '', month = '', day = '', hour = '', minute = '';
  for (const part of wallClock.formatToParts(at)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
    else if (part.type === 'hour') hour = part.value;
    else if (part.type === 'minute') minute = part.value;
  }
  return { date: `${year}-${month}-${day}`, minutes: Number(hour) * 60 + Number(minute) };
}

/** Today's date in London, "YYYY-MM-DD". */
export function londonDate(now: Date): IsoDate {
  return londonWallClock(now).date;
}

/**
 * "2026-12-08" at "19:00" in London as the instant it is (GMT or BST, whichever applies that
 * day). In the hour the clocks go back the earlier of the two instants is taken; a time the
 * clocks skip in spring comes out an hour later, as a wall clock would show it.
 */
export function londonInstant(date: IsoDate, time: string): Date {
  const [h, m] = time.split(':').map(Number);
  const asUtc = Date.parse(`${date}T00:00:00Z`) + ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
  // London is UTC+1 in summer and UTC in winter: try the summer offset first, so that of the
  // two instants an autumn hour repeats, the earlier is taken.
  for (const offsetMinutes of [60, 0]) {
    const candidate = asUtc - offsetMinutes * 60_000;
    const wall = londonWallClock(new Date(candidate));
    if (Date.parse(`${wall.date}T00:00:00Z`) + wall.minutes * 60_000 === asUtc) return new Date(candidate);
  }
  return new Date(asUtc);
}
