/**
 * Message catalogues and translation. Each capability brings its own messages (its
 * `messages.ts`); the catalogue is put together from the capabilities' list
 * (src/capabilities), so no file here grows with them.
 */
export type Locale = 'en';

/** A catalogue: message key → text, with `{name}` placeholders. */
export type Catalogue = Readonly<Record<string, string>>;

/** Takes any key: dynamic keys ("tasks.status." + status) are checked by the catalogue test. */
export interface Translate {
  (key: string, vars?: Record<string, string | number>): string;
  /** Whether the catalogue has `key` (for optional messages, e.g. a refusal's lead). */
  has(key: string): boolean;
}

/**
 * A translator over one catalogue. `{name}` in a message is replaced from `vars`; the
 * council's terminology ({clerk}, {chair}, {viceChair}, {council}) is always available,
 * so a message says "Town Clerk" or "Chief Officer" as the council does.
 */
export function createTranslator(catalogue: Catalogue, base: Record<string, string> = {}): Translate {
  const t = (key: string, vars?: Record<string, string | number>): string => {
    const template = catalogue[key];
    if (template === undefined) return key;
    const all = vars ? { ...base, ...vars } : base;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = all[name];
      return value === undefined ? whole : String(value);
    });
  };
  return Object.assign(t, { has: (key: string) => key in catalogue });
}
