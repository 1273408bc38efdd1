import { z } from 'zod';
import type { Trx } from '../db/database.js';
import type { Council } from '../db/schema.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../policy/principal.js';
import { DomainError, InvalidInputError } from '../web/errors.js';
import { optionalText, requiredText } from '../web/schemas.js';
import { labelled } from '../web/form.js';
import { queueEmail, type RecipientTranslator } from '../notifications/delivery.js';
import { dueNext, loadCase, type LoadedCase } from './service.js';

/**
 * What a handler chooses to tell the person a case is about. The summary is the handler's own
 * words; everything else is given only when ticked. The raiser's statement is never part of it.
 */
export const disclosureInput = z.object({
  summary: labelled(requiredText(5000).describe('The allegation (and, in a disciplinary matter, the evidence), in the handler’s own words: never the raiser’s statement copied'), 'concerns.field.disclosureSummary'),
  invitation: labelled(optionalText(1000).describe('The meeting invitation: when and where. The right to be accompanied is added to it.'), 'concerns.field.invitation'),
  shareDates: labelled(z.boolean().default(false).describe('Show them the stage dates and what is due next'), 'concerns.field.shareDates'),
  shareOutcome: labelled(z.boolean().default(false).describe('Give them the outcome as it stands now'), 'concerns.field.shareOutcome'),
  nameRaiser: labelled(z.boolean().default(false).describe('Tell them who raised it'), 'concerns.field.nameRaiser'),
});
export type DisclosureInput = z.infer<typeof disclosureInput>;

/** Text compared as words alone, so that a copy with other spacing or capitals is still a copy. */
const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/** The page the person concerned reads, from the case's address. */
export const toldLink = (kase: Pick<LoadedCase, 'link'>) => `${kase.link}/told`;

/**
 * A handler tells the person concerned (ACAS Code: the allegation, and the evidence, in writing
 * before the meeting, with the right to be accompanied). What is told is kept as it was told;
 * the person is emailed only that there is something to read in Concord, with its address.
 */
export async function tellPersonConcerned(trx: Trx, council: Pick<Council, 'id' | 'name'>, by: Principal, kase: LoadedCase, input: DisclosureInput, now: Date, textFor: RecipientTranslator) {
  if (!kase.about_person_id) throw new DomainError('no_person_concerned', 'concerns.error.noPersonConcerned', {}, { field: 'summary' });
  const person = await trx.selectFrom('people').select(['id', 'email', 'active']).where('id', '=', kase.about_person_id).executeTakeFirstOrThrow();
  if (!person.active) throw new DomainError('no_person_concerned', 'concerns.error.personConcernedLeft', {}, { field: 'summary' });
  const statement = words(kase.statement);
  // The raiser's statement is theirs: a handler gives a summary, not the statement itself.
  if (statement.length >= 40 && words(input.summary).includes(statement)) throw new InvalidInputError([{ field: 'summary', key: 'concerns.error.statementCopied' }]);
  if (input.shareOutcome && !kase.outcome) throw new InvalidInputError([{ field: 'shareOutcome', key: 'concerns.error.noOutcomeYet' }]);
  await trx
    .insertInto('concern_disclosures')
    .values({
      council_id: council.id,
      case_id: kase.id,
      person_id: person.id,
      summary: input.summary,
      invitation: input.invitation,
      share_dates: input.shareDates,
      outcome: input.shareOutcome ? kase.outcome : null,
      raiser_name: input.nameRaiser ? kase.raised_by_name : null,
      disclosed_by: by.personId,
      disclosed_at: now,
    })
    .execute();
  const t = textFor(person);
  // Nothing of the case in the email: it is read in Concord, where access is decided and logged.
  await queueEmail(trx, council.id, { to: person, subject: t('concerns.email.told.subject'), body: t('concerns.email.told.body', { link: toldLink(kase) }) });
  // The access log records what kinds of thing were given, never their words.
  await audit(trx, {
    councilId: council.id,
    actorId: by.personId,
    action: 'concern_case.disclosed',
    entityType: 'concern_case',
    entityId: kase.id,
    data: { to: person.id, invitation: input.invitation !== '', dates: input.shareDates, outcome: input.shareOutcome, raiser: input.nameRaiser },
  });
}

/** Every letter sent to the person concerned, oldest first. */
export function disclosuresOf(trx: Trx, caseId: string) {
  return trx
    .selectFrom('concern_disclosures as d')
    .innerJoin('people as p', 'p.id', 'd.disclosed_by')
    .select(['d.id', 'd.person_id', 'd.summary', 'd.invitation', 'd.share_dates', 'd.outcome', 'd.raiser_name', 'd.disclosed_at', 'p.name as disclosed_by_name'])
    .where('d.case_id', '=', caseId)
    .orderBy('d.disclosed_at')
    .execute();
}
export type Disclosure = Awaited<ReturnType<typeof disclosuresOf>>[number];

/** The stage dates, without notes, companions or panels: what "the dates" means to the person concerned. */
async function stageDates(trx: Trx, caseId: string) {
  const stages = await trx.selectFrom('concern_stages').select(['stage', 'due_on', 'done_on']).where('case_id', '=', caseId).orderBy('due_on').execute();
  const next = dueNext(stages);
  return { stages: stages.map((s) => ({ stage: s.stage, dueOn: s.due_on, doneOn: s.done_on })), dueNext: next ? { stage: next.stage, dueOn: next.due_on } : null };
}

export const toldView = z.object({
  id: z.string(),
  letters: z.array(
    z.object({
      toldAt: z.string(),
      toldBy: z.string().describe('The handler who wrote to them'),
      summary: z.string(),
      invitation: z.string().nullable().describe('When and where the meeting is; the right to be accompanied goes with it'),
      outcome: z.string().nullable(),
      raisedBy: z.string().nullable().describe('Only when the handler chose to say'),
    }),
  ),
  dates: z
    .object({ stages: z.array(z.object({ stage: z.string(), dueOn: z.string(), doneOn: z.string().nullable() })), dueNext: z.object({ stage: z.string(), dueOn: z.string() }).nullable() })
    .nullable()
    .describe('Only when a handler chose to give the dates'),
});
export type ToldView = z.infer<typeof toldView>;

/** What the person concerned may read of a case: their letters, and the dates if given. Nothing else. */
export async function toldOf(trx: Trx, kase: LoadedCase, personId: string): Promise<ToldView> {
  const letters = (await disclosuresOf(trx, kase.id)).filter((d) => d.person_id === personId);
  return {
    id: kase.id,
    letters: letters.map((d) => ({ toldAt: new Date(d.disclosed_at).toISOString(), toldBy: d.disclosed_by_name, summary: d.summary, invitation: d.invitation || null, outcome: d.outcome, raisedBy: d.raiser_name })),
    dates: letters.some((d) => d.share_dates) ? await stageDates(trx, kase.id) : null,
  };
}

/** The cases this person has been told about, each loaded for the rule table to decide on. */
export async function casesAboutMe(trx: Trx, personId: string) {
  const rows = await trx
    .selectFrom('concern_disclosures')
    .select('case_id')
    .where('person_id', '=', personId)
    .groupBy('case_id')
    .select((eb) => eb.fn.max('disclosed_at').as('last_told'))
    .orderBy('last_told', 'desc')
    .limit(200)
    .execute();
  const cases = [];
  for (const r of rows) cases.push({ kase: await loadCase(trx, r.case_id), lastTold: new Date(r.last_told).toISOString() });
  return cases;
}
