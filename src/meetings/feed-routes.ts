import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { loadPrincipal } from '../auth/principal.js';
import { decide } from '../policy/decide.js';
import { NotFoundError } from '../web/errors.js';
import { labelled, submitForm } from '../web/form.js';
import { optionalText } from '../web/schemas.js';
import { setOwnPostalAddress } from './postal.js';
import { councilFeed, feedOwner, hasFeed, newFeedToken, personFeed } from './feeds.js';
import { bodyMembership, loadCounting, setSummonsPreference, summonsChannels } from './service.js';
import { linker } from './meeting-page.js';

const summonsPreferenceInput = z.object({
  electronic: z
    .enum(['yes', 'no'], 'validation.choose')
    .default('no')
    .transform((v) => v === 'yes'),
  // Where a summons on paper goes: the member keeps it up to date, as the Clerk may.
  postalAddress: labelled(optionalText(500), 'people.postalAddress'),
});

/** Calendar feeds (the council's public one, and each person's own), and a person's preferences for them and the summons. */
export async function feedRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const now = () => app.concord.services.clock();

  app.get('/meetings/public.ics', async (req, reply) => {
    const council = req.councilOrThrow();
    const text = await req.tx(async (trx) => councilFeed(trx, { council, t: req.t, link: linker(req), counting: await loadCounting(trx, council), host: req.hostname }));
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'public, max-age=900').send(text);
  });

  app.get('/meetings/feed/:file', { schema: { params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/) }) } }, async (req, reply) => {
    const council = req.councilOrThrow();
    const token = req.params.file.slice(0, -'.ics'.length);
    const text = await req.tx(async (trx) => {
      const owner = await feedOwner(trx, token);
      const principal = owner ? await loadPrincipal(trx, owner.id) : undefined;
      // A feed ends with its owner's access (the term of office, decided as for any request): a former councillor's calendar stops.
      if (!owner || !principal || !decide(principal, 'meetings.view', req.clauses!, req.today).allowed) throw new NotFoundError();
      return personFeed(trx, owner, { council, t: req.t, link: linker(req), counting: await loadCounting(trx, council), host: req.hostname });
    });
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, max-age=900').send(text);
  });

  const preferencesPage = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const me = req.user();
    const council = req.councilOrThrow();
    const d = await req.tx(async (trx) => {
      const membership = await bodyMembership(trx, req.today);
      const committees = await trx.selectFrom('committee_members').select('committee_id').where('person_id', '=', me.personId).execute();
      return {
        feed: await hasFeed(trx, me.personId),
        channel: (await summonsChannels(trx, council, [me.personId])).get(me.personId),
        postalAddress: (await trx.selectFrom('people').select('postal_address').where('id', '=', me.personId).executeTakeFirst())?.postal_address ?? '',
        // The summons goes to the members of the council and its committees.
        receivesSummons: membership(null).includes(me.personId) || committees.length > 0,
      };
    });
    return reply.view('meetings/views/preferences.njk', {
      title: req.t('meetings.preferences.title'),
      section: 'meetings',
      feed: d.feed,
      electronic: d.channel === 'email',
      postalAddress: d.postalAddress,
      receivesSummons: d.receivesSummons,
      wales: council.nation === 'wales',
      publicFeed: linker(req)('/meetings/public.ics'),
      ...data,
    });
  };

  app.get('/meetings/preferences', async (req, reply) => preferencesPage(req, reply));

  app.post('/meetings/preferences/feed', async (req, reply) => {
    const token = await req.tx((trx) => newFeedToken(trx, req.user(), now()));
    const url = linker(req)(`/meetings/feed/${token}.ics`);
    // Shown once, never stored: only its hash is kept.
    return preferencesPage(req, reply, { feedUrl: url, webcalUrl: url.replace(/^https?:/, 'webcal:') });
  });

  app.post('/meetings/preferences/summons', async (req, reply) =>
    submitForm(req, reply, {
      schema: summonsPreferenceInput,
      save: async (trx, input) => {
        await setSummonsPreference(trx, req.user(), input.electronic, now());
        await setOwnPostalAddress(trx, req.user(), input.postalAddress);
      },
      redisplay: (reply, { errors }) => preferencesPage(req, reply, { errors }),
      done: () => ({ path: '/meetings/preferences', flash: 'common.saved' }),
    }),
  );
}
