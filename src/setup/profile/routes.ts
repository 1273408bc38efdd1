import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Council } from '../../db/schema.js';
import { submitForm } from '../../web/form.js';
import { apiErrorSchema } from '../../web/schemas.js';
import { loadCouncil, presentCouncil, profileForm, profileInput, saveProfile, TIME_ZONE } from './service.js';

const councilView = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(['town', 'parish', 'community']),
  nation: z.enum(['england', 'wales']),
  principalAuthority: z.string(),
  timeZone: z.literal(TIME_ZONE),
  terminology: z.object({ clerk: z.string(), chair: z.string(), viceChair: z.string(), council: z.string() }),
  officeHours: z.object({ days: z.array(z.number()), opens: z.string(), closes: z.string() }),
  enquiryResponseDays: z.number(),
  agendaNoticeDays: z.number(),
  equalTreatmentMarginDays: z.number(),
  clerkIsRfo: z.boolean(),
  welsh: z.object({ clerk: z.string(), chair: z.string(), viceChair: z.string(), council: z.string(), councilName: z.string() }),
  defaultLocale: z.enum(['en', 'cy']),
  bilingualSummons: z.boolean(),
});

/** What was typed, as the form shows it again: the office days ticked, as the boxes' values. */
function typedValues(values: Record<string, unknown>) {
  const days = (values.officeHours as { days?: unknown[] } | undefined)?.days ?? [];
  return { ...values, 'officeHours.days': days.map(String) };
}

/** What the form shows: the stored profile. Field names are the schema's paths. */
function formValues(council: Council) {
  const p = presentCouncil(council);
  return {
    name: p.name,
    kind: p.kind,
    nation: p.nation,
    principalAuthority: p.principalAuthority,
    'terminology.clerk': p.terminology.clerk,
    'terminology.chair': p.terminology.chair,
    'terminology.viceChair': p.terminology.viceChair,
    'terminology.council': p.terminology.council,
    'officeHours.days': p.officeHours.days.map(String),
    'officeHours.opens': p.officeHours.opens,
    'officeHours.closes': p.officeHours.closes,
    enquiryResponseDays: p.enquiryResponseDays,
    agendaNoticeDays: p.agendaNoticeDays,
    equalTreatmentMarginDays: p.equalTreatmentMarginDays,
    clerkIsRfo: p.clerkIsRfo,
    'welsh.clerk': p.welsh.clerk,
    'welsh.chair': p.welsh.chair,
    'welsh.viceChair': p.welsh.viceChair,
    'welsh.council': p.welsh.council,
    'welsh.councilName': p.welsh.councilName,
    defaultLocale: p.defaultLocale,
    bilingualSummons: p.bilingualSummons,
  };
}

/**
 * The next request must see the new name and terminology: refusals cite the protocol by
 * the council's name ("of the Ilminster Town Council protocol"), and pages use its titles.
 */
function forgetCachedCouncil(req: FastifyRequest): void {
  req.server.concord.councils.invalidate();
  req.server.concord.clauseIndexes.invalidate(req.councilOrThrow().id);
}

/** The council's profile: its name, kind, nation, terminology, office hours and time limits. */
export async function profileRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  const form = (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) =>
    reply.view('setup/profile/views/form.njk', { title: req.t('profile.title'), section: 'setup', timeZone: TIME_ZONE, ...data });

  app.get('/setup/profile', async (req, reply) => {
    req.authorize('council.configure');
    const council = await req.tx((trx) => loadCouncil(trx, req.councilOrThrow().id));
    return form(req, reply, { values: formValues(council) });
  });

  app.post('/setup/profile', async (req, reply) => {
    req.authorize('council.configure');
    return submitForm(req, reply, {
      schema: profileForm,
      save: (trx, value) => saveProfile(trx, req.user(), value),
      redisplay: (r, { errors, values }) => form(req, r, { errors, values: typedValues(values) }),
      done: () => ({ path: '/setup/profile', flash: 'common.saved' }),
      afterSave: () => forgetCachedCouncil(req),
    });
  });

  app.get(
    '/api/v1/council',
    { schema: { tags: ['council'], summary: 'The council’s profile: name, kind, nation, terminology, office hours and time limits', response: { 200: councilView } } },
    async (req) => {
      req.authorize('council.view');
      return presentCouncil(await req.tx((trx) => loadCouncil(trx, req.councilOrThrow().id)));
    },
  );

  app.put(
    '/api/v1/council',
    {
      config: { authorize: 'council.configure' },
      schema: {
        tags: ['council'],
        summary: 'Change the council’s profile (the Clerk only)',
        description: 'Other settings (who receives concerns about the Clerk, the personnel committee) are kept as they are. The time zone is always Europe/London.',
        body: profileInput,
        response: { 200: councilView, 400: apiErrorSchema, 403: apiErrorSchema },
      },
    },
    async (req) => {
      req.authorize('council.configure');
      const council = await req.tx((trx) => saveProfile(trx, req.user(), req.body));
      forgetCachedCouncil(req);
      return presentCouncil(council);
    },
  );
}
