import { z } from 'zod';
import { NotFoundError } from './errors.js';

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
