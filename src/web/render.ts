import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

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
  env.addFilter('longDate', (iso: string | null | undefined) => (iso ? longDate(iso) : ''));
  env.addFilter('clauseAnchor', clauseAnchor);
  env.addFilter('longDateTime', (at: Date | string | null | undefined) => (at ? longDateTime(new Date(at)) : ''));
  return env;
}

/** "2026-03-27" → "27 March 2026", as GOV.UK style writes dates. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return iso;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** Text cut to `max` characters, ending "…" when cut: for one-line labels of long text. */
export function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** An instant as London reads it: "22 November 2026, 12:00". */
export function longDateTime(at: Date): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Europe/London' }).format(at);
}

/** The id of a clause on the protocol page: "2.3.5a" → "clause-2-3-5a". */
export function clauseAnchor(number: string): string {
  return `clause-${number.replace(/[^A-Za-z0-9]+/g, '-')}`;
}
