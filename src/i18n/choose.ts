import { negotiate } from '@fastify/accept-negotiator';
import { isLocale, type Locale } from './messages.js';

/** What a request says about the language to answer in, most binding first. */
export interface LanguageSignals {
  /** `?lang=cy` or `?lang=en`: a switch asked for now. */
  query?: unknown;
  /** The signed-in person's own setting. */
  person?: Locale | null;
  /** The cookie remembering a choice made signed out. */
  cookie?: string;
  /** The browser's or API client's Accept-Language header. */
  acceptLanguage?: string;
  /** An API request answers in the language of Accept-Language first. */
  api: boolean;
}

/**
 * The language of a response, among the council's languages: a switch asked for, then (for
 * the API) Accept-Language, then the person's setting, the remembered choice, the browser's
 * languages on a first visit, and the council's default.
 */
export function chooseLocale(signals: LanguageSignals, languages: readonly Locale[], councilDefault: Locale): Locale {
  const offered = (value: unknown): value is Locale => isLocale(value) && languages.includes(value);
  if (offered(signals.query)) return signals.query;
  const accepted = signals.acceptLanguage ? fromHeader(signals.acceptLanguage, languages) : null;
  if (signals.api && accepted) return accepted;
  if (offered(signals.person)) return signals.person;
  if (offered(signals.cookie)) return signals.cookie;
  if (accepted) return accepted;
  return offered(councilDefault) ? councilDefault : (languages[0] ?? 'en');
}

/** "cy-GB,en;q=0.8" → "cy": region subtags are read as their language. */
function fromHeader(header: string, languages: readonly Locale[]): Locale | null {
  const primary = header
    .split(',')
    .map((part) => part.trim().replace(/^([A-Za-z]{2,3})-[A-Za-z0-9-]+/, '$1'))
    .join(',');
  return negotiate(primary.toLowerCase(), [...languages]);
}
