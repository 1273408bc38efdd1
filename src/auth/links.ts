import { createHash, randomBytes } from 'node:crypto';
import type { Trx } from '../db/database.js';
import type { AccountLinkPurpose } from '../db/schema-accounts.js';

/**
 * How long a link lasts: an invitation long enough for someone to get to their email; a reset
 * only as long as the person asking is likely to be waiting for it.
 */
export const LINK_HOURS: Record<AccountLinkPurpose, number> = { invitation: 72, reset: 1 };

/**
 * A new one-time link for a person, replacing any they had for the same purpose. The token
 * travels only in the email; the table keeps its hash.
 */
export async function createAccountLink(trx: Trx, input: { councilId: string; personId: string; purpose: AccountLinkPurpose; createdBy: string | null; now: Date }): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(input.now.getTime() + LINK_HOURS[input.purpose] * 3_600_000);
  await trx
    .updateTable('account_links')
    .set({ expires_at: input.now })
    .where('person_id', '=', input.personId)
    .where('purpose', '=', input.purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', input.now)
    .execute();
  await trx
    .insertInto('account_links')
    .values({ council_id: input.councilId, person_id: input.personId, purpose: input.purpose, token_hash: hashLinkToken(token), created_by: input.createdBy, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/** The person a link is for, while it is unused and in date, and the person still active. */
export async function findAccountLink(trx: Trx, token: string, now: Date) {
  return trx
    .selectFrom('account_links as l')
    .innerJoin('people as p', 'p.id', 'l.person_id')
    .select(['l.id', 'l.purpose', 'l.person_id', 'p.name', 'p.email'])
    .where('l.token_hash', '=', hashLinkToken(token))
    .where('l.used_at', 'is', null)
    .where('l.expires_at', '>', now)
    .where('p.active', '=', true)
    .executeTakeFirst();
}

/**
 * Spends a link: true for the one request that does, false for any other (used, expired,
 * or never issued). One conditional update, so two requests at once cannot both spend it.
 */
export async function spendAccountLink(trx: Trx, linkId: string, now: Date): Promise<boolean> {
  const spent = await trx.updateTable('account_links').set({ used_at: now }).where('id', '=', linkId).where('used_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1;
}

function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
