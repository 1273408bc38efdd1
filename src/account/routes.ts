import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { labelled, submitForm } from '../web/form.js';
import type { FormErrors } from '../web/forms.js';
import { twoStepOn } from '../auth/two-step.js';

/** The person's language: one of the council's (the schema is the same for the page and the API). */
const languageInput = z.object({ locale: labelled(z.enum(['en', 'cy'], { message: 'account.language.error' }), 'account.language.legend') });

/** A person's own account: who they are here, and the language they read Concord in. */
export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const page = async (req: FastifyRequest, reply: FastifyReply, form: { errors?: FormErrors; values?: Record<string, unknown> } = {}) => {
    const me = req.user();
    const { person, twoStep } = await req.tx(async (trx) => ({
      person: await trx.selectFrom('people').select(['name', 'email', 'role', 'locale']).where('id', '=', me.personId).executeTakeFirstOrThrow(),
      twoStep: await twoStepOn(trx, me.personId),
    }));
    return reply.view('account/views/account.njk', {
      title: req.t('account.title'),
      section: 'account',
      person,
      canTwoStep: req.allows('account.two_step'),
      twoStepOn: twoStep,
      languages: req.languages,
      canDownloadOwnData: req.allows('privacy.export_own'),
      values: { locale: person.locale ?? req.locale, ...form.values },
      errors: form.errors,
    });
  };

  app.get('/account', async (req, reply) => page(req, reply));

  app.post('/account/language', async (req, reply) => {
    const me = req.user();
    return submitForm(req, reply, {
      schema: languageInput.refine((v) => req.languages.includes(v.locale), { path: ['locale'], message: 'account.language.error' }),
      save: (trx, { locale }) => trx.updateTable('people').set({ locale }).where('id', '=', me.personId).execute(),
      redisplay: (r, form) => page(req, r, form),
      // The next page is in the language just chosen.
      done: () => ({ path: '/account', flash: 'account.language.saved' }),
    });
  });
}
