import { hash, randomBytes } from 'node:crypto';
import type { Trx } from '../db/database.js';

/**
 * Sessions live in the database, so signing out ends them everywhere and a restart keeps
 * them. The cookie holds a random token; the table holds only its hash, so a copy of the
 * database cannot be used to sign in as anyone.
 */
export async function createSession(
  trx: Trx,
  councilId: string,
  personId: string,
  hours: number,
  now: Date,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await trx
    .insertInto('sessions')
    .values({ id: sessionKey(token), council_id: councilId, person_id: personId, expires_at: new Date(now.getTime() + hours * 3_600_000) })
    .execute();
  return token;
}

export async function endSession(trx: Trx, token: string): Promise<void> {
  await trx.deleteFrom('sessions').where('id', '=', sessionKey(token)).execute();
}

/** Used when a person is deactivated or their term ends: every device is signed out. */
export async function endSessionsOf(trx: Trx, personId: string): Promise<void> {
  await trx.deleteFrom('sessions').where('person_id', '=', personId).execute();
}

/** What the database keeps of a session's token: its hash, so a copy of the table signs no one in. */
export function sessionKey(token: string): string {
  // One call, no Hash object: asked on every request a session makes.
  return hash('sha256', token, 'hex');
}
