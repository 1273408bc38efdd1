import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Trx } from '../db/database.js';

/** Codes from an authenticator app: the common settings every app understands. */
const PERIOD_SECONDS = 30;
/** One step either side, for a phone's clock a little out or a code typed as it changes. */
const WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
/** How long a sign-in whose password was right waits for its code. */
export const CHALLENGE_MINUTES = 10;

function totp(secret: string, issuer: string, label: string): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });
}

/** Whether a person has two-step sign-in on (a secret still being set up does not count). */
export async function twoStepOn(trx: Trx, personId: string): Promise<boolean> {
  const row = await trx.selectFrom('two_step_secrets').select('enabled_at').where('person_id', '=', personId).executeTakeFirst();
  return !!row?.enabled_at;
}

/**
 * A new secret for a person setting two-step sign-in up, replacing any unconfirmed one. It
 * does nothing to a secret already on: turning it on again means turning it off first.
 */
export async function startTwoStep(trx: Trx, councilId: string, personId: string): Promise<string> {
  const secret = new Secret({ size: 20 }).base32;
  await trx
    .insertInto('two_step_secrets')
    .values({ council_id: councilId, person_id: personId, secret, enabled_at: null, last_step: null })
    .onConflict((oc) => oc.columns(['council_id', 'person_id']).doUpdateSet({ secret, last_step: null }).where('two_step_secrets.enabled_at', 'is', null))
    .execute();
  return secret;
}

/** The secret being set up, to show it again on the same page; never once it is on. */
export async function pendingSecret(trx: Trx, personId: string): Promise<string | undefined> {
  const row = await trx.selectFrom('two_step_secrets').select(['secret', 'enabled_at']).where('person_id', '=', personId).executeTakeFirst();
  return row && !row.enabled_at ? row.secret : undefined;
}

/** The otpauth:// address an authenticator app reads, for a secret shown while setting up. */
export function otpauthUri(secret: string, issuer: string, label: string): string {
  return totp(secret, issuer, label).toString();
}

/**
 * Checks a code from the app against the person's secret (pending or on), and remembers its
 * step, so the same code is refused if it comes again. True if it was right and new.
 */
async function acceptTotp(trx: Trx, personId: string, code: string, now: Date): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const row = await trx.selectFrom('two_step_secrets').select(['secret', 'last_step']).where('person_id', '=', personId).executeTakeFirst();
  if (!row) return false;
  const delta = totp(row.secret, 'Concord', 'check').validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return false;
  const step = Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
  // One conditional update: of two requests with the same code, one wins.
  const taken = await trx
    .updateTable('two_step_secrets')
    .set({ last_step: step })
    .where('person_id', '=', personId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', String(step))]))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/** A code from the app, or one of the recovery codes, which is then used up. */
export async function acceptSecondStep(trx: Trx, personId: string, input: string, now: Date): Promise<'app' | 'recovery' | false> {
  const code = input.replace(/[\s-]/g, '').toLowerCase();
  if (await acceptTotp(trx, personId, code, now)) return 'app';
  if (!/^[a-z0-9]{10,40}$/.test(code)) return false;
  const used = await trx
    .updateTable('two_step_recovery_codes')
    .set({ used_at: now })
    .where('person_id', '=', personId)
    .where('code_hash', '=', hashOf(code))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(used.numUpdatedRows) === 1 ? 'recovery' : false;
}

/**
 * Turns two-step sign-in on, if the code proves the person's app holds the secret; answers
 * the recovery codes, to be shown once. Undefined for a wrong code or nothing being set up.
 */
export async function confirmTwoStep(trx: Trx, councilId: string, personId: string, code: string, now: Date): Promise<string[] | undefined> {
  if (!(await pendingSecret(trx, personId))) return undefined;
  if (!(await acceptTotp(trx, personId, code.replace(/\s/g, ''), now))) return undefined;
  await trx.updateTable('two_step_secrets').set({ enabled_at: now }).where('person_id', '=', personId).execute();
  await trx.deleteFrom('two_step_recovery_codes').where('person_id', '=', personId).execute();
  // 50 bits each, from the CSPRNG: a SHA-256 is enough, as nothing can be guessed from it.
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => base32(randomBytes(10)).slice(0, 10));
  await trx
    .insertInto('two_step_recovery_codes')
    .values(codes.map((c) => ({ council_id: councilId, person_id: personId, code_hash: hashOf(c), used_at: null })))
    .execute();
  return codes.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`);
}

/** How many recovery codes a person has left. */
export async function recoveryCodesLeft(trx: Trx, personId: string): Promise<number> {
  const row = await trx.selectFrom('two_step_recovery_codes').select((eb) => eb.fn.countAll<string>().as('n')).where('person_id', '=', personId).where('used_at', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Turns it off: the secret, the recovery codes and any sign-in waiting for a code are gone. */
export async function removeTwoStep(trx: Trx, personId: string): Promise<boolean> {
  const removed = await trx.deleteFrom('two_step_secrets').where('person_id', '=', personId).where('enabled_at', 'is not', null).executeTakeFirst();
  await trx.deleteFrom('two_step_secrets').where('person_id', '=', personId).execute();
  await trx.deleteFrom('two_step_recovery_codes').where('person_id', '=', personId).execute();
  await trx.deleteFrom('two_step_challenges').where('person_id', '=', personId).execute();
  return Number(removed.numDeletedRows) === 1;
}

/** A sign-in whose password was right, waiting for its code: the token goes in a cookie. */
export async function createChallenge(trx: Trx, councilId: string, personId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await trx.deleteFrom('two_step_challenges').where('person_id', '=', personId).where('expires_at', '<=', now).execute();
  await trx
    .insertInto('two_step_challenges')
    .values({ council_id: councilId, person_id: personId, token_hash: hashOf(token), expires_at: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000), used_at: null })
    .execute();
  return token;
}

/** The person a waiting sign-in is for, while it is unused, in date, and they are still active. */
export async function findChallenge(trx: Trx, token: string, now: Date) {
  return trx
    .selectFrom('two_step_challenges as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .select(['c.id', 'c.person_id', 'p.email'])
    .where('c.token_hash', '=', hashOf(token))
    .where('c.used_at', 'is', null)
    .where('c.expires_at', '>', now)
    .where('p.active', '=', true)
    .executeTakeFirst();
}

/** Spends a waiting sign-in: true for the one request that does. */
export async function spendChallenge(trx: Trx, id: string, now: Date): Promise<boolean> {
  const spent = await trx.updateTable('two_step_challenges').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1;
}

/** A waiting sign-in whose code was wrong may be tried again, until it expires. */
export async function restoreChallenge(trx: Trx, id: string): Promise<void> {
  await trx.updateTable('two_step_challenges').set({ used_at: null }).where('id', '=', id).execute();
}

function hashOf(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

