import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import { recordSignInFailure, signInKeys, signInLimited } from '../auth/limiter.js';
import { acceptSecondStep, confirmTwoStep, otpauthUri, pendingSecret, recoveryCodesLeft, removeTwoStep, startTwoStep, twoStepOn } from '../auth/two-step.js';
import { toFormErrors } from '../web/forms.js';
import { labelled, readForm } from '../web/form.js';

const codeInput = z.object({ code: labelled(z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'), 'twoStep.code') });

class TooManyCodesError extends Error {
  readonly statusCode = 429;
}

/**
 * Two-step sign-in on a person's own account: they set it up with their authenticator app,
 * confirm it with a code, and get recovery codes once; they turn it off with a code.
 */
export async function twoStepRoutes(app: FastifyInstance): Promise<void> {
  const { clock, db, config } = app.concord.services;
  const route = { config: { authorize: 'account.two_step' as const } };

  const page = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const me = req.user();
    const council = req.councilOrThrow();
    const state = await req.tx(async (trx) => {
      const on = await twoStepOn(trx, me.personId);
      return { on, secret: on ? undefined : await pendingSecret(trx, me.personId), codesLeft: on ? await recoveryCodesLeft(trx, me.personId) : 0 };
    });
    if (!state.on && !state.secret && !data.recoveryCodes) return reply.to('/account');
    const person = await req.tx((trx) => trx.selectFrom('people').select('email').where('id', '=', me.personId).executeTakeFirstOrThrow());
    // A page with a secret or recovery codes on it is kept by no cache.
    reply.header('cache-control', 'no-store');
    return reply.view('account/views/two-step.njk', {
      title: req.t('account.twoStep.title'),
      section: 'account',
      ...state,
      secretGroups: state.secret?.match(/.{1,4}/g)?.join(' '),
      uri: state.secret && otpauthUri(state.secret, council.name, person.email),
      values: {},
      ...data,
    });
  };

  /**
   * A wrong code here counts as a failed sign-in: whoever holds a session someone left open
   * should not be able to guess their way to turning the second step off.
   */
  const checkCode = async (req: FastifyRequest, personId: string, accept: () => Promise<boolean>): Promise<boolean> => {
    const council = req.councilOrThrow();
    const email = await req.tx((trx) => trx.selectFrom('people').select('email').where('id', '=', personId).executeTakeFirstOrThrow()).then((p) => p.email);
    const keys = signInKeys(council.id, email, req.ip);
    if (await signInLimited(db, keys, { account: config.signInAttempts, address: config.signInAddressAttempts }, clock())) throw new TooManyCodesError('too many codes');
    const right = await accept();
    if (!right) await recordSignInFailure(db, keys, clock());
    return right;
  };

  app.get('/account/two-step', route, async (req, reply) => page(req, reply));

  app.post('/account/two-step', route, async (req, reply) => {
    const me = req.user();
    const council = req.councilOrThrow();
    await req.tx(async (trx) => {
      if (await twoStepOn(trx, me.personId)) return;
      await startTwoStep(trx, council.id, me.personId);
    });
    return reply.to('/account/two-step');
  });

  app.post('/account/two-step/confirm', route, async (req, reply) => {
    const me = req.user();
    const council = req.councilOrThrow();
    const parsed = readForm(req, codeInput);
    if (!parsed.ok) return page(req, reply.status(400), { errors: parsed.errors });
    let codes: string[] | undefined;
    const right = await checkCode(req, me.personId, async () => {
      codes = await req.tx(async (trx) => {
        const made = await confirmTwoStep(trx, council.id, me.personId, parsed.value.code, clock());
        if (made) await audit(trx, { councilId: council.id, actorId: me.personId, action: 'two_step.on', entityType: 'person', entityId: me.personId, data: {} });
        return made;
      });
      return !!codes;
    });
    if (!right) return page(req, reply.status(400), { errors: toFormErrors([{ field: 'code', message: req.t('account.twoStep.wrongCode') }]) });
    return page(req, reply, { recoveryCodes: codes, justTurnedOn: true });
  });

  app.post('/account/two-step/off', route, async (req, reply) => {
    const me = req.user();
    const council = req.councilOrThrow();
    const parsed = readForm(req, codeInput);
    if (!parsed.ok) return page(req, reply.status(400), { errors: parsed.errors });
    const right = await checkCode(req, me.personId, () =>
      req.tx(async (trx) => {
        if (!(await twoStepOn(trx, me.personId)) || !(await acceptSecondStep(trx, me.personId, parsed.value.code, clock()))) return false;
        await removeTwoStep(trx, me.personId);
        await audit(trx, { councilId: council.id, actorId: me.personId, action: 'two_step.off', entityType: 'person', entityId: me.personId, data: {} });
        return true;
      }),
    );
    if (!right) return page(req, reply.status(400), { errors: toFormErrors([{ field: 'code', message: req.t('account.twoStep.wrongCode') }]) });
    return reply.to('/account', 'account.twoStep.turnedOff');
  });
}
