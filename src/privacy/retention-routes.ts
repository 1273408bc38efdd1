import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../audit/audit.js';
import { submitForm } from '../web/form.js';
import { InvalidInputError, NotFoundError } from '../web/errors.js';
import { addCalendarMonths } from './deadline.js';
import { DEFAULT_RETENTION, expiringBy, holdInput, periodsInput, RETENTION_KINDS, retentionPeriods } from './retention.js';

/** Retention periods, what the nightly sweep will remove in the next month, and holds (SPEC R18). */
export async function retentionRoutes(app: FastifyInstance): Promise<void> {
  const now = () => app.concord.services.clock();

  const page = async (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown> = {}) => {
    const council = req.councilOrThrow();
    const periods = retentionPeriods(council.settings);
    const until = addCalendarMonths(req.today, 1);
    const expiring = await req.tx((trx) => expiringBy(trx, periods, req.today, until));
    return reply.view('privacy/views/retention.njk', { title: req.t('privacy.retention.title'), section: 'privacy', kinds: RETENTION_KINDS, periods, defaults: DEFAULT_RETENTION, until, expiring, ...data, values: { ...periods, ...((data.values) ?? {}) } });
  };
  app.get('/privacy/retention', { config: { authorize: 'privacy.manage' } }, async (req, reply) => page(req, reply));

  app.post('/privacy/retention', { config: { authorize: 'privacy.manage' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: periodsInput,
      save: async (trx, value) => {
        const council = await trx.selectFrom('councils').select(['id', 'settings']).where('id', '=', req.councilOrThrow().id).executeTakeFirstOrThrow();
        await trx.updateTable('councils').set({ settings: JSON.stringify({ ...council.settings, retention: value }) }).where('id', '=', council.id).execute();
        await audit(trx, { councilId: council.id, actorId: req.user().personId, action: 'privacy.retention_changed', entityType: 'council', entityId: council.id, data: { ...value } });
      },
      afterSave: () => app.concord.councils.invalidate(),
      redisplay: (r, form) => page(req, r, form),
      done: () => ({ path: '/privacy/retention', flash: 'privacy.retention.saved' }),
    }),
  );

  app.post('/privacy/retention/holds', { config: { authorize: 'privacy.manage' } }, async (req, reply) =>
    submitForm(req, reply, {
      schema: holdInput,
      save: async (trx, value) => {
        const council = req.councilOrThrow();
        const known = await expiringBy(trx, retentionPeriods(council.settings), req.today, '9999-12-31');
        if (!known.some((r) => r.kind === value.kind && r.id === value.recordId)) throw new InvalidInputError([{ field: 'recordId', key: 'validation.invalid' }]);
        const row = await trx
          .insertInto('retention_holds')
          .values({ council_id: council.id, record_kind: value.kind, record_id: value.recordId, reason: value.reason, placed_by: req.user().personId, placed_at: now() })
          .onConflict((oc) => oc.columns(['council_id', 'record_kind', 'record_id']).doUpdateSet({ reason: value.reason }))
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(trx, { councilId: council.id, actorId: req.user().personId, action: 'privacy.hold_placed', entityType: 'retention_hold', entityId: row.id, data: { kind: value.kind, recordId: value.recordId, reason: value.reason } });
      },
      redisplay: (r, form) => page(req, r, form),
      done: () => ({ path: '/privacy/retention', flash: 'privacy.retention.held' }),
    }),
  );

  app.post('/privacy/retention/holds/:id/release', { config: { authorize: 'privacy.manage' } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!z.uuid().safeParse(id).success) throw new NotFoundError();
    return submitForm(req, reply, {
      schema: z.object({}),
      save: async (trx) => {
        const row = await trx.deleteFrom('retention_holds').where('id', '=', id).returning(['record_kind', 'record_id']).executeTakeFirst();
        if (!row) throw new NotFoundError();
        await audit(trx, { councilId: req.councilOrThrow().id, actorId: req.user().personId, action: 'privacy.hold_released', entityType: 'retention_hold', entityId: id, data: { kind: row.record_kind, recordId: row.record_id } });
      },
      redisplay: (r, form) => page(req, r, form),
      done: () => ({ path: '/privacy/retention', flash: 'privacy.retention.released' }),
    });
  });
}
