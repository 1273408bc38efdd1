import { z } from 'zod';
import type { Trx } from '../../db/database.js';
import type { ExternalContact } from '../../db/schema.js';
import { audit } from '../../audit/audit.js';
import type { Principal } from '../../policy/principal.js';
import { labelled } from '../../web/form.js';
import { optionalText, requiredText } from '../../web/schemas.js';

export const CONTACT_KINDS = ['monitoring_officer', 'independent_person', 'county_association', 'ombudsman', 'other'] as const;

export const contactInput = z.object({
  kind: labelled(z.enum(CONTACT_KINDS, 'validation.choose').describe('The part this contact plays: the Monitoring Officer, an independent person, the county association, the Ombudsman'), 'contacts.kind'),
  name: labelled(requiredText(200), 'common.name'),
  organisation: labelled(optionalText(200), 'contacts.organisation'),
  // Optional, but when given it must be one that a message can reach.
  email: labelled(optionalText(254).refine((s) => s === '' || z.email().safeParse(s).success, 'validation.email'), 'common.email'),
  phone: labelled(optionalText(40).refine((s) => /^[0-9+() .-]*$/.test(s), 'contacts.error.phone'), 'contacts.phone'),
});
export type ContactInput = z.infer<typeof contactInput>;

export function listContacts(trx: Trx) {
  return trx.selectFrom('external_contacts').selectAll().orderBy('kind').orderBy('name').execute();
}

export function findContact(trx: Trx, contactId: string) {
  return trx.selectFrom('external_contacts').selectAll().where('id', '=', contactId).executeTakeFirst();
}

export function presentContact(c: ExternalContact) {
  return { id: c.id, kind: c.kind, name: c.name, organisation: c.organisation, email: c.email, phone: c.phone };
}

/** Create or change an external contact, with its audit entry. */
export async function saveContact(trx: Trx, by: Principal, input: ContactInput, existing?: ExternalContact): Promise<ExternalContact> {
  const values = { kind: input.kind, name: input.name, organisation: input.organisation, email: input.email, phone: input.phone };
  const saved = existing
    ? await trx.updateTable('external_contacts').set(values).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow()
    : await trx.insertInto('external_contacts').values({ council_id: by.councilId, ...values }).returningAll().executeTakeFirstOrThrow();
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: existing ? 'contact.updated' : 'contact.created',
    entityType: 'external_contact',
    entityId: saved.id,
    data: input,
  });
  return saved;
}
