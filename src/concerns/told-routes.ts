import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { submitForm } from '../web/form.js';
import { idFromPath } from '../web/pages.js';
import { apiErrorSchema, idParams } from '../web/schemas.js';
import { openCase } from './access.js';
import type { LoadedCase } from './service.js';
import { casesAboutMe, disclosureInput, tellPersonConcerned, toldOf, toldView } from './disclosure.js';

const refusals = { 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema };

/**
 * The person a case is about (ACAS Code): a handler tells them, choosing what to give; they
 * read, on "Cases about you", only that and the dates if given.
 */
export async function concernToldRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  /** The cases this person was told about, each decided on by the rule table. */
  const aboutMe = async (req: FastifyRequest) => {
    const user = req.user();
    const cases = await req.tx((trx) => casesAboutMe(trx, user.personId));
    return cases.filter((c) => req.allows('concern.read_disclosed', c.kase.resource));
  };

  app.get('/concerns/about-me', async (req, reply) => {
    req.authorize('concern.raise');
    const cases = await aboutMe(req);
    return reply.view('concerns/views/about-me.njk', { title: req.t('concerns.aboutMe.title'), section: 'concerns', cases: cases.map((c) => ({ id: c.kase.id, lastTold: c.lastTold })) });
  });

  app.get('/concerns/:id/told', async (req, reply) => {
    const id = idFromPath(req.params);
    const kase = await openCase(req, id, 'concern.read_disclosed');
    const told = await req.tx((trx) => toldOf(trx, kase, req.user().personId));
    return reply.view('concerns/views/told.njk', { title: req.t('concerns.told.title'), section: 'concerns', told });
  });

  /** The handler's form to tell the person concerned: who it goes to, and what may go with it. */
  const tellPage = async (req: FastifyRequest, reply: FastifyReply, kase: LoadedCase, data: Record<string, unknown> = {}) =>
    reply.view('concerns/views/tell.njk', { title: req.t('concerns.tell.title'), section: 'concerns', kase: { id: kase.id, aboutName: kase.about_name, outcome: kase.outcome, told: kase.resource.aboutPersonTold }, values: {}, ...data });

  app.get('/concerns/:id/tell', async (req, reply) => tellPage(req, reply, await openCase(req, idFromPath(req.params), 'concern.handle')));

  app.post('/concerns/:id/tell', async (req, reply) => {
    const kase = await openCase(req, idFromPath(req.params), 'concern.handle');
    return submitForm(req, reply, {
      schema: disclosureInput,
      save: async (trx, value) => tellPersonConcerned(trx, req.councilOrThrow(), req.user(), kase, value, now(), await req.recipientsText(trx)),
      redisplay: (r, { errors, values }) => tellPage(req, r, kase, { errors, values }),
      done: () => ({ path: `/concerns/${kase.id}`, flash: `concerns.told|${JSON.stringify({ name: kase.about_name ?? '' })}` }),
    });
  });

  app.get(
    '/api/v1/concerns/about-me',
    { config: { authorize: 'concern.raise' }, schema: { tags: ['concerns'], summary: 'The cases one has been told one is the subject of', description: 'Listed only once a handler has told the person; each is read at `/api/v1/concerns/{id}/told`.', response: { 200: z.object({ cases: z.array(z.object({ id: z.string(), lastTold: z.string() })) }) } } },
    async (req) => ({ cases: (await aboutMe(req)).map((c) => ({ id: c.kase.id, lastTold: c.lastTold })) }),
  );

  app.get(
    '/api/v1/concerns/:id/told',
    { schema: { tags: ['concerns'], summary: 'What the person concerned was told of a case', description: 'Only the person a case is about, once a handler has told them; anyone else, and the person before they are told, is refused naming the clause. Gives their letters and, where a handler chose, the dates: nothing else of the case.', params: idParams, response: { 200: toldView, ...refusals } } },
    async (req) => {
      const kase = await openCase(req, req.params.id, 'concern.read_disclosed');
      return req.tx((trx) => toldOf(trx, kase, req.user().personId));
    },
  );

  app.post(
    '/api/v1/concerns/:id/tell',
    { schema: { tags: ['concerns'], summary: 'Tell the person concerned', description: 'A handler writes the allegation in their own words and chooses what else to give: the meeting invitation (with the right to be accompanied), the dates, the outcome, who raised it. Copying the raiser’s statement is a 400 naming `summary`. The person is emailed a link only.', params: idParams, body: disclosureInput, response: { 201: z.object({ ok: z.literal(true) }), ...refusals } } },
    async (req, reply) => {
      const kase = await openCase(req, req.params.id, 'concern.handle');
      await req.tx(async (trx) => tellPersonConcerned(trx, req.councilOrThrow(), req.user(), kase, req.body, now(), await req.recipientsText(trx)));
      return reply.status(201).send({ ok: true as const });
    },
  );
}
