import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ExternalContact } from '../../db/schema.js';
import { blankToUndefined } from '../../web/forms.js';
import { apiErrorSchema, idParams } from '../../web/schemas.js';
import { handleFormPost, idFromPath, orNotFound } from '../../web/pages.js';
import { CONTACT_KINDS, contactInput, contactLabels, findContact, listContacts, presentContact, saveContact } from './service.js';

const contactView = z.object({
  id: z.string(),
  kind: z.enum(CONTACT_KINDS),
  name: z.string(),
  organisation: z.string(),
  email: z.string(),
  phone: z.string(),
});

/** A form post, reshaped into what the schema reads (the same schema as the API's). */
function fromForm(body: Record<string, unknown>) {
  return {
    kind: blankToUndefined(body.kind),
    name: body.name,
    organisation: body.organisation ?? '',
    email: body.email ?? '',
    phone: body.phone ?? '',
  };
}

/** What the form shows: stored values, or what was just typed when it comes back with errors. */
function formValues(contact: ExternalContact | undefined, body?: Record<string, unknown>) {
  if (body) return body;
  return contact ? presentContact(contact) : {};
}

/**
 * People outside the council that the protocol turns to: the principal authority's
 * Monitoring Officer (or the Ombudsman in Wales), an independent person, the county association.
 */
export async function contactRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get('/setup/contacts', async (req, reply) => {
    req.authorize('contacts.manage');
    const contacts = await req.tx(listContacts);
    return reply.view('setup/contacts/views/list.njk', { title: req.t('contacts.title'), section: 'setup', contacts });
  });

  const form = (req: FastifyRequest, reply: FastifyReply, contact: ExternalContact | undefined, data: Record<string, unknown>) =>
    reply.view('setup/contacts/views/form.njk', {
      title: contact ? req.t('contacts.edit', { name: contact.name }) : req.t('contacts.add'),
      section: 'setup',
      contact,
      kinds: CONTACT_KINDS,
      ...data,
    });

  app.get('/setup/contacts/new', async (req, reply) => {
    req.authorize('contacts.manage');
    return form(req, reply, undefined, { values: formValues(undefined) });
  });

  app.get('/setup/contacts/:id', async (req, reply) => {
    req.authorize('contacts.manage');
    const id = idFromPath(req.params);
    const contact = orNotFound(await req.tx((trx) => findContact(trx, id)));
    return form(req, reply, contact, { values: formValues(contact) });
  });

  const save = async (req: FastifyRequest, reply: FastifyReply, id: string | undefined) => {
    req.authorize('contacts.manage');
    const existing = id ? orNotFound(await req.tx((trx) => findContact(trx, id))) : undefined;
    const body = (req.body ?? {}) as Record<string, unknown>;
    return handleFormPost(req, reply, {
      schema: contactInput,
      input: fromForm(body),
      labels: contactLabels,
      save: (trx, value) => saveContact(trx, req.user(), value, existing),
      redisplay: async (r, errors) => form(req, r, existing, { errors, values: formValues(existing, body) }),
      done: '/setup/contacts',
    });
  };
  app.post('/setup/contacts/new', (req, reply) => save(req, reply, undefined));
  app.post('/setup/contacts/:id', (req, reply) => save(req, reply, idFromPath(req.params)));

  app.get(
    '/api/v1/contacts',
    { schema: { tags: ['contacts'], summary: 'The council’s external contacts', response: { 200: z.object({ contacts: z.array(contactView) }) } } },
    async (req) => {
      req.authorize('contacts.view');
      return { contacts: (await req.tx(listContacts)).map(presentContact) };
    },
  );

  app.post(
    '/api/v1/contacts',
    { config: { authorize: 'contacts.manage' }, schema: { tags: ['contacts'], summary: 'Add an external contact (the Clerk only)', body: contactInput, response: { 201: contactView, 400: apiErrorSchema, 403: apiErrorSchema } } },
    async (req, reply) => {
      req.authorize('contacts.manage');
      const contact = await req.tx((trx) => saveContact(trx, req.user(), req.body));
      return reply.status(201).send(presentContact(contact));
    },
  );

  app.put(
    '/api/v1/contacts/:id',
    {
      config: { authorize: 'contacts.manage' },
      schema: {
        tags: ['contacts'],
        summary: 'Replace an external contact’s record (the Clerk only)',
        params: idParams,
        body: contactInput,
        response: { 200: contactView, 400: apiErrorSchema, 403: apiErrorSchema, 404: apiErrorSchema },
      },
    },
    async (req) => {
      req.authorize('contacts.manage');
      const contact = await req.tx(async (trx) => {
        const existing = orNotFound(await findContact(trx, req.params.id));
        return saveContact(trx, req.user(), req.body, existing);
      });
      return presentContact(contact);
    },
  );
}
