import type { Translate } from '../i18n/messages.js';
import type { Reading, SkippedDay } from './clear-days.js';
import { shortDate } from './dates.js';

/** "Sun 5 Apr 2026: Easter break", or with the holiday's name: "Mon 26 May 2025: bank holiday (Spring bank holiday)". */
export function skippedLabel(day: SkippedDay, t: Translate): string {
  const reason = t(`calendar.reason.${day.reason}`);
  return day.detail ? t('calendar.skipped.withDetail', { date: shortDate(day.date, t.locale), reason, detail: day.detail }) : t('calendar.skipped', { date: shortDate(day.date, t.locale), reason });
}

export function readingName(reading: Reading, t: Translate): string {
  return t(`calendar.reading.${reading}`);
}
