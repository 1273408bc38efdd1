import type { FastifyInstance } from 'fastify';
import { countPendingAgreedActions } from '../decisions/agreed.js';
import { escalatedEnquiries } from '../enquiries/service.js';
import { countUnread } from '../bulletins/service.js';

/** The home page, one per role: what this person does here, and what is waiting for them. */
export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (req, reply) => {
    const me = req.user();
    const data = await req.tx(async (trx) => {
      const person = await trx.selectFrom('people').selectAll().where('id', '=', me.personId).executeTakeFirstOrThrow();
      const committees = await trx
        .selectFrom('committee_members as m')
        .innerJoin('committees as c', 'c.id', 'm.committee_id')
        .select(['c.name', 'c.chair_id'])
        .where('m.person_id', '=', me.personId)
        .orderBy('c.name')
        .execute();
      const group = await trx
        .selectFrom('group_members as m')
        .innerJoin('political_groups as g', 'g.id', 'm.group_id')
        .select(['g.name', 'g.leader_id'])
        .where('m.person_id', '=', me.personId)
        .executeTakeFirst();
      const tasks =
        me.role === 'councillor'
          ? []
          : await trx
              .selectFrom('officer_tasks')
              .select(['id', 'reference', 'title', 'due_on', 'status'])
              .where('assigned_to', '=', me.personId)
              .where('status', '!=', 'done')
              .orderBy('due_on', (ob) => ob.asc().nullsLast())
              .execute();
      const escalated = me.role === 'clerk' ? await escalatedEnquiries(trx) : [];
      const pendingAgreed = me.role === 'clerk' ? await countPendingAgreedActions(trx) : 0;
      const unreadBulletins = me.role === 'councillor' ? await countUnread(trx, me.personId) : 0;
      return { person, committees, group, tasks, pendingAgreed, today: req.today, escalatedEnquiries: escalated, unreadBulletins };
    });
    return reply.view(`home/views/${me.role}.njk`, { title: req.t('home.title'), section: 'home', ...data });
  });
}
