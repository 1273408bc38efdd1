import { en } from './en.js';

export type MessageKey = keyof typeof en;
export type Locale = 'en';
/** Takes any key: dynamic keys ("tasks.status." + status) are checked by the catalogue test. */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;

const catalogues: Record<Locale, Record<string, string>> = { en };

/**
 * A translator for one locale. `{name}` in a message is replaced from `vars`; the
 * council's terminology ({clerk}, {chair}, {viceChair}, {council}) is always available,
 * so a message says "Town Clerk" or "Chief Officer" as the council does.
 */
export function translator(locale: Locale, base: Record<string, string> = {}): Translate {
  const catalogue = catalogues[locale];
  return (key, vars) => {
    const template = catalogue[key] ?? en[key as MessageKey];
    if (template === undefined) return key;
    const all = vars ? { ...base, ...vars } : base;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = all[name];
      return value === undefined ? whole : String(value);
    });
  };
}

export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}
