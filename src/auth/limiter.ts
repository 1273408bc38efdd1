import { hash as digest } from 'node:crypto';
import type { Database, Trx } from '../db/database.js';

/** How long a failed sign-in counts against its account and its address. */
export const SIGN_IN_WINDOW_MINUTES = 15;

export interface SignInLimits {
  /** Failures to one account, from anywhere, before it waits. */
  account: number;
  /** Failures from one address, across every account and council, before it waits. */
  address: number;
}

/** What one attempt is counted against. */
export interface SignInKeys {
  account: string;
  address: string;
}

/**
 * One count for the sign-in form and the API, kept in the database so that every process
 * serving the deployment sees the same. Only failures count: the Clerk signing in all day
 * uses nothing up. The rows hold hashes, so the table reveals no address and no account.
 * Requests for password reset links are counted in the same table, under keys of their own.
 */
export function signInKeys(councilId: string, email: string, address: string): SignInKeys {
  return { account: hash(`account\n${councilId}\n${email.trim().toLowerCase()}`), address: hash(`address\n${address}`) };
}

/** True when the account or the address has failed too often lately: it must wait. */
export async function signInLimited(db: Database, keys: SignInKeys, limits: SignInLimits, now: Date): Promise<boolean> {
  const since = windowStart(now);
  const rows = await db.system((trx) =>
    trx
      .selectFrom('sign_in_failures')
      .select(['key', (eb) => eb.fn.countAll<number>().as('n')])
      .where('key', 'in', [keys.account, keys.address])
      .where('failed_at', '>', since)
      .groupBy('key')
      .execute(),
  );
  const count = (key: string) => Number(rows.find((r) => r.key === key)?.n ?? 0);
  return count(keys.account) >= limits.account || count(keys.address) >= limits.address;
}

/** Counts a failure against both, and forgets failures too old to count. */
export async function recordSignInFailure(db: Database, keys: SignInKeys, now: Date): Promise<void> {
  await db.system(async (trx) => {
    await trx
      .insertInto('sign_in_failures')
      .values([
        { key: keys.account, failed_at: now },
        { key: keys.address, failed_at: now },
      ])
      .execute();
    await forgetOld(trx, now);
  });
}

/** Rows older than the longest window count for nothing. */
async function forgetOld(trx: Trx, now: Date): Promise<void> {
  await trx.deleteFrom('sign_in_failures').where('failed_at', '<=', new Date(now.getTime() - RESET_WINDOW_MINUTES * 60_000)).execute();
}

/** How long a request for a password reset link counts against its account and its address. */
export const RESET_WINDOW_MINUTES = 60;

/**
 * Reset links asked for in an hour: enough for someone whose first email went astray, too few
 * to fill a person's inbox, or to make Concord a way of sending mail to any address.
 */
export const RESET_LIMITS: SignInLimits = { account: 5, address: 20 };

/** What a request for a reset link is counted against: the address asked about, and where it came from. */
export function resetKeys(councilId: string, email: string, address: string): SignInKeys {
  return { account: hash(`reset account\n${councilId}\n${email.trim().toLowerCase()}`), address: hash(`reset address\n${address}`) };
}

/**
 * Counts a request for a reset link, in the same table as failed sign-ins, and says whether
 * it may go ahead. Every request counts against the email address asked about, whether or not
 * it has an account, so nothing here behaves differently for one that exists. An address over
 * its limit is not counted further, so waiting an hour is enough.
 */
export async function countResetRequest(db: Database, keys: SignInKeys, now: Date): Promise<'allowed' | 'account' | 'address'> {
  const since = new Date(now.getTime() - RESET_WINDOW_MINUTES * 60_000);
  return db.system(async (trx) => {
    const rows = await trx
      .selectFrom('sign_in_failures')
      .select(['key', (eb) => eb.fn.countAll<number>().as('n')])
      .where('key', 'in', [keys.account, keys.address])
      .where('failed_at', '>', since)
      .groupBy('key')
      .execute();
    const count = (key: string) => Number(rows.find((r) => r.key === key)?.n ?? 0);
    if (count(keys.address) >= RESET_LIMITS.address) return 'address';
    await trx.insertInto('sign_in_failures').values({ key: keys.address, failed_at: now }).execute();
    if (count(keys.account) >= RESET_LIMITS.account) return 'account';
    await trx.insertInto('sign_in_failures').values({ key: keys.account, failed_at: now }).execute();
    await forgetOld(trx, now);
    return 'allowed';
  });
}

/**
 * A person who proves their password starts again: their account's failures are forgotten.
 * The address's are not, so a sprayer holding one valid account cannot wipe its own count.
 */
export async function clearAccountFailures(db: Database, keys: SignInKeys): Promise<void> {
  await db.system((trx) => trx.deleteFrom('sign_in_failures').where('key', '=', keys.account).execute());
}

function windowStart(now: Date): Date {
  return new Date(now.getTime() - SIGN_IN_WINDOW_MINUTES * 60_000);
}

function hash(value: string): string {
  return digest('sha256', value, 'hex');
}
