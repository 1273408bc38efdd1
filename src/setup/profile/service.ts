import { z } from 'zod';
import type { Trx } from '../../db/database.js';
import type { Council } from '../../db/schema.js';
import { audit } from '../../audit/audit.js';
import type { Principal } from '../../policy/principal.js';
import type { TemplateSettings, Terminology } from '../../protocol/types.js';
import { labelled } from '../../web/form.js';
import { optionalText, requiredText, timeOfDay } from '../../web/schemas.js';
import { MAX_MARGIN_DAYS, reportMarginDays } from '../../enquiries/report.js';

/** Every council keeps UK time: bank holidays, office hours and deadlines are all counted in it. */
export const TIME_ZONE = 'Europe/London' as const;

/** A whole number of days within the range the rules can use; one message names the range. */
const wholeDays = (min: number, max: number, message: string) => z.number(message).int(message).min(min, message).max(max, message);

const isTime = (value: unknown) => timeOfDay.safeParse(value).success;

const marginDays = () => wholeDays(0, MAX_MARGIN_DAYS, 'profile.error.equalTreatmentMarginDays');

/** Labels are kept by field path ("terminology.clerk"): the form's field names and ids are these paths too. */
export const profileInput = z.object({
  name: labelled(requiredText(200), 'profile.name'),
  kind: labelled(z.enum(['town', 'parish', 'community'], 'validation.choose'), 'profile.kind'),
  nation: labelled(z.enum(['england', 'wales'], 'validation.choose').describe('Decides the bank holidays counted and whether Welsh is offered'), 'profile.nation'),
  principalAuthority: labelled(optionalText(200).describe('The authority whose Monitoring Officer handles conduct complaints (England)'), 'profile.principalAuthority'),
  terminology: z.object({
    clerk: labelled(requiredText(60).describe('Head of staff: "Clerk", "Town Clerk", "Chief Officer"'), 'profile.clerkTitle'),
    chair: labelled(requiredText(60).describe('Chair of the council: "Chair", "Chairman", "Mayor"'), 'profile.chairTitle'),
    viceChair: labelled(requiredText(60), 'profile.viceChairTitle'),
    council: labelled(requiredText(60).describe('The body: "Town Council", "Community Council"'), 'profile.councilTitle'),
  }),
  officeHours: z
    .object({
      days: labelled(z.array(z.number().int().min(1).max(7), 'validation.choose').min(1, 'validation.choose').describe('ISO weekdays, 1 = Monday ... 7 = Sunday'), 'profile.officeDays'),
      opens: labelled(timeOfDay.describe('"HH:MM", Europe/London'), 'profile.opens'),
      closes: labelled(timeOfDay.describe('"HH:MM", Europe/London'), 'profile.closes'),
    })
    // "HH:MM" strings compare as times do; a time that is not one has its own message already.
    .refine((h) => !isTime(h.opens) || !isTime(h.closes) || h.opens < h.closes, { path: ['closes'], message: 'profile.error.closesAfterOpens' }),
  enquiryResponseDays: labelled(wholeDays(1, 60, 'profile.error.enquiryResponseDays').describe('Working days within which an enquiry is answered'), 'profile.enquiryResponseDays'),
  agendaNoticeDays: labelled(wholeDays(0, 60, 'profile.error.agendaNoticeDays').describe('Days before a meeting that agenda requests and papers are due'), 'profile.agendaNoticeDays'),
  equalTreatmentMarginDays: labelled(
    marginDays().optional().describe('Working days by which a median in the equal-treatment report may differ from the council’s before it is flagged; kept as it is when left out'),
    'profile.equalTreatmentMarginDays',
  ),
  clerkIsRfo: labelled(z.boolean().default(false), 'profile.clerkIsRfo'),
  /** The council's titles and name in Welsh (a council in Wales); each left blank is not kept. */
  welsh: z
    .object({
      clerk: labelled(optionalText(60), 'profile.welsh.clerk'),
      chair: labelled(optionalText(60), 'profile.welsh.chair'),
      viceChair: labelled(optionalText(60), 'profile.welsh.viceChair'),
      council: labelled(optionalText(60), 'profile.welsh.council'),
      councilName: labelled(optionalText(200), 'profile.welsh.councilName'),
    })
    .optional()
    .describe('The titles and name in Welsh, used on Welsh pages; kept as they are when left out'),
  defaultLocale: labelled(z.enum(['en', 'cy'], 'validation.choose').optional().describe('The language people read until they choose; kept when left out'), 'profile.defaultLocale'),
  bilingualSummons: labelled(z.boolean().optional().describe('Send each summons in Welsh and English in one message; kept when left out'), 'profile.bilingualSummons'),
});
export type ProfileInput = z.infer<typeof profileInput>;

/**
 * The profile page's form: the API's schema, except that the margin, optional in the API
 * (kept when left out), is always on the form, so left blank it is an error.
 */
export const profileForm = profileInput.extend({ equalTreatmentMarginDays: labelled(marginDays(), 'profile.equalTreatmentMarginDays') });

/** The council's own row: row-level security lets the application see no other. */
export function loadCouncil(trx: Trx, councilId: string): Promise<Council> {
  return trx.selectFrom('councils').selectAll().where('id', '=', councilId).executeTakeFirstOrThrow();
}

/** The profile as the API shows it; the council's other settings are not set here. */
export function presentCouncil(c: Council) {
  return {
    id: c.id,
    slug: c.slug,
    name: c.name,
    kind: c.kind,
    nation: c.nation,
    principalAuthority: c.principal_authority,
    timeZone: TIME_ZONE,
    terminology: { clerk: c.terminology.clerk, chair: c.terminology.chair, viceChair: c.terminology.viceChair, council: c.terminology.council },
    officeHours: { days: [...c.settings.officeHours.days], opens: c.settings.officeHours.opens, closes: c.settings.officeHours.closes },
    enquiryResponseDays: c.settings.enquiryResponseDays,
    agendaNoticeDays: c.settings.agendaNoticeDays,
    equalTreatmentMarginDays: reportMarginDays(c),
    clerkIsRfo: c.settings.clerkIsRfo,
    welsh: { clerk: c.terminology.welsh?.clerk ?? '', chair: c.terminology.welsh?.chair ?? '', viceChair: c.terminology.welsh?.viceChair ?? '', council: c.terminology.welsh?.council ?? '', councilName: c.terminology.welsh?.councilName ?? '' },
    defaultLocale: c.settings.defaultLocale ?? 'en',
    bilingualSummons: c.settings.bilingualSummons ?? false,
  };
}

/**
 * Change the council's profile. Terminology and settings are merged into what is stored,
 * so the settings this page does not show (who receives concerns about the Clerk, the
 * personnel committee...) are kept as they are.
 */
export async function saveProfile(trx: Trx, by: Principal, input: ProfileInput): Promise<Council> {
  const current = await loadCouncil(trx, by.councilId);
  const terminology: Terminology = { ...current.terminology, ...input.terminology };
  // Welsh titles are kept only when all four are given; the name may be left out.
  if (input.welsh) {
    const { clerk, chair, viceChair, council, councilName } = input.welsh;
    if (clerk && chair && viceChair && council) terminology.welsh = { clerk, chair, viceChair, council, ...(councilName ? { councilName } : {}) };
    else delete terminology.welsh;
  }
  const settings: TemplateSettings = {
    ...current.settings,
    clerkIsRfo: input.clerkIsRfo,
    enquiryResponseDays: input.enquiryResponseDays,
    agendaNoticeDays: input.agendaNoticeDays,
    equalTreatmentMarginDays: input.equalTreatmentMarginDays ?? current.settings.equalTreatmentMarginDays,
    officeHours: { ...input.officeHours, days: [...new Set(input.officeHours.days)].sort((a, b) => a - b) },
    defaultLocale: input.defaultLocale ?? current.settings.defaultLocale,
    bilingualSummons: input.bilingualSummons ?? current.settings.bilingualSummons,
  };
  const saved = await trx
    .updateTable('councils')
    .set({
      name: input.name,
      kind: input.kind,
      nation: input.nation,
      principal_authority: input.principalAuthority,
      terminology: JSON.stringify(terminology),
      settings: JSON.stringify(settings),
    })
    .where('id', '=', by.councilId)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(trx, {
    councilId: by.councilId,
    actorId: by.personId,
    action: 'council.updated',
    entityType: 'council',
    entityId: by.councilId,
    data: { ...input, ...(current.name !== input.name ? { previousName: current.name } : {}) },
  });
  return saved;
}
