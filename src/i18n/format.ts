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

/**
 * A calendar date written out, kept: pages write the same few dates many times over (a list of
 * meetings writes each one's deadlines), and writing one costs a microsecond or two.
 */
const written = new Map<string, string>();
function writtenOnce(kind: string, iso: string, locale: Locale, write: () => string): string {
  const key = `${locale}${kind}${iso}`;
  let text = written.get(key);
  if (text === undefined) {
    // Dates a council reads are a few thousand at most; the bound only guards against a flood.
    if (written.size >= 20_000) written.clear();
    text = write();
    written.set(key, text);
  }
  return text;
}

/** "2026-03-27" → "27 March 2026" / "27 Mawrth 2026", as GOV.UK style writes dates. */
export function formatDate(iso: string, locale: Locale = 'en'): string {
  return writtenOnce('date', iso, locale, () => {
    const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
    if (!y || !m || !d) return iso;
    return formatter(locale, 'date', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
  });
}

/** "2026-03-27" → "Friday 27 March 2026" / "Dydd Gwener 27 Mawrth 2026" (GOV.UK style: no comma). */
export function formatDay(iso: string, locale: Locale = 'en'): string {
  return writtenOnce('day', iso, locale, () => {
    const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
    if (!y || !m || !d) return iso;
    return formatter(locale, 'day', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d))).replace(',', '');
  });
}

/** "2026-03-27" → "Fri 27 Mar 2026" / "Gwen 27 Maw 2026". */
export function formatShortDay(iso: string, locale: Locale = 'en'): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  return formatter(locale, 'shortDay', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d))).replace(',', '');
}

/**
 * A time of day as GOV.UK style writes it: "9:00am", "12:30pm"; in Welsh "9:00yb", "12:30yp"
 * (y bore, y prynhawn). Every time Concord shows goes through here, so none reads "09:00".
 */
export function formatClock(hours: number, minutes: number, locale: Locale = 'en'): string {
  const morning = hours % 24 < 12;
  const suffix = locale === 'cy' ? (morning ? 'yb' : 'yp') : morning ? 'am' : 'pm';
  return `${hours % 12 || 12}:${String(minutes).padStart(2, '0')}${suffix}`;
}

/** A wall-clock time as stored ("19:00", "09:30:00") → "7:00pm" / "7:00yp"; anything else unchanged. */
export function formatWallTime(time: string, locale: Locale = 'en'): string {
  const match = /^(\d{1,2}):(\d{2})/.exec(time);
  return match ? formatClock(Number(match[1]), Number(match[2]), locale) : time;
}

/** The time of day of an instant in London: "9:00am" / "9:00yb". */
export function formatTime(at: Date, locale: Locale = 'en'): string {
  const parts = formatter('en', 'londonClock', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return formatClock(part('hour'), part('minute'), locale);
}

/** An instant as London reads it, GOV.UK style: "2 December 2026 at 9:00am" / "2 Rhagfyr 2026 am 9:00yb". */
export function formatDateTime(at: Date, locale: Locale = 'en'): string {
  return `${formatDate(londonIsoDate(at), locale)} ${locale === 'cy' ? 'am' : 'at'} ${formatTime(at, locale)}`;
}

/** The calendar date of an instant in London, "2026-12-02". */
export function londonIsoDate(at: Date): string {
  const parts = formatter('en', 'londonIsoDate', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
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

const plurals = new Map<Locale, { rules: Intl.PluralRules; small: Intl.LDMLPluralRule[] }>();
/** Counts this small have their category kept: a page counts its lists' lengths, again and again. */
const SMALL_COUNTS = 1_000;
/** The plural category of a count in a locale: Welsh has zero, one, two, few, many and other. */
export function pluralCategory(count: number, locale: Locale): Intl.LDMLPluralRule {
  let found = plurals.get(locale);
  if (!found) {
    found = { rules: new Intl.PluralRules(TAGS[locale]), small: [] };
    plurals.set(locale, found);
  }
  if (!Number.isInteger(count) || count < 0 || count >= SMALL_COUNTS) return found.rules.select(count);
  return (found.small[count] ??= found.rules.select(count));
}
