import type { FastifyInstance } from 'fastify';

/**
 * The home page, one per role: what this person does here, and what is waiting for them.
 * What is waiting comes from the capabilities' home panels (src/capabilities), read in one
 * transaction; this page knows none of them by name.
 */
export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (req, reply) => {
    const me = req.user();
    const panels = await req.tx((trx) => app.concord.homePanels(trx, req));
    return reply.view(`home/views/${me.role}.njk`, { title: req.t('home.title'), section: 'home', person: { name: me.name }, panels, today: req.today });
  });
}
