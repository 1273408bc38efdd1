import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ExternalContact } from '../../db/schema.js';
import { submitForm } from '../../web/form.js';
import { apiErrorSchema, idParams } from '../../web/schemas.js';
import { idFromPath, orNotFound } from '../../web/pages.js';
import { CONTACT_KINDS, contactInput, findContact, listContacts, presentContact, saveContact } from './service.js';

const contactView = z.object({
  id: z.string(),
  kind: z.enum(CONTACT_KINDS),
  name: z.string(),
  organisation: z.string(),
  email: z.string(),
  phone: z.string(),
});

/** What the form shows for a stored contact, or a new one. */
function formValues(contact: ExternalContact | undefined) {
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
    return submitForm(req, reply, {
      schema: contactInput,
      save: (trx, value) => saveContact(trx, req.user(), value, existing),
      redisplay: (r, { errors, values }) => form(req, r, existing, { errors, values }),
      done: () => ({ path: '/setup/contacts', flash: 'common.saved' }),
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
