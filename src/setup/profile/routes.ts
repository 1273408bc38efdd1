import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Council } from '../../db/schema.js';
import { asList, blankToUndefined, checkbox } from '../../web/forms.js';
import { apiErrorSchema } from '../../web/schemas.js';
import { handleFormPost } from '../../web/pages.js';
import { loadCouncil, presentCouncil, profileInput, profileLabels, saveProfile, TIME_ZONE } from './service.js';

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
});

/** A number typed into a text box becomes a number (the schema checks its range); other text is left for the schema to refuse. */
function wholeNumber(value: unknown): unknown {
  const text = blankToUndefined(value);
  return typeof text === 'string' && /^\s*-?\d{1,6}(\.\d+)?\s*$/.test(text) ? Number(text) : text;
}

/** A form post, reshaped into what the schema reads. Field names are the schema's paths. */
function fromForm(body: Record<string, unknown>) {
  return {
    name: body.name,
    kind: blankToUndefined(body.kind),
    nation: blankToUndefined(body.nation),
    principalAuthority: body.principalAuthority ?? '',
    terminology: {
      clerk: body['terminology.clerk'],
      chair: body['terminology.chair'],
      viceChair: body['terminology.viceChair'],
      council: body['terminology.council'],
    },
    officeHours: {
      days: asList(body['officeHours.days']).map(wholeNumber),
      opens: body['officeHours.opens'],
      closes: body['officeHours.closes'],
    },
    enquiryResponseDays: wholeNumber(body.enquiryResponseDays),
    agendaNoticeDays: wholeNumber(body.agendaNoticeDays),
    // Optional in the API (kept when left out), but the form always shows it: left blank, it is an error.
    equalTreatmentMarginDays: wholeNumber(body.equalTreatmentMarginDays) ?? '',
    clerkIsRfo: checkbox(body.clerkIsRfo),
  };
}

/** What the form shows: stored values, or what was just typed when it comes back with errors. */
function formValues(council: Council, body?: Record<string, unknown>) {
  if (body) return { ...body, 'officeHours.days': asList(body['officeHours.days']), clerkIsRfo: checkbox(body.clerkIsRfo) };
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
    const body = (req.body ?? {}) as Record<string, unknown>;
    return handleFormPost(req, reply, {
      schema: profileInput,
      input: fromForm(body),
      labels: profileLabels,
      save: (trx, value) => saveProfile(trx, req.user(), value),
      redisplay: async (r, errors) => form(req, r, { errors, values: formValues(req.councilOrThrow(), body) }),
      done: '/setup/profile',
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
