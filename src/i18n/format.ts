import type { Locale } from './messages.js';

/**
 * Dates, times and lists in the reader's language, with Node's own ICU data (which has Welsh).
 * Formatters are built once per locale and kept: building one costs about 30 times as much
 * as using it.
 */

const TAGS: Record<Locale, string> = { en: 'en-GB', cy: 'cy-GB' };

/** The BCP 47 tag for a locale, for `lang` attributes and documents' language. */
export function languageTag(locale: Locale): string {
  return TAGS[locale];
}

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${name}`;
  let found = cache.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(TAGS[locale], options);
    cache.set(key, found);
  }
  return found;
}

/** "2026-03-27" → "27 March 2026" / "27 Mawrth 2026", as GOV.UK style writes dates. */
export function formatDate(iso: string, locale: Locale = 'en'): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  return formatter(locale, 'date', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** "2026-03-27" → "Friday 27 March 2026" / "Dydd Gwener 27 Mawrth 2026" (GOV.UK style: no comma). */
export function formatDay(iso: string, locale: Locale = 'en'): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  return formatter(locale, 'day', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d))).replace(',', '');
}

/** "2026-03-27" → "Fri 27 Mar 2026" / "Gwen 27 Maw 2026". */
export function formatShortDay(iso: string, locale: Locale = 'en'): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  return formatter(locale, 'shortDay', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d))).replace(',', '');
}

/** An instant as London reads it: "22 November 2026, 12:00" / "22 Tachwedd 2026, 12:00". */
export function formatDateTime(at: Date, locale: Locale = 'en'): string {
  return formatter(locale, 'dateTime', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/London' }).format(at);
}

/** The time of day in London, 24-hour: "09:00". */
export function formatTime(at: Date, locale: Locale = 'en'): string {
  return formatter(locale, 'time', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

const lists = new Map<Locale, Intl.ListFormat>();
/** "a, b and c" / "a, b a c". */
export function formatList(items: readonly string[], locale: Locale = 'en'): string {
  let found = lists.get(locale);
  if (!found) {
    found = new Intl.ListFormat(TAGS[locale], { type: 'conjunction' });
    lists.set(locale, found);
  }
  return found.format(items);
}

const plurals = new Map<Locale, Intl.PluralRules>();
/** The plural category of a count in a locale: Welsh has zero, one, two, few, many and other. */
export function pluralCategory(count: number, locale: Locale): Intl.LDMLPluralRule {
  let found = plurals.get(locale);
  if (!found) {
    found = new Intl.PluralRules(TAGS[locale]);
    plurals.set(locale, found);
  }
  return found.select(count);
}
