import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dateParts, type FormErrors } from '../web/forms.js';
import { submitForm } from '../web/form.js';
import { InvalidInputError, NotFoundError } from '../web/errors.js';
import { apiErrorSchema } from '../web/schemas.js';
import { idFromPath, orNotFound } from '../web/pages.js';
import { listMatters } from '../documents/service.js';
import {
  CATEGORIES,
  currentCouncillors,
  declarationInput,
  declareOfficerInterest,
  endInterest,
  findInterest,
  fullRegister,
  interestInput,
  isCurrent,
  listDeclarations,
  listInterests,
  publicRegister,
  registerInterest,
  type InterestRecord,
} from './service.js';

const publicEntry = z.union([
  z.object({ id: z.string(), sensitive: z.literal(true), registeredOn: z.string() }),
  z.object({ id: z.string(), sensitive: z.literal(false), kind: z.enum(['pecuniary', 'other']), category: z.enum(CATEGORIES), description: z.string(), matters: z.array(z.string()), registeredOn: z.string() }),
]);
const interestView = z.object({
  id: z.string(),
  personId: z.string(),
  kind: z.enum(['pecuniary', 'other']),
  category: z.enum(CATEGORIES),
  holder: z.enum(['self', 'partner']),
  description: z.string(),
  sensitive: z.boolean(),
  registeredOn: z.string(),
  endedOn: z.string().nullable(),
  supersededOn: z.string().nullable(),
  matters: z.array(z.object({ id: z.string(), title: z.string() })),
});
const present = (i: InterestRecord): z.infer<typeof interestView> => ({
  id: i.id,
  personId: i.personId,
  kind: i.kind,
  category: i.category,
  holder: i.holder,
  description: i.description,
  sensitive: i.sensitive,
  registeredOn: i.registeredOn,
  endedOn: i.endedOn,
  supersededOn: i.supersededOn,
  matters: i.matters,
});

/**
 * Whether this person keeps the register for others (the Clerk: records interests on a
 * councillor's behalf, sees everyone's). Asked of the rules; where it widens what is done
 * or shown, it is enforced too.
 */
function managesRegister(req: FastifyRequest): boolean {
  if (!req.allows('interest.manage')) return false;
  req.authorize('interest.manage');
  return true;
}

/**
 * The register of interests (R7): councillors register their own (the Clerk may record
 * one on their behalf), updates are dated and the old entry kept; the public register
 * shows what the law makes public; officers declare work interests to the Clerk alone.
 */
export async function interestRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  /** Whose interest a request is about: one's own; the Clerk names the councillor (a councillor's naming is ignored). */
  const subjectOf = (req: FastifyRequest, personId: string | undefined): string | undefined => (managesRegister(req) ? personId : req.user().personId);

  /** An interest the signed-in person may change: their own, or (for the Clerk) anyone's; to others it does not exist. */
  const ownInterest = async (req: FastifyRequest) => {
    const interestId = idFromPath(req.params);
    const user = req.user();
    const interest = orNotFound(await req.tx((trx) => findInterest(trx, interestId)));
    if (interest.personId !== user.personId && !managesRegister(req)) throw new NotFoundError();
    return interest;
  };

  app.get('/interests', async (req, reply) => {
    const user = req.user();
    // Officers declare their interests to the Clerk: the register of councillors' interests is not theirs.
    if (!req.allows('interest.register') && req.allows('officer_interest.declare')) return reply.to('/interests/declarations/new');
    req.authorize('interest.register');
    if (managesRegister(req)) {
      const register = await req.tx((trx) => fullRegister(trx, req.today));
      return reply.view('interests/views/clerk.njk', { title: req.t('interests.title'), section: 'interests', register });
    }
    const mine = await req.tx((trx) => listInterests(trx, { personId: user.personId }));
    const dueBy = (await req.tx((trx) => currentCouncillors(trx, req.today))).find((c) => c.id === user.personId)?.dueBy ?? null;
    return reply.view('interests/views/mine.njk', {
      title: req.t('interests.mine.title'),
      section: 'interests',
      current: mine.filter((i) => isCurrent(i, req.today)),
      past: mine.filter((i) => !isCurrent(i, req.today)),
      dueBy,
    });
  });

  const form = async (req: FastifyRequest, reply: FastifyReply, data: { values: Record<string, unknown>; errors?: FormErrors; editing?: InterestRecord }) => {
    const [matters, councillors] = await req.tx(async (trx) => [await listMatters(trx), await currentCouncillors(trx, req.today)] as const);
    return reply.view('interests/views/form.njk', {
      title: data.editing ? req.t('interests.edit.title') : req.t('interests.new.title'),
      section: 'interests',
      matters,
      councillors: req.allows('interest.manage') && !data.editing ? councillors : [],
      categories: CATEGORIES,
      action: data.editing ? `/interests/${data.editing.id}/edit` : '/interests/new',
      ...data,
    });
  };

  const save = async (req: FastifyRequest, reply: FastifyReply, editing?: InterestRecord) =>
    submitForm(req, reply, {
      schema: interestInput,
      save: (trx, value) => {
        const personId = editing?.personId ?? subjectOf(req, value.personId);
        if (!personId) throw new InvalidInputError([{ field: 'personId', key: 'validation.councillorOnly' }]);
        return registerInterest(trx, req.user(), personId, value, req.today, editing?.id);
      },
      redisplay: (r, { errors, values }) => form(req, r, { values, errors, editing }),
      done: () => ({ path: '/interests', flash: editing ? 'interests.updated' : 'interests.registered' }),
    });

  app.get('/interests/new', async (req, reply) => {
    req.authorize('interest.register');
    return form(req, reply, { values: { holder: 'self' } });
  });
  app.post('/interests/new', { config: { authorize: 'interest.register' } }, async (req, reply) => save(req, reply));

  app.get('/interests/:id/edit', async (req, reply) => {
    req.authorize('interest.register');
    const interest = await ownInterest(req);
    if (!isCurrent(interest, req.today)) orNotFound(undefined);
    return form(req, reply, {
      editing: interest,
      values: { category: interest.category, holder: interest.holder, sensitive: interest.sensitive, description: interest.description, matterIds: interest.matters.map((m) => m.id) },
    });
  });
  app.post('/interests/:id/edit', { config: { authorize: 'interest.register' } }, async (req, reply) => save(req, reply, await ownInterest(req)));

  app.post('/interests/:id/end', { config: { authorize: 'interest.register' } }, async (req, reply) => {
    const interest = await ownInterest(req);
    await req.tx((trx) => endInterest(trx, req.user(), interest, req.today));
    return reply.to('/interests', 'interests.ended');
  });

  // The public register: no sign-in needed, and nothing in it the law keeps private.
  app.get('/interests/register', async (req, reply) => {
    const register = await req.tx((trx) => publicRegister(trx, req.today));
    return reply.view('interests/views/register.njk', { title: req.t('interests.register.title'), section: 'interests', register });
  });

  app.get(
    '/api/v1/interests/register',
    { schema: { tags: ['interests'], summary: 'The public register of councillors’ interests (no sign-in needed)', response: { 200: z.object({ councillors: z.array(z.object({ id: z.string(), name: z.string(), nilReturnOn: z.string().nullable().describe('The day the councillor said they had nothing to declare, this term; null when no such return was made'), interests: z.array(publicEntry) })) }) } } },
    async (req) => ({ councillors: await req.tx((trx) => publicRegister(trx, req.today)) }),
  );

  app.get('/api/v1/interests', { schema: { tags: ['interests'], summary: 'Your registered interests, current and past (the Clerk: everyone’s)', response: { 200: z.object({ interests: z.array(interestView) }) } } }, async (req) => {
    req.authorize('interest.register');
    const user = req.user();
    const interests = await req.tx((trx) => listInterests(trx, managesRegister(req) ? {} : { personId: user.personId }));
    return { interests: interests.map(present) };
  });

  app.post(
    '/api/v1/interests',
    {
      config: { authorize: 'interest.register' },
      schema: { tags: ['interests'], summary: 'Register an interest; it applies at once', body: interestInput, response: { 201: interestView, 400: apiErrorSchema, 403: apiErrorSchema } },
    },
    async (req, reply) => {
      const personId = subjectOf(req, req.body.personId);
      if (!personId) throw new InvalidInputError([{ field: 'personId', key: 'validation.councillorOnly' }]);
      const interest = await req.tx(async (trx) => {
        const interestId = await registerInterest(trx, req.user(), personId, req.body, req.today);
        return (await listInterests(trx, { personId })).find((i) => i.id === interestId)!;
      });
      return reply.status(201).send(present(interest));
    },
  );

  // Officers' declarations to the Clerk (I3.3): made by officers, read by the Clerk alone.
  const declarationForm = async (req: FastifyRequest, reply: FastifyReply, data: { values: Record<string, unknown>; errors?: FormErrors }) => {
    const matters = await req.tx(listMatters);
    return reply.view('interests/views/declare.njk', { title: req.t('declarations.new.title'), section: 'interests', matters, ...data });
  };

  app.get('/interests/declarations/new', async (req, reply) => {
    req.authorize('officer_interest.declare');
    return declarationForm(req, reply, { values: { declaredOn: dateParts(req.today) } });
  });

  app.post('/interests/declarations/new', { config: { authorize: 'officer_interest.declare' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: declarationInput,
      save: (trx, value) => declareOfficerInterest(trx, req.user(), value, req.today),
      redisplay: (r, { errors, values }) =>
        declarationForm(req, r, { errors, values: { ...values, declaredOn: { day: values['declaredOn-day'], month: values['declaredOn-month'], year: values['declaredOn-year'] } } }),
      done: () => ({ path: '/interests/declarations/new', flash: 'declarations.made' }),
    }),
  );

  app.get('/interests/declarations', async (req, reply) => {
    req.authorize('officer_interest.view');
    const declarations = await req.tx(listDeclarations);
    return reply.view('interests/views/declarations.njk', { title: req.t('declarations.title'), section: 'interests', declarations });
  });

  const declarationView = z.object({ id: z.string(), person: z.string(), description: z.string(), matter: z.string().nullable(), declaredOn: z.string() });
  app.get('/api/v1/interests/declarations', { schema: { tags: ['interests'], summary: 'Officers’ declarations of interest (the Clerk only)', response: { 200: z.object({ declarations: z.array(declarationView) }), 403: apiErrorSchema } } }, async (req) => {
    req.authorize('officer_interest.view');
    const rows = await req.tx(listDeclarations);
    return { declarations: rows.map((d) => ({ id: d.id, person: d.person, description: d.description, matter: d.matter, declaredOn: d.declared_on })) };
  });

  app.post(
    '/api/v1/interests/declarations',
    { config: { authorize: 'officer_interest.declare' }, schema: { tags: ['interests'], summary: 'Declare an interest relating to your work to the Clerk', body: declarationInput, response: { 201: z.object({ id: z.string() }), 400: apiErrorSchema, 403: apiErrorSchema } } },
    async (req, reply) => {
      const declared = await req.tx((trx) => declareOfficerInterest(trx, req.user(), req.body, req.today));
      return reply.status(201).send({ id: declared });
    },
  );
}
