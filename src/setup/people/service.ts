import { z } from 'zod';
import type { Trx } from '../../db/database.js';
import type { Person } from '../../db/schema.js';
import { audit } from '../../audit/audit.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../auth/passwords.js';
import { endSessionsOf } from '../../auth/sessions.js';
import type { Principal } from '../../policy/principal.js';
import { InvalidInputError, type FieldProblem } from '../../web/errors.js';
import { labelled } from '../../web/form.js';
import { email, isoDate, optionalText, requiredText } from '../../web/schemas.js';

const roleEnum = z.enum(['clerk', 'officer', 'councillor'], 'validation.choose');
const officeEnum = z.enum(['chair', 'vice_chair'], 'validation.choose');

const personFields = {
  name: labelled(requiredText(200), 'common.name'),
  // A copy: the label belongs to this field, not to every email address.
  email: labelled(email.clone(), 'common.email'),
  role: labelled(roleEnum, 'people.role'),
  jobTitle: labelled(optionalText(200), 'people.jobTitle'),
  postalAddress: labelled(optionalText(500).describe('Where letters go (a summons on paper): the address as written on the envelope, a line each'), 'people.postalAddress'),
  councilOffice: labelled(officeEnum.nullable().default(null).describe('Chair or vice-chair of the council; councillors only'), 'people.office'),
  isRfo: labelled(z.boolean().default(false).describe('The Responsible Financial Officer; officers only'), 'people.isRfo'),
  termStarts: labelled(isoDate.nullable().default(null).describe('Start of a councillor’s term of office'), 'people.termStarts'),
  termEnds: labelled(isoDate.nullable().default(null).describe('End of a councillor’s term of office: access ends after this day'), 'people.termEnds'),
  password: labelled(z.string().min(MIN_PASSWORD_LENGTH, 'validation.passwordShort').max(1000, 'validation.tooLong').optional(), 'people.password'),
  active: z.boolean().default(true),
};

/** The rules a person's record keeps, whichever way it arrives. */
function personRules<T extends z.ZodType<{ role: string; councilOffice: unknown; termStarts: string | null; termEnds: string | null; isRfo: boolean }>>(schema: T) {
  return schema
    .refine((p) => p.role === 'councillor' || p.councilOffice === null, { path: ['councilOffice'], message: 'validation.councillorOnly' })
    .refine((p) => p.role === 'councillor' || (p.termStarts === null && p.termEnds === null), { path: ['termEnds'], message: 'validation.councillorOnly' })
    .refine((p) => !(p.termStarts && p.termEnds && p.termEnds < p.termStarts), { path: ['termEnds'], message: 'validation.termOrder' })
    .refine((p) => p.role !== 'councillor' || !p.isRfo, { path: ['isRfo'], message: 'validation.officerOnly' });
}

export const personInput = personRules(z.object(personFields));
export type PersonInput = z.infer<typeof personInput>;

export function listPeople(trx: Trx) {
  return trx.selectFrom('people').selectAll().orderBy('role').orderBy('name').execute();
}

export function findPerson(trx: Trx, id: string) {
  return trx.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The fields of a person that may be shown: never the password hash. */
export function presentPerson(p: Person) {
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    role: p.role,
    jobTitle: p.job_title,
    councilOffice: p.council_office,
    isRfo: p.is_rfo,
    termStarts: p.term_starts,
    termEnds: p.term_ends,
    active: p.active,
  };
}

/** The action that governs changing this person: staff are the Clerk's to manage. */
export function manageActionFor(role: string): 'staff.manage' | 'people.manage' {
  return role === 'councillor' ? 'people.manage' : 'staff.manage';
}

export async function savePerson(trx: Trx, by: Principal, input: PersonInput, existing?: Person, today?: string): Promise<Person> {
  const values = {
    name: input.name,
    email: input.email,
    role: input.role,
    job_title: input.jobTitle,
    postal_address: tidyAddress(input.postalAddress),
    council_office: input.role === 'councillor' ? input.councilOffice : null,
    is_rfo: input.role !== 'councillor' && input.isRfo,
    term_starts: input.role === 'councillor' ? input.termStarts : null,
    term_ends: input.role === 'councillor' ? input.termEnds : null,
    active: input.active,
    ...(input.password ? { password_hash: await hashPassword(input.password) } : {}),
  };
  await checkUnique(trx, input, existing?.id);
  const saved = existing
    ? await trx.updateTable('people').set(values).where('id', '=', existing.id).returningAll().executeTakeFirstOrThrow()
    : await trx.insertInto('people').values({ council_id: by.councilId, password_hash: null, ...values }).returningAll().executeTakeFirstOrThrow();
  // Whoever can no longer act is signed out everywhere at once.
  const termOver = saved.term_ends !== null && today !== undefined && saved.term_ends < today;
  if (existing && (!saved.active || termOver || input.password)) await endSessionsOf(trx, saved.id);
  const { password: _password, ...recorded } = input;
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: existing ? 'person.updated' : 'person.created',
    entityType: 'person',
    entityId: saved.id,
    data: { ...recorded, passwordChanged: Boolean(input.password) },
  });
  return saved;
}

/** An address as lines: no blank lines, no spaces at their ends, whatever the browser sent. */
export function tidyAddress(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

async function checkUnique(trx: Trx, input: PersonInput, exceptId?: string): Promise<void> {
  const errors: FieldProblem[] = [];
  let sameEmail = trx.selectFrom('people').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()));
  if (exceptId) sameEmail = sameEmail.where('id', '!=', exceptId);
  if (await sameEmail.executeTakeFirst()) errors.push({ field: 'email', key: 'validation.emailTaken' });
  if (input.role === 'clerk' && input.active) {
    let clerk = trx.selectFrom('people').select('id').where('role', '=', 'clerk').where('active', '=', true);
    if (exceptId) clerk = clerk.where('id', '!=', exceptId);
    if (await clerk.executeTakeFirst()) errors.push({ field: 'role', key: 'validation.oneClerk' });
  }
  if (errors.length) throw new InvalidInputError(errors);
}
