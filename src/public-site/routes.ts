import type { FastifyInstance } from 'fastify';

/**
 * The council's public home: what the council is, and a link to each public page the
 * capabilities declare (`publicPages`), in their order. No sign-in, and the same for everyone.
 */
export async function publicHomeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/public', async (req, reply) => {
    req.councilOrThrow();
    const pages = app.concord.publicPages.map((p) => ({ href: `${req.base}${p.path}`, text: req.t(p.titleKey), description: req.t(p.descriptionKey) }));
    return reply.view('public-site/views/home.njk', { title: req.t('public.title'), section: 'public', pages });
  });
}
