import type { Trx } from '../db/database.js';
import type { PersonalDataSection } from '../capabilities/capability.js';
import { personalSection } from '../capabilities/personal-data.js';

/** The emails and letters Concord sent (or holds to send) to the person, as they were written. */
export async function notificationsPersonalData(trx: Trx, councilId: string, personId: string): Promise<PersonalDataSection[]> {
  const sent = await trx
    .selectFrom('outbox_messages')
    .select(['id', 'channel', 'recipient_email', 'subject', 'body', 'recipient_name', 'recipient_postal_address', 'meeting_id', 'created_at', 'sent_at'])
    .where('council_id', '=', councilId)
    .where('recipient_id', '=', personId)
    .orderBy('created_at')
    .execute();
  return [personalSection('notifications.sent', sent)];
}
