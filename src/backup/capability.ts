import type { FastifyRequest } from 'fastify';
import { defineCapability } from '../capabilities/capability.js';
import type { Trx } from '../db/database.js';
import { londonDate } from '../policy/principal.js';
import { backupMessages } from './messages.js';
import { backupMessagesCy } from './messages.cy.js';

/** A council with no whole backup for longer than this is warned on its Clerk's home page. */
export const BACKUP_WARNING_DAYS = 7;

/**
 * The Clerk's warning when the council has not been backed up for a week. Only on the embedded
 * database, where Concord makes the backups itself; a PostgreSQL server's are the host's to keep.
 */
export async function staleBackup(trx: Trx, req: FastifyRequest): Promise<{ lastBackup: string | null } | undefined> {
  const { config, clock } = req.server.concord.services;
  if ('url' in config.database || !req.council) return undefined;
  const row = await trx.selectFrom('councils').select(['backed_up_at', 'created_at']).where('id', '=', req.council.id).executeTakeFirst();
  if (!row) return undefined;
  const since = row.backed_up_at ?? row.created_at;
  const age = clock().getTime() - new Date(since as Date).getTime();
  if (age < BACKUP_WARNING_DAYS * 86_400_000) return undefined;
  return { lastBackup: row.backed_up_at ? londonDate(new Date(row.backed_up_at)) : null };
}

/** Backups and restores (the command line, src/cli) and the Clerk's reminder that there is none. */
export const backup = defineCapability({
  id: 'backup',
  messages: backupMessages,
  welsh: backupMessagesCy,
  homePanels: [{ roles: ['clerk'], template: 'backup/views/_stale.njk', order: 5, action: 'council.configure', load: staleBackup }],
});
