import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Trx } from '../db/database.js';
import { DomainError, InvalidInputError } from './errors.js';
import { dateFromParts, parseInput, toFormErrors, type FormErrors } from './forms.js';

/**
 * The one form pipeline for pages. A page's form posts what a browser posts: every value a
 * string, a ticked checkbox "on" or its value, an unticked one nothing, a GOV.UK date as three
 * fields, a group of checkboxes one value or several, an empty field "". `fromBrowser` turns
 * that into the input the API takes, driven by the API's own zod schema, so a field is read
 * and checked alike on both; a failure redisplays the form with `govukErrorSummary` and each
 * field's message, labelled from the schema.
 */

/** How a field is shown and read on a page, kept with the schema (and out of the OpenAPI document). */
export interface FieldMeta {
  /** The field's label, as a catalogue key. */
  label: string;
  /**
   * A choice left blank (a select's empty option, radios with none chosen, a date with no
   * parts) arrives as missing, so the schema says "Enter …" or "Select …" for it rather than
   * that an empty value is not valid.
   */
  blankIsMissing?: boolean;
}

/** Each field's label, as a catalogue key, kept with the schema (and out of the OpenAPI document). */
export const fieldLabels = z.registry<FieldMeta, z.ZodType>();

/** A schema field with its label: `labelled(z.string(), 'enquiries.field.subject')`. */
export function labelled<S extends z.ZodType>(schema: S, label: string, options: Omit<FieldMeta, 'label'> = {}): S {
  fieldLabels.add(schema, { label, ...options });
  return schema;
}

/** What a browser form posts: names to a string or several strings. */
export type BrowserPost = Record<string, unknown>;

/** How a field of the schema arrives from a browser. */
type Arrival = 'text' | 'optional-text' | 'checkbox' | 'list' | 'number-list' | 'date' | 'optional-date' | 'number' | 'optional-number' | 'object';

/** The object schema inside wrappers (`.refine`, `.transform` keep their input's shape). */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const def = (schema as unknown as { _zod: { def: { type: string; shape?: Record<string, z.ZodType>; in?: z.ZodType; innerType?: z.ZodType; schema?: z.ZodType } } })._zod.def;
  if (def.type === 'object') return def.shape;
  const inner = def.in ?? def.innerType ?? def.schema;
  return inner ? objectShape(inner) : undefined;
}

/** What a field is, seen through optional / default / nullable. */
function arrivalOf(field: z.ZodType): Arrival {
  let optional = false;
  let current: z.ZodType = field;
  for (;;) {
    const def = (current as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType; format?: string; check?: string } } })._zod.def;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') {
      optional = true;
      current = def.innerType!;
      continue;
    }
    if (def.type === 'pipe' && def.in) {
      current = def.in;
      continue;
    }
    if (def.type === 'boolean') return 'checkbox';
    if (def.type === 'array') return isNumber((def as { element?: z.ZodType }).element) ? 'number-list' : 'list';
    if (def.type === 'object') return 'object';
    if (def.type === 'number' || def.type === 'int') return optional ? 'optional-number' : 'number';
    if (def.type === 'string' && def.format === 'date') return optional ? 'optional-date' : 'date';
    return optional ? 'optional-text' : 'text';
  }
}

/** Whether a schema (seen through its wrappers) takes a number. */
function isNumber(schema: z.ZodType | undefined): boolean {
  if (!schema) return false;
  const def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
  if (def.type === 'number' || def.type === 'int') return true;
  const inner = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
  return inner ? isNumber(inner) : false;
}

/** A typed number as a number; anything else as it was, for the schema to refuse. */
function asNumber(value: string): unknown {
  const trimmed = value.trim();
  return Number.isFinite(Number(trimmed)) ? Number(trimmed) : value;
}

/** The fields posted as "<prefix>.<name>", without the prefix: a nested object's own post. */
function nested(post: BrowserPost, prefix: string): BrowserPost {
  const inner: BrowserPost = {};
  for (const [name, value] of Object.entries(post)) if (name.startsWith(`${prefix}.`)) inner[name.slice(prefix.length + 1)] = value;
  return inner;
}

function isBlank(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && value.trim() === '');
}

function single(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** A browser's post as the API's input: the same schema decides what each field is. */
export function fromBrowser(schema: z.ZodType, body: BrowserPost | undefined): Record<string, unknown> {
  const post = body ?? {};
  const shape = objectShape(schema);
  if (!shape) return { ...post };
  const input: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(shape)) {
    const raw = post[name];
    const arrival = arrivalOf(field);
    if (fieldLabels.get(field)?.blankIsMissing && isBlank(single(raw)) && (arrival !== 'date' || dateFromParts(post, name) === undefined)) continue;
    switch (arrival) {
      case 'checkbox':
        input[name] = raw !== undefined && raw !== '' && raw !== 'false';
        break;
      case 'list':
      case 'number-list': {
        const values = raw === undefined || raw === '' ? [] : (Array.isArray(raw) ? raw : [raw]).map(String).filter((v) => v !== '');
        input[name] = arrival === 'number-list' ? values.map(asNumber) : values;
        break;
      }
      case 'object':
        // A nested object is posted as "<name>.<field>" (e.g. "terminology.clerk").
        input[name] = fromBrowser(field, nested(post, name));
        break;
      case 'date':
      case 'optional-date': {
        const value = typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : dateFromParts(post, name);
        if (value !== undefined) input[name] = value;
        else if (arrival === 'date') input[name] = '';
        break;
      }
      case 'number':
      case 'optional-number': {
        const value = single(raw);
        if (typeof value === 'string' && value.trim() !== '') input[name] = asNumber(value);
        else if (arrival === 'number') input[name] = value === undefined ? undefined : '';
        break;
      }
      case 'optional-text': {
        const value = single(raw);
        if (!(typeof value === 'string' && value.trim() === '') && value !== undefined) input[name] = value;
        break;
      }
      default: {
        const value = single(raw);
        input[name] = value ?? '';
      }
    }
  }
  return input;
}

/** Each field's label key, from the schema's registry; a nested object's fields by their path ("terminology.clerk"). */
export function labelsOf(schema: z.ZodType, prefix = ''): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [name, field] of Object.entries(objectShape(schema) ?? {})) {
    const label = fieldLabels.get(field)?.label;
    if (label) labels[`${prefix}${name}`] = label;
    if (arrivalOf(field) === 'object') Object.assign(labels, labelsOf(field, `${prefix}${name}.`));
  }
  return labels;
}

export type FormRead<T> = { ok: true; value: T; values: Record<string, unknown> } | { ok: false; errors: FormErrors; values: Record<string, unknown> };

/**
 * Read a page's post with the API's schema. `values` is what was typed (and the browser's
 * own date parts), to fill the form again.
 */
export function readForm<S extends z.ZodType>(req: FastifyRequest, schema: S, options: { labels?: Record<string, string>; extra?: Record<string, unknown> } = {}): FormRead<z.infer<S>> {
  const body = (req.body ?? {}) as BrowserPost;
  const input = { ...fromBrowser(schema, body), ...options.extra };
  const values = { ...body, ...input };
  const parsed = parseInput(schema, input, req.t, { ...labelsOf(schema), ...options.labels });
  return parsed.ok ? { ok: true, value: parsed.value, values } : { ok: false, errors: toFormErrors(parsed.errors), values };
}

export interface FormSubmission<S extends z.ZodType, R> {
  schema: S;
  labels?: Record<string, string>;
  /** Fields the page adds that the browser does not post (e.g. an id from the path). */
  extra?: Record<string, unknown>;
  /**
   * What the form is for may be closed whatever is posted (a meeting that has met): checked
   * before the fields, so that is the answer rather than what was missing. Throws as `save` does.
   */
  precondition?: () => void | Promise<void>;
  /** The change and its audit entry, in one transaction; a rule the schema cannot see throws InvalidInputError. */
  save: (trx: Trx, value: z.infer<S>) => Promise<R>;
  /** The form again, with what was typed and the errors, answered 400. */
  redisplay: (reply: FastifyReply, form: { errors: FormErrors; values: Record<string, unknown> }) => FastifyReply | Promise<FastifyReply>;
  /** Where to go once saved (within the council), and the success message's key, if any. */
  done: (result: R) => string | { path: string; flash?: string };
  /** Run after the change has been committed (e.g. to drop a cache). */
  afterSave?: () => void;
}

/**
 * A page's post, whole: read with the API's schema, save in one transaction, then on to the
 * next page; or 400 with the form again and every error, with nothing stored. The caller has
 * already authorised the request (or `save` does, with the loaded resource).
 */
export async function submitForm<S extends z.ZodType, R>(req: FastifyRequest, reply: FastifyReply, submission: FormSubmission<S, R>): Promise<FastifyReply> {
  const read = readForm(req, submission.schema, { labels: submission.labels, extra: submission.extra });
  const redisplayFor = (error: unknown) => {
    if (!(error instanceof InvalidInputError || error instanceof DomainError)) throw error;
    const fields = error instanceof InvalidInputError ? error.fieldsIn(req.t) : [{ field: error.field ?? 'form', message: req.t(error.key, error.vars) }];
    return submission.redisplay(reply.status(400), { errors: toFormErrors(fields), values: read.values });
  };
  try {
    await submission.precondition?.();
  } catch (error) {
    return redisplayFor(error);
  }
  if (!read.ok) return submission.redisplay(reply.status(400), { errors: read.errors, values: read.values });
  let result: R;
  try {
    result = await req.tx((trx) => submission.save(trx, read.value));
  } catch (error) {
    return redisplayFor(error);
  }
  submission.afterSave?.();
  const next = submission.done(result);
  return typeof next === 'string' ? reply.to(next) : reply.to(next.path, next.flash);
}

/**
 * Fields a page names by a prefix and a record's id ("minute-<item id>", "member-<person id>"),
 * one value a record: by id, each a string. Anything else in the post is left alone.
 */
export function postedByPrefix(req: FastifyRequest, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null) return out;
  for (const [name, value] of Object.entries(body)) if (name.startsWith(prefix) && typeof value === 'string') out[name.slice(prefix.length)] = value;
  return out;
}

/** A form's errors with its fields renamed, where a page holds one form per record ("reason" → "reason-<id>"). */
export function renameFields(errors: FormErrors, rename: (field: string) => string): FormErrors {
  const fields: FormErrors['fields'] = {};
  for (const [field, message] of Object.entries(errors.fields)) fields[rename(field)] = message;
  return { summary: errors.summary.map((s) => ({ ...s, href: `#${rename(s.href.slice(1))}` })), fields };
}
