import type { Nation } from '../protocol/types.js';
import { bankHolidayOn } from './bank-holidays.js';
import { addDays, isoWeekday, type IsoDate } from './dates.js';

/**
 * How "clear days" are counted (Local Government Act 1972 s.243 and Sch. 12). The counting
 * is contested, so Concord never assumes it silently: a council chooses its reading, and
 * every answer names the reading and lists each day it did not count, with the reason.
 *
 * - `nalc` (the default): NALC's reading. Sundays, the Christmas break, the Easter break,
 *   bank holidays and days of public thanksgiving or mourning do not count; Saturdays do,
 *   unless the council says otherwise (`saturdaysCount: false`).
 * - `working-weekdays`: the stricter reading in a KC's published view (Local Government
 *   Lawyer, 2022): clear days are working weekdays, so Saturdays never count, and a period
 *   of mourning stops notice only when it is a bank holiday.
 */
export const READINGS = ['nalc', 'working-weekdays'] as const;
export type Reading = (typeof READINGS)[number];

export interface MourningDay {
  date: IsoDate;
  name: string;
}

export interface CountingRules {
  nation: Nation;
  reading: Reading;
  /** Whether Saturdays count on NALC's reading; on the working-weekdays reading they never do. */
  saturdaysCount: boolean;
  /** Days of public thanksgiving or mourning (the built-in list and the council's own). */
  mourningDays: readonly MourningDay[];
}

export type SkipReason = 'christmas-break' | 'easter-break' | 'bank-holiday' | 'mourning' | 'sunday' | 'saturday';

export interface SkippedDay {
  date: IsoDate;
  reason: SkipReason;
  /** The holiday's or the day of mourning's name, where there is one. */
  detail?: string;
}

export interface ClearDaysAnswer {
  /** The date of the meeting (or other event) counted back from. */
  meeting: IsoDate;
  /** Clear days required. */
  clearDays: number;
  /** The last day on which notice may be given. */
  latestIssueDate: IsoDate;
  /** The days that counted, earliest first. */
  counted: IsoDate[];
  /** Every day between the issue date and the meeting that did not count, earliest first. */
  skipped: SkippedDay[];
  reading: Reading;
  saturdaysCount: boolean;
}

/** Days of national mourning or thanksgiving known to Concord; councils add their own. */
export const NATIONAL_MOURNING_DAYS: readonly MourningDay[] = [
  { date: '2022-09-19', name: 'State funeral of Queen Elizabeth II' },
];

/** Easter Day in the Gregorian calendar (the anonymous Gregorian algorithm). */
export function easterDay(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

type Break = Readonly<{ from: IsoDate; to: IsoDate }>;

/**
 * Each break is worked out once per nation and year: every day counted asks about two
 * Christmases and one Easter, and a list of meetings counts back from each of them.
 */
const breaks = new Map<string, Break>();
function once(key: string, work: () => Break): Break {
  let known = breaks.get(key);
  if (!known) breaks.set(key, (known = Object.freeze(work())));
  return known;
}

/** The Easter break (s.243(4)): the Thursday before Easter Day to the Tuesday after it. */
export function easterBreak(year: number): Break {
  return once(`easter:${year}`, () => {
    const easter = easterDay(year);
    return { from: addDays(easter, -3), to: addDays(easter, 2) };
  });
}

const isWeekday = (iso: IsoDate) => isoWeekday(iso) <= 5;

/**
 * The Christmas break (s.243(4)): from the last weekday before Christmas Day to the first
 * weekday after it that is not a bank holiday, both included.
 */
export function christmasBreak(nation: Nation, year: number): Break {
  return once(`christmas:${nation}:${year}`, () => {
    const christmas = `${year}-12-25`;
    let from = addDays(christmas, -1);
    while (!isWeekday(from)) from = addDays(from, -1);
    let to = addDays(christmas, 1);
    while (!isWeekday(to) || bankHolidayOn(nation, to)) to = addDays(to, 1);
    return { from, to };
  });
}

const within = (iso: IsoDate, range: Break) => iso >= range.from && iso <= range.to;

/** Why `date` does not count as a clear day under `rules`, or undefined when it counts. */
export function whyNotCounted(date: IsoDate, rules: CountingRules): SkippedDay | undefined {
  const year = Number(date.slice(0, 4));
  // Late December of one year, or (for a break ending after New Year) early January of the next.
  if (within(date, christmasBreak(rules.nation, year)) || within(date, christmasBreak(rules.nation, year - 1))) {
    return { date, reason: 'christmas-break', detail: bankHolidayOn(rules.nation, date) };
  }
  if (within(date, easterBreak(year))) return { date, reason: 'easter-break', detail: bankHolidayOn(rules.nation, date) };
  const holiday = bankHolidayOn(rules.nation, date);
  if (holiday) return { date, reason: 'bank-holiday', detail: holiday };
  const weekday = isoWeekday(date);
  if (rules.reading === 'nalc') {
    const mourning = rules.mourningDays.find((m) => m.date === date);
    if (mourning) return { date, reason: 'mourning', detail: mourning.name };
  }
  if (weekday === 7) return { date, reason: 'sunday' };
  if (weekday === 6 && !(rules.reading === 'nalc' && rules.saturdaysCount)) return { date, reason: 'saturday' };
  return undefined;
}

/**
 * The latest day on which notice of `days` clear days may be given before `meeting`.
 * Neither the day of issue nor the day of the meeting counts. The issue day need not count
 * itself, but Concord never names a Sunday or a bank holiday as the day to issue: it steps
 * back to the day before. A pure function: the same question always has the same answer.
 */
export function clearDaysBefore(meeting: IsoDate, days: number, rules: CountingRules): ClearDaysAnswer {
  const counted: IsoDate[] = [];
  const skipped: SkippedDay[] = [];
  let day = addDays(meeting, -1);
  while (counted.length < days) {
    const why = whyNotCounted(day, rules);
    if (why) skipped.push(why);
    else counted.push(day);
    day = addDays(day, -1);
  }
  while (isoWeekday(day) === 7 || bankHolidayOn(rules.nation, day)) {
    skipped.push(whyNotCounted(day, rules)!);
    day = addDays(day, -1);
  }
  return {
    meeting,
    clearDays: days,
    latestIssueDate: day,
    counted: counted.reverse(),
    skipped: skipped.reverse(),
    reading: rules.reading,
    saturdaysCount: rules.reading === 'nalc' && rules.saturdaysCount,
  };
}

/** The summons and public notice: three clear days (LGA 1972 Sch. 12 paras 10(2) and 26(2)). */
export const SUMMONS_CLEAR_DAYS = 3;

export function latestSummonsDate(meeting: IsoDate, rules: CountingRules): ClearDaysAnswer {
  return clearDaysBefore(meeting, SUMMONS_CLEAR_DAYS, rules);
}
