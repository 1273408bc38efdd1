import { formatDate, formatDay, pluralCategory } from './format.js';

/**
 * Message catalogues and translation. Each capability brings its own messages, in English
 * (`messages.ts`) and Welsh (`messages.cy.ts`); the catalogues are put together from the
 * capabilities' list (src/capabilities), so no file here grows with them.
 */
export const LOCALES = ['en', 'cy'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'cy';
}

/** A catalogue: message key → text, with `{name}` placeholders. */
export type Catalogue = Readonly<Record<string, string>>;

/**
 * A date given to a message by a service, written out where the message is translated, in
 * the reader's language: `{ day: '2026-04-09' }` → "Thursday 9 April 2026", `{ date: … }` →
 * "9 April 2026".
 */
export type DateValue = { readonly day: string } | { readonly date: string };

export type Vars = Record<string, string | number | DateValue>;

/** Takes any key: dynamic keys ("tasks.status." + status) are checked by the catalogue test. */
export interface Translate {
  (key: string, vars?: Vars): string;
  /** Whether the catalogue has `key` (for optional messages, e.g. a refusal's lead). */
  has(key: string): boolean;
  /**
   * A message about a number of things: `<key>.<category>` for the count's plural category in
   * this language (Welsh: zero, one, two, few, many; English: one), else `<key>` itself.
   * `{count}` is the count.
   */
  plural(key: string, count: number, vars?: Vars): string;
  /** The language this translator writes. */
  readonly locale: Locale;
  /** One of the council's words it fills in (`councilName`, `clerk`…), in its language; undefined where it has none. */
  word(name: string): string | undefined;
}

/** One text written in each language, joined: "Apologies for absence / Ymddiheuriadau am absenoldeb". */
export function inEachLanguage(languages: readonly Translate[], text: (t: Translate) => string, between = ' / '): string {
  return languages.map(text).join(between);
}

/** The council's name in the translator's language: its Welsh name where it keeps one (a council's translator carries it). */
export function councilNameIn(t: Translate, council: { name: string }): string {
  return t.word('councilName') ?? council.name;
}

/**
 * A translator over one catalogue (falling back to `fallback` for a key it lacks). `{name}` in
 * a message is replaced from `vars`; the council's terminology ({clerk}, {chair}, {viceChair},
 * {council}) is always available, so a message says "Town Clerk" or "Chief Officer" as the
 * council does.
 */
export function createTranslator(catalogue: Catalogue, base: Readonly<Record<string, string>> = {}, locale: Locale = 'en', fallback: Catalogue = catalogue): Translate {
  // A message whose only placeholders are the council's words comes out the same each time.
  const withWords = new Map<string, string>();
  const t = (key: string, vars?: Vars): string => {
    const template = catalogue[key] ?? fallback[key];
    if (template === undefined) return key;
    // Most messages have no placeholder: they are returned as they are.
    if (!template.includes('{')) return template;
    if (!vars) {
      let done = withWords.get(key);
      if (done === undefined) withWords.set(key, (done = fill(template, base)));
      return done;
    }
    return fill(template, { ...base, ...vars });
  };
  const fill = (template: string, all: Vars | Record<string, string>): string =>
    template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = all[name];
      if (value === undefined) return whole;
      if (typeof value === 'object') return 'day' in value ? formatDay(value.day, locale) : formatDate(value.date, locale);
      return String(value);
    });
  const has = (key: string) => key in catalogue || key in fallback;
  const plural = (key: string, count: number, vars?: Vars) => {
    const form = `${key}.${pluralCategory(count, locale)}`;
    return t(form in catalogue ? form : key, { count, ...vars });
  };
  const word = (name: string): string | undefined => base[name];
  return Object.assign(t, { has, plural, locale, word });
}
