import type { FastifyInstance } from 'fastify';

/**
 * The home page, one per role: what this person does here, and what is waiting for them.
 * What is waiting comes from the capabilities' home panels (src/capabilities), read in one
 * transaction; this page knows none of them by name. It is the page opened most, so what it
 * read is answered again until anything is written to the council (`req.remembered`).
 */
export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (req, reply) => {
    const me = req.user();
    const panels = await req.remembered('home.panels', (trx) => app.concord.homePanels(trx, req));
    return reply.view(`home/views/${me.role}.njk`, { title: req.t('home.title'), section: 'home', person: { name: me.name }, panels, today: req.today });
  });
}
