import type { FastifyRequest } from 'fastify';
import type { Trx } from '../db/database.js';
import { readsOfficeMessages } from './service.js';

/**
 * The Clerk's messages on the home page: urgent ones sent out of hours and not yet read, and
 * those held until the office opens, addressed to the Clerk or to the office.
 */
export async function heldAndUrgent(trx: Trx, req: FastifyRequest) {
  const me = req.user();
  const mine = trx
    .selectFrom('staff_messages')
    .where((eb) => (readsOfficeMessages(me) ? eb.or([eb('recipient_id', '=', me.personId), eb('recipient_id', 'is', null)]) : eb('recipient_id', '=', me.personId)));
  const held = await mine.select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'held').executeTakeFirstOrThrow();
  const urgent = await mine
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('status', '=', 'delivered')
    .where('urgent', '=', true)
    .where('out_of_hours', '=', true)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { held: Number(held.n), urgent: Number(urgent.n) };
}
