import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/**
 * Messages the person sent or received, and reports of contact out of hours they made or that
 * are about them. A report about the person names the officer who made it: the Clerk reviews it.
 */
export async function messagesPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const messages = await trx
    .selectFrom('staff_messages as m')
    .innerJoin('people as s', 's.id', 'm.sender_id')
    .leftJoin('people as r', 'r.id', 'm.recipient_id')
    .select(['m.id', 's.name as sender', 'r.name as recipient', 'm.subject', 'm.body', 'm.urgent', 'm.urgent_reason', 'm.status', 'm.sent_at', 'm.delivered_at', 'm.read_at'])
    .where('m.council_id', '=', councilId)
    .where((eb) => eb.or([eb('m.sender_id', '=', personId), eb('m.recipient_id', '=', personId)]))
    .orderBy('m.sent_at')
    .execute();
  const reportsMade = await trx
    .selectFrom('contact_reports')
    .select(['id', 'occurred_on', 'channel', 'summary', 'created_at'])
    .where('council_id', '=', councilId)
    .where('reporter_id', '=', personId)
    .orderBy('created_at')
    .execute();
  const reportsAbout = await trx
    .selectFrom('contact_reports as c')
    .innerJoin('people as r', 'r.id', 'c.reporter_id')
    .select(['c.id', 'r.name as reporter', 'c.occurred_on', 'c.channel', 'c.summary', 'c.created_at'])
    .where('c.council_id', '=', councilId)
    .where('c.councillor_id', '=', personId)
    .where('c.reporter_id', '!=', personId)
    .orderBy('c.created_at')
    .execute();
  return [personalSection('messages.messages', messages), personalSection('messages.reportsMade', reportsMade), personalSection('messages.reportsAbout', reportsAbout, { needsReview: true })];
}
