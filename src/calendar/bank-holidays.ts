import Holidays from 'date-holidays';
import type { Nation } from '../protocol/types.js';
import { isoWeekday, type IsoDate } from './dates.js';

export interface BankHoliday {
  date: IsoDate;
  name: string;
}

const REGION: Record<Nation, string> = { england: 'ENG', wales: 'WLS' };
const cache = new Map<string, ReadonlyMap<IsoDate, string>>();

/**
 * The bank holidays of a nation in a year: only the days actually off. date-holidays also
 * lists a holiday on the weekend it falls (e.g. Sat 1 Jan 2022) besides its substitute day,
 * and observances such as Mother's Day; neither is a day off, so neither is returned.
 */
export function bankHolidays(nation: Nation, year: number): ReadonlyMap<IsoDate, string> {
  const key = `${nation}:${year}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const hd = new Holidays('GB', REGION[nation]);
  const days = new Map<IsoDate, string>();
  for (const h of hd.getHolidays(year)) {
    if (h.type !== 'public' && h.type !== 'bank') continue;
    const date = h.date.slice(0, 10);
    if (isoWeekday(date) >= 6) continue;
    days.set(date, h.name);
  }
  cache.set(key, days);
  return days;
}

export function bankHolidayOn(nation: Nation, date: IsoDate): string | undefined {
  return bankHolidays(nation, Number(date.slice(0, 4))).get(date);
}
