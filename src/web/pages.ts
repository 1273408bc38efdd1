import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Trx } from '../db/database.js';
import { InvalidInputError, NotFoundError } from './errors.js';
import { parseInput, toFormErrors, type FormErrors } from './forms.js';

interface FormPost<S extends z.ZodType> {
  /** The same schema the API takes, so a field is checked alike on both. */
  schema: S;
  /** The post, already reshaped by the page's `fromForm`. */
  input: unknown;
  labels: Record<string, string>;
  /** The change and its audit entry; a rule the schema cannot see throws InvalidInputError. */
  save: (trx: Trx, value: z.infer<S>) => Promise<unknown>;
  /** The form again, with what was typed and the errors. */
  redisplay: (reply: FastifyReply, errors: FormErrors) => FastifyReply | Promise<FastifyReply>;
  /** Where to go once saved, within the council. */
  done: string;
  /** Run after the change has been committed (e.g. to drop a cache). */
  afterSave?: () => void;
}

/**
 * The set-up pages' post: parse, save in one transaction, then back to the list with
 * "Saved"; or 400 with the form again and every error, with nothing stored. The caller
 * has already authorised the request.
 */
export async function handleFormPost<S extends z.ZodType>(req: FastifyRequest, reply: FastifyReply, post: FormPost<S>): Promise<FastifyReply> {
  const parsed = parseInput(post.schema, post.input, req.t, post.labels);
  if (!parsed.ok) return post.redisplay(reply.status(400), toFormErrors(parsed.errors));
  try {
    await req.tx((trx) => post.save(trx, parsed.value));
  } catch (error) {
    if (error instanceof InvalidInputError) return post.redisplay(reply.status(400), toFormErrors(error.fieldsIn(req.t)));
    throw error;
  }
  post.afterSave?.();
  return reply.to(post.done, 'common.saved');
}

/** A record that must exist: one missing (or another council's, which looks the same) is a 404. */
export function orNotFound<T>(found: T | undefined): T {
  if (found === undefined) throw new NotFoundError();
  return found;
}

/** The record id in a page's path: anything that is not one is a page that does not exist. */
export function idFromPath(params: unknown): string {
  const parsed = z.object({ id: z.uuid() }).safeParse(params);
  if (!parsed.success) throw new NotFoundError();
  return parsed.data.id;
}
