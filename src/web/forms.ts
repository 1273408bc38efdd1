import type { z } from 'zod';
import type { Translate } from '../i18n/messages.js';
import type { FieldError } from './errors.js';

/** A form's errors as govukErrorSummary and each field's errorMessage want them. */
export interface FormErrors {
  summary: { text: string; href: string }[];
  fields: Record<string, { text: string; visuallyHiddenText?: string }>;
}

/**
 * Each field's error as a screen reader announces it: govuk-frontend prefixes "Error:" in
 * English unless told otherwise, so the page's own language gives the word (reply.view does this
 * for every page, so no form has to remember).
 */
export function inLanguage(errors: FormErrors, prefix: string): FormErrors {
  const fields: FormErrors['fields'] = {};
  for (const [name, field] of Object.entries(errors.fields)) fields[name] = { visuallyHiddenText: prefix, ...field };
  return { ...errors, fields };
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * Parse input with a schema whose messages are catalogue keys (e.g. "validation.required").
 * `labels` gives each field's label key, so a message can say which field it is about.
 * The API and the pages share this, so a field is checked the same way on both.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  t: Translate,
  labels: Record<string, string> = {},
): Parsed<z.infer<S>> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    if (seen.has(field)) continue; // one message a field, the first
    seen.add(field);
    errors.push({ field, message: messageFor(issue, field, t, labels) });
  }
  return { ok: false, errors };
}

function messageFor(issue: z.core.$ZodIssue, field: string, t: Translate, labels: Record<string, string>): string {
  const labelKey = labels[field];
  const label = labelKey ? lowerFirst(t(labelKey)) : field;
  const vars: Record<string, string | number> = { label, Label: labelKey ? t(labelKey) : field };
  if ('maximum' in issue && typeof issue.maximum === 'number') vars.max = issue.maximum;
  if ('minimum' in issue && typeof issue.minimum === 'number') vars.min = issue.minimum;
  // A missing value reports the type's own message; say "Enter ..." instead.
  if (issue.code === 'invalid_type' && issue.input === undefined) return t('validation.required', vars);
  const key = issue.message.includes('.') && !issue.message.includes(' ') ? issue.message : 'validation.invalid';
  return capitalise(t(key, vars));
}

export function toFormErrors(errors: readonly FieldError[]): FormErrors {
  const fields: FormErrors['fields'] = {};
  for (const e of errors) fields[e.field] = { text: e.message };
  return { summary: errors.map((e) => ({ text: e.message, href: `#${e.field}` })), fields };
}

/** The emptiness of HTML forms, made explicit: "" becomes undefined, so optional means optional. */
export function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/** govukDateInput posts three fields; the schema wants one ISO date (or nothing). */
export function dateFromParts(body: Record<string, unknown>, name: string): string | undefined {
  const part = (suffix: string) => {
    const value = body[`${name}-${suffix}`];
    return typeof value === 'string' ? value.trim() : '';
  };
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (!day && !month && !year) return undefined;
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The inverse, to fill a govukDateInput from a stored date. */
export function dateParts(iso: string | null | undefined): { day: string; month: string; year: string } {
  if (!iso) return { day: '', month: '', year: '' };
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** A checkbox posts "on" (or its value) when ticked and nothing when not. */
export function checkbox(value: unknown): boolean {
  return value !== undefined && value !== '' && value !== 'false';
}

/** A group of checkboxes posts one value or several. */
export function asList(value: unknown): string[] {
  if (value === undefined || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function lowerFirst(s: string): string {
  // Keep proper titles ("Town Clerk") as they are; lower ordinary field labels.
  return /^[A-Z][a-z]/.test(s) && !/^[A-Z][a-z]+ [A-Z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
