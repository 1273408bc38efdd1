import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatDate, formatDateTime, formatWallTime } from '../i18n/format.js';
import type { Locale } from '../i18n/messages.js';
import { asNunjucksComes, fasterRuntime, fasterTrim, markupKeeper, rememberTemplates } from './view-speed.js';

const require = createRequire(import.meta.url);
const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const govukDir = join(dirname(require.resolve('govuk-frontend/package.json')), 'dist');

/**
 * One Nunjucks environment for all pages. Templates are found by capability:
 * `people/views/list.njk`, `web/views/layout.njk`; govuk-frontend's as `govuk/...`.
 * It renders what Nunjucks would, faster (src/web/view-speed.ts); `plain` is Nunjucks as it
 * comes, for the test that the two render the same pages alike.
 */
export function createViews(options: { plain?: boolean } = {}): nunjucks.Environment {
  // src/web/overrides comes first so that Concord's own version of a govuk-frontend macro
  // (the table, which stacks on a phone) is the one every template imports.
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([join(srcDir, 'web', 'overrides'), srcDir, govukDir], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
  });
  // Dates in the page's language: the filters read `locale` from the page's context.
  type Filter = { ctx?: { locale?: Locale } };
  env.addFilter('longDate', function (this: Filter, iso: string | null | undefined) {
    return iso ? formatDate(iso, this.ctx?.locale) : '';
  });
  env.addFilter('clauseAnchor', clauseAnchor);
  // A stored time of day ("19:00") as GOV.UK writes it: "7:00pm".
  env.addFilter('wallTime', function (this: Filter, time: string | null | undefined) {
    return time ? formatWallTime(time, this.ctx?.locale) : '';
  });
  env.addGlobal('concordTable', concordTable);
  if (options.plain) {
    // Only what the tests compare through (render and renderString, without a callback) runs
    // this way: they render synchronously, so nothing else renders meanwhile.
    const render = env.render.bind(env);
    const renderString = env.renderString.bind(env);
    env.render = (name: string, context?: object) => asNunjucksComes(() => render(name, context));
    env.renderString = (source: string, context: object) => asNunjucksComes(() => renderString(source, context));
    env.addGlobal('sameFor', function (this: unknown, _name: string, macro: (params: unknown) => unknown, params: unknown) {
      return macro.call(this, params);
    });
  } else {
    rememberTemplates(env);
    fasterRuntime();
    env.addFilter('trim', fasterTrim(env.getFilter('trim')));
    env.addGlobal('sameFor', markupKeeper());
  }
  env.addFilter('longDateTime', function (this: Filter, at: Date | string | null | undefined) {
    return at ? formatDateTime(new Date(at), this.ctx?.locale) : '';
  });
  return env;
}

interface TableCell {
  text?: string | number | null;
  /** A string, or Nunjucks' SafeString (which turns into its text in the same way). */
  html?: string | null;
  colspan?: number;
  attributes?: Record<string, unknown>;
  [key: string]: unknown;
}

interface TableParams {
  head?: TableCell[];
  rows?: (TableCell[] | null | undefined)[];
  classes?: string;
  caption?: string;
  /** Keep it a table on a phone, scrolling inside its own region. */
  scroll?: boolean;
  [key: string]: unknown;
}

/** The text of a heading cell, for a label: its text, or its HTML without the tags. */
function cellText(cell: TableCell | undefined): string {
  if (!cell) return '';
  if (cell.text !== undefined && cell.text !== null) return String(cell.text);
  return String(cell.html ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The parameters of govuk-frontend's table, made to fit a phone (see
 * src/web/overrides/govuk/components/table/macro.njk): every cell labelled with its column's
 * heading, and the table marked to stack on a small screen, or to scroll in its region.
 */
export function concordTable(params: TableParams): TableParams {
  const head = params.head ?? [];
  const labels: string[] = [];
  for (const cell of head) for (let i = 0; i < (cell.colspan ?? 1); i++) labels.push(cellText(cell));
  const rows = (params.rows ?? []).map((row) => {
    if (!row) return row;
    let column = 0;
    return row.map((cell) => {
      const label = labels[column];
      column += cell.colspan ?? 1;
      return label ? { ...cell, attributes: { 'data-label': label, ...cell.attributes } } : cell;
    });
  });
  const marker = params.scroll ? 'concord-table--scroll' : 'concord-table--stacked';
  return {
    ...params,
    rows,
    classes: [params.classes, marker].filter(Boolean).join(' '),
    scrollLabel: params.scrollLabel ?? params.caption ?? '',
  };
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
