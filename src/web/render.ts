import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatDate, formatDateTime } from '../i18n/format.js';
import type { Locale } from '../i18n/messages.js';

const require = createRequire(import.meta.url);
const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const govukDir = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/**
 * One Nunjucks environment for all pages. Templates are found by capability:
 * `people/views/list.njk`, `web/views/layout.njk`; govuk-frontend's as `govuk/...`.
 */
export function createViews(): nunjucks.Environment {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([srcDir, govukDir], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  // Dates in the page's language: the filters read `locale` from the page's context.
  type Filter = { ctx?: { locale?: Locale } };
  env.addFilter('longDate', function (this: Filter, iso: string | null | undefined) {
    return iso ? formatDate(iso, this.ctx?.locale) : '';
  });
  env.addFilter('clauseAnchor', clauseAnchor);
  env.addFilter('longDateTime', function (this: Filter, at: Date | string | null | undefined) {
    return at ? formatDateTime(new Date(at), this.ctx?.locale) : '';
  });
  return env;
}

/** "2026-03-27" → "27 March 2026", as GOV.UK style writes dates. */
export function longDate(iso: string, locale: Locale = 'en'): string {
  return formatDate(iso, locale);
}

/** Text cut to `max` characters, ending "…" when cut: for one-line labels of long text. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** An instant as London reads it: "22 November 2026, 12:00". */
export function longDateTime(at: Date, locale: Locale = 'en'): string {
  return formatDateTime(at, locale);
}

/** The id of a clause on the protocol page: "2.3.5a" → "clause-2-3-5a". */
export function clauseAnchor(number: string): string {
  return `clause-${number.replace(/[^A-Za-z0-9]+/g, '-')}`;
}
