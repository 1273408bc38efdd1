import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Person } from '../../db/schema.js';
import { dateParts } from '../../web/forms.js';
import { submitForm } from '../../web/form.js';
import { NotFoundError } from '../../web/errors.js';
import { apiErrorSchema, idParams } from '../../web/schemas.js';
import { MIN_PASSWORD_LENGTH } from '../../auth/passwords.js';
import { findPerson, listPeople, manageActionFor, personInput, presentPerson, savePerson, type PersonInput } from './service.js';
import type { Trx } from '../../db/database.js';
import { scheduleInductionReminders } from '../../induction/service.js';
import { twoStepOn } from '../../auth/two-step.js';

/**
 * Saves a person and, when a councillor's term starts (a new councillor, or a new term), queues
 * the reminders of their first 28 days, so the Clerk need not remember to.
 */
async function saveAndWelcome(trx: Trx, req: FastifyRequest, value: PersonInput, existing: Person | undefined): Promise<Person> {
  const saved = await savePerson(trx, req.user(), value, existing, req.today);
  const termBegins = saved.role === 'councillor' && saved.term_starts !== null && saved.term_starts !== existing?.term_starts;
  if (termBegins) await scheduleInductionReminders(trx, req.councilOrThrow(), saved.id, req.server.concord.services.clock());
  return saved;
}

const personView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(['clerk', 'officer', 'councillor']),
  jobTitle: z.string(),
  councilOffice: z.enum(['chair', 'vice_chair']).nullable(),
  isRfo: z.boolean(),
  termStarts: z.string().nullable(),
  termEnds: z.string().nullable(),
  active: z.boolean(),
});

/** What was typed, as the form shows it again: the dates as their three boxes, as posted. */
function typedValues(values: Record<string, unknown>) {
  const part = (name: string) => ({ day: values[`${name}-day`], month: values[`${name}-month`], year: values[`${name}-year`] });
  return { ...values, termStarts: part('termStarts'), termEnds: part('termEnds') };
}

/** What the form shows for a stored person, or a new one. */
function formValues(person: Person | undefined) {
  if (!person) return { role: '', active: true, termStarts: dateParts(null), termEnds: dateParts(null) };
  return {
    name: person.name,
    email: person.email,
    role: person.role,
    jobTitle: person.job_title,
    postalAddress: person.postal_address,
    councilOffice: person.council_office ?? '',
    isRfo: person.is_rfo,
    termStarts: dateParts(person.term_starts),
    termEnds: dateParts(person.term_ends),
    active: person.active,
  };
}

/** People and their roles: councillors with terms of office, and the council's officers. */
export async function peopleRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/setup/people', async (req, reply) => {
    req.authorize('people.manage');
    const people = await req.tx(listPeople);
    return reply.view('setup/people/views/list.njk', { title: req.t('people.title'), section: 'setup', people, today: req.today });
  });

  const form = async (req: FastifyRequest, reply: FastifyReply, person: Person | undefined, data: Record<string, unknown>) =>
    reply.view('setup/people/views/form.njk', {
      title: person ? req.t('people.edit', { name: person.name }) : req.t('people.add'),
      section: 'setup',
      person,
      minPassword: MIN_PASSWORD_LENGTH,
      canInvite: !!person && req.allows('person.invite'),
      canRevoke: !!person && req.allows('person.sessions.revoke'),
      canResetTwoStep: !!person && req.allows('person.two_step.reset') && (await req.tx((trx) => twoStepOn(trx, person.id))),
      ...data,
    });

  app.get('/setup/people/new', async (req, reply) => {
    req.authorize('people.manage');
    return form(req, reply, undefined, { values: formValues(undefined) });
  });

  app.get('/setup/people/:id', { schema: { params: idParams } }, async (req, reply) => {
    req.authorize('people.manage');
    const { id } = req.params;
    const person = await req.tx((trx) => findPerson(trx, id));
    if (!person) throw new NotFoundError();
    return form(req, reply, person, { values: formValues(person) });
  });

  const save = async (req: FastifyRequest, reply: FastifyReply, id: string | undefined) => {
    const existing = id ? await req.tx((trx) => findPerson(trx, id)) : undefined;
    if (id && !existing) throw new NotFoundError();
    return submitForm(req, reply, {
      schema: personInput,
      save: (trx, value) => {
        // Officers are staff, whom only the Clerk manages; the check covers the old role and the new.
        req.authorize(manageActionFor(value.role));
        if (existing) req.authorize(manageActionFor(existing.role));
        return saveAndWelcome(trx, req, value, existing);
      },
      redisplay: (r, { errors, values }) => form(req, r, existing, { errors, values: typedValues(values) }),
      done: () => ({ path: '/setup/people', flash: 'common.saved' }),
    });
  };
  app.post('/setup/people/new', (req, reply) => save(req, reply, undefined));
  app.post('/setup/people/:id', { schema: { params: idParams } }, (req, reply) => save(req, reply, req.params.id));

  app.get(
    '/api/v1/people',
    { schema: { tags: ['people'], summary: 'The council’s councillors and officers', response: { 200: z.object({ people: z.array(personView) }) } } },
    async (req) => {
      req.authorize('people.view');
      return { people: (await req.tx(listPeople)).map(presentPerson) };
    },
  );

  app.get(
    '/api/v1/people/:id',
    { schema: { tags: ['people'], summary: 'One person', params: idParams, response: { 200: personView, 404: apiErrorSchema } } },
    async (req) => {
      req.authorize('people.view');
      const person = await req.tx((trx) => findPerson(trx, req.params.id));
      if (!person) throw new NotFoundError();
      return presentPerson(person);
    },
  );

  app.post(
    '/api/v1/people',
    { config: { authorize: 'people.manage' }, schema: { tags: ['people'], summary: 'Add a councillor or an officer (the Clerk only)', body: personInput, response: { 201: personView, 400: apiErrorSchema, 403: apiErrorSchema } } },
    async (req, reply) => {
      req.authorize(manageActionFor(req.body.role));
      const person = await req.tx((trx) => saveAndWelcome(trx, req, req.body, undefined));
      return reply.status(201).send(presentPerson(person));
    },
  );

  app.put(
    '/api/v1/people/:id',
    {
      config: { authorize: 'people.manage' },
      schema: { tags: ['people'], summary: 'Replace a person’s record (the Clerk only)', params: idParams, body: personInput, response: { 200: personView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema } },
    },
    async (req) => {
      req.authorize(manageActionFor(req.body.role));
      const person = await req.tx(async (trx) => {
        const existing = await findPerson(trx, req.params.id);
        if (!existing) throw new NotFoundError();
        req.authorize(manageActionFor(existing.role));
        return saveAndWelcome(trx, req, req.body, existing);
      });
      return presentPerson(person);
    },
  );
}
