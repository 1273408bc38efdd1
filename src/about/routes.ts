import type { FastifyInstance } from 'fastify';

/** Pages about the service itself, open to everyone: the accessibility statement. */
export async function aboutRoutes(app: FastifyInstance): Promise<void> {
  app.get('/accessibility', async (req, reply) => {
    req.councilOrThrow();
    return reply.view('about/views/accessibility.njk', { title: req.t('accessibility.title') });
  });
}
