import type { FastifyInstance } from 'fastify';
import { committeeRoutes } from './committees/routes.js';
import { contactRoutes } from './contacts/routes.js';
import { groupRoutes } from './groups/routes.js';
import { peopleRoutes } from './people/routes.js';
import { profileRoutes } from './profile/routes.js';

/**
 * Council set-up, the Clerk's: the council's profile, its people and their roles,
 * committees, political groups and external contacts. Each has its own folder.
 */
export async function setupRoutes(app: FastifyInstance): Promise<void> {
  app.get('/setup', async (req, reply) => {
    req.authorize('council.configure');
    return reply.view('setup/views/index.njk', { title: req.t('setup.title'), section: 'setup' });
  });
  await app.register(profileRoutes);
  await app.register(peopleRoutes);
  await app.register(committeeRoutes);
  await app.register(groupRoutes);
  await app.register(contactRoutes);
}
