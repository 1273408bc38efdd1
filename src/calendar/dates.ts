import { formatDay, formatShortDay } from '../i18n/format.js';
import type { Locale } from '../i18n/messages.js';
/**
 * Plain calendar dates as ISO strings ("YYYY-MM-DD"), with arithmetic done in UTC so that
 * no time zone or clock change can move a day.
 */
export type IsoDate = string;

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * Midnight UTC of a date. A well-formed date from the year 100 on is built from its numbers
 * (parsing a date string costs several times as much, and counting days asks thousands of
 * times a second); anything else goes through the parser, so a malformed or impossible date
 * is still an invalid Date.
 */
export function toUtc(iso: IsoDate): Date {
  const parts = PLAIN_DATE.exec(iso);
  if (parts) {
    const year = Number(parts[1]);
    const month = Number(parts[2]);
    const day = Number(parts[3]);
    const monthDays = month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1];
    // Date.UTC reads the years 0–99 as 1900–1999, so those go through the parser.
    if (year >= 100 && monthDays !== undefined && day >= 1 && day <= monthDays) return new Date(Date.UTC(year, month - 1, day));
  }
  return new Date(`${iso}T00:00:00Z`);
}

export function fromUtc(d: Date): IsoDate {
  const year = d.getUTCFullYear();
  // An invalid date throws, and years outside 100–9999 keep toISOString's own form.
  if (!(year >= 100 && year <= 9999)) return d.toISOString().slice(0, 10);
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function addDays(iso: IsoDate, days: number): IsoDate {
  const d = toUtc(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** ISO weekday: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(iso: IsoDate): number {
  const day = toUtc(iso).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = toUtc(value);
  return !Number.isNaN(d.getTime()) && fromUtc(d) === value;
}

/** "Sun 5 Apr 2026": the short form used when listing skipped days. */
export function shortDate(iso: IsoDate, locale: Locale = 'en'): string {
  if (locale !== 'en') return formatShortDay(iso, locale);
  const d = toUtc(iso);
  return `${WEEKDAYS[isoWeekday(iso) - 1]!.slice(0, 3)} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]!.slice(0, 3)} ${d.getUTCFullYear()}`;
}

/** "Thursday 9 April 2026", as GOV.UK style writes a date with its day. */
export function longDay(iso: IsoDate, locale: Locale = 'en'): string {
  if (locale !== 'en') return formatDay(iso, locale);
  const d = toUtc(iso);
  return `${WEEKDAYS[isoWeekday(iso) - 1]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / 86_400_000);
}
