import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../audit/audit.js';
import type { Trx } from '../db/database.js';
import type { AccountLinkPurpose } from '../db/schema-accounts.js';
import { queueEmail } from '../notifications/delivery.js';
import { longDateTime } from '../web/render.js';
import { labelled, readForm } from '../web/form.js';
import { NotFoundError } from '../web/errors.js';
import { idParams } from '../web/schemas.js';
import { createAccountLink, findAccountLink, spendAccountLink } from './links.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import { countResetRequest, resetKeys } from './limiter.js';
import { endSessionsOf } from './sessions.js';
import { removeTwoStep } from './two-step.js';
import { linkOrigin } from '../web/origin.js';

const forgotSchema = z.object({
  email: labelled(z.string().trim().min(1, 'validation.required').max(254, 'validation.tooLong').email('validation.email'), 'signIn.email'),
});

const newPasswordSchema = z
  .object({
    password: labelled(z.string().min(MIN_PASSWORD_LENGTH, 'accounts.password.tooShort').max(1000, 'validation.tooLong'), 'accounts.password'),
    confirm: labelled(z.string().min(1, 'validation.required').max(1000, 'validation.tooLong'), 'accounts.confirm'),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'accounts.confirm.different' });

const tokenParams = z.object({ token: z.string().regex(/^[\w-]{20,100}$/) });

/**
 * Writes a person's one-time link and its email, in their language, in the caller's
 * transaction: the email goes if, and only if, the link was stored.
 */
async function sendAccountLink(req: FastifyRequest, trx: Trx, person: { id: string; email: string }, purpose: AccountLinkPurpose, createdBy: string | null): Promise<void> {
  const council = req.councilOrThrow();
  const now = req.server.concord.services.clock();
  const { token, expiresAt } = await createAccountLink(trx, { councilId: council.id, personId: person.id, purpose, createdBy, now });
  const t = (await req.recipientsText(trx))({ id: person.id });
  const link = `${linkOrigin(req)}${req.base}/set-password/${token}`;
  const vars = { link, expires: longDateTime(expiresAt, t.locale) };
  await queueEmail(trx, council.id, { to: person, subject: t(`accounts.${purpose}.email.subject`), body: t(`accounts.${purpose}.email.body`, vars), link });
  await audit(trx, { councilId: council.id, actorId: createdBy, action: `account.${purpose}.sent`, entityType: 'person', entityId: person.id, data: { expiresAt: expiresAt.toISOString() } });
}

/**
 * Accounts without the Clerk typing anyone's password: an invitation by email, "Forgot your
 * password?", and signing a person out everywhere. Links are single-use and short-lived.
 */
export async function accountRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { clock } = app.concord.services;

  const forgotPage = (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => reply.view('auth/views/forgot.njk', { title: req.t('accounts.forgot.title'), ...data });

  app.get('/forgot-password', async (req, reply) => forgotPage(req, reply, { values: {} }));

  // The same answer whether or not the address has an account: the page never tells.
  app.post('/forgot-password', async (req, reply) => {
    const parsed = readForm(req, forgotSchema);
    if (!parsed.ok) return forgotPage(req, reply.status(400), { errors: parsed.errors, values: parsed.values });
    const counted = await countResetRequest(app.concord.services.db, resetKeys(req.councilOrThrow().id, parsed.value.email, req.ip), clock());
    // Too many from here, whatever addresses they were for: saying so tells nothing about any account.
    if (counted === 'address') return forgotPage(req, reply.status(429), { tooMany: true, values: parsed.values });
    // Too many for this email address: the same page as ever, and no email, whether or not it has an account.
    if (counted === 'account') return forgotPage(req, reply, { sent: true, email: parsed.value.email });
    await req.tx(async (trx) => {
      const person = await trx
        .selectFrom('people')
        .select(['id', 'email'])
        .where((eb) => eb(eb.fn('lower', ['email']), '=', parsed.value.email.toLowerCase()))
        .where('active', '=', true)
        .executeTakeFirst();
      if (person) await sendAccountLink(req, trx, person, 'reset', null);
    });
    return forgotPage(req, reply, { sent: true, email: parsed.value.email });
  });

  const linkOrGone = async (req: FastifyRequest, reply: FastifyReply) => {
    const params = tokenParams.safeParse(req.params);
    const link = params.success ? await req.tx((trx) => findAccountLink(trx, params.data.token, clock())) : undefined;
    if (!link) {
      await reply.status(410).view('auth/views/link-gone.njk', { title: req.t('accounts.linkGone.title') });
      return undefined;
    }
    return { link, token: params.data!.token };
  };
  const setPasswordPage = (req: FastifyRequest, reply: FastifyReply, link: { purpose: AccountLinkPurpose; name: string; email: string }, token: string, data: Record<string, unknown> = {}) =>
    reply.view('auth/views/set-password.njk', { title: req.t(`accounts.${link.purpose}.title`), person: link, token, minPassword: MIN_PASSWORD_LENGTH, ...data });

  app.get('/set-password/:token', async (req, reply) => {
    const found = await linkOrGone(req, reply);
    if (!found) return reply;
    return setPasswordPage(req, reply, found.link, found.token);
  });

  app.post('/set-password/:token', async (req, reply) => {
    const found = await linkOrGone(req, reply);
    if (!found) return reply;
    const parsed = readForm(req, newPasswordSchema, { labels: { password: 'accounts.password', confirm: 'accounts.confirm' } });
    if (!parsed.ok) return setPasswordPage(req, reply.status(400), found.link, found.token, { errors: parsed.errors });
    const passwordHash = await hashPassword(parsed.value.password);
    const council = req.councilOrThrow();
    const spent = await req.tx(async (trx) => {
      if (!(await spendAccountLink(trx, found.link.id, clock()))) return false;
      await trx.updateTable('people').set({ password_hash: passwordHash }).where('id', '=', found.link.person_id).execute();
      // A new password ends every session begun with the old one.
      await endSessionsOf(trx, found.link.person_id);
      await audit(trx, { councilId: council.id, actorId: found.link.person_id, action: 'account.password_set', entityType: 'person', entityId: found.link.person_id, data: { purpose: found.link.purpose } });
      return true;
    });
    if (!spent) return reply.status(410).view('auth/views/link-gone.njk', { title: req.t('accounts.linkGone.title') });
    return reply.to('/sign-in', 'accounts.passwordSet');
  });

  const personFor = async (req: FastifyRequest, trx: Trx, id: string) => {
    const person = await trx.selectFrom('people').select(['id', 'email', 'active']).where('id', '=', id).executeTakeFirst();
    if (!person) throw new NotFoundError();
    return person;
  };
  const invite = (req: FastifyRequest, id: string) =>
    req.tx(async (trx) => {
      const person = await personFor(req, trx, id);
      await sendAccountLink(req, trx, person, 'invitation', req.user().personId);
    });
  const revoke = (req: FastifyRequest, id: string) =>
    req.tx(async (trx) => {
      const person = await personFor(req, trx, id);
      await endSessionsOf(trx, person.id);
      await audit(trx, { councilId: req.councilOrThrow().id, actorId: req.user().personId, action: 'account.sessions_revoked', entityType: 'person', entityId: person.id, data: {} });
    });

  // For someone who lost their phone and their recovery codes: audited, as it lowers their guard.
  const resetTwoStep = (req: FastifyRequest, id: string) =>
    req.tx(async (trx) => {
      const person = await personFor(req, trx, id);
      const wasOn = await removeTwoStep(trx, person.id);
      await audit(trx, { councilId: req.councilOrThrow().id, actorId: req.user().personId, action: 'two_step.reset', entityType: 'person', entityId: person.id, data: { wasOn } });
    });

  app.post('/setup/people/:id/two-step/reset', { config: { authorize: 'person.two_step.reset' }, schema: { params: idParams, hide: true } }, async (req, reply) => {
    const { id } = req.params;
    await resetTwoStep(req, id);
    return reply.to(`/setup/people/${id}`, 'twoStep.reset.done');
  });

  app.delete(
    '/api/v1/people/:id/two-step',
    { config: { authorize: 'person.two_step.reset' }, schema: { tags: ['people'], summary: 'Turn off two-step sign-in for a person who lost their phone (the Clerk only)', params: idParams, response: { 204: z.null().describe('Two-step sign-in is off for them') } } },
    async (req, reply) => {
      await resetTwoStep(req, req.params.id);
      return reply.status(204).send(null);
    },
  );

  // The id is checked by the route's schema, so a malformed one is "page not found", never a 500.
  app.post('/setup/people/:id/invite', { config: { authorize: 'person.invite' }, schema: { params: idParams, hide: true } }, async (req, reply) => {
    const { id } = req.params;
    await invite(req, id);
    return reply.to(`/setup/people/${id}`, 'accounts.invitation.sent');
  });

  // The id is checked by the route's schema, so a malformed one is "page not found", never a 500.
  app.post('/setup/people/:id/sign-out', { config: { authorize: 'person.sessions.revoke' }, schema: { params: idParams, hide: true } }, async (req, reply) => {
    const { id } = req.params;
    await revoke(req, id);
    return reply.to(`/setup/people/${id}`, 'accounts.sessionsRevoked');
  });

  app.post(
    '/api/v1/people/:id/invitation',
    { config: { authorize: 'person.invite' }, schema: { tags: ['people'], summary: 'Email a person a one-time link to set their password (the Clerk only)', params: idParams, response: { 204: z.null().describe('The invitation is in the outbox') } } },
    async (req, reply) => {
      await invite(req, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/v1/people/:id/sessions',
    { config: { authorize: 'person.sessions.revoke' }, schema: { tags: ['people'], summary: 'Sign a person out on every device (the Clerk only)', params: idParams, response: { 204: z.null().describe('Every session of theirs has ended') } } },
    async (req, reply) => {
      await revoke(req, req.params.id);
      return reply.status(204).send(null);
    },
  );
}
