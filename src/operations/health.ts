import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import { migrations } from '../db/migrations/index.js';

/**
 * What a load balancer or a county association's monitoring asks of each process:
 * - /healthz, alive: the process answers and reaches its database;
 * - /readyz, ready to serve: the database holds every migration this Concord knows, and no
 *   other. A process whose database is behind (or ahead of) its code gets no requests.
 */
export function registerHealth(app: FastifyInstance, db: Database): void {
  app.get('/healthz', { schema: { hide: true } }, async () => {
    await db.system((trx) => trx.selectFrom('councils').select('id').limit(1).execute());
    return { status: 'ok' };
  });
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const expected = Object.keys(migrations);
    try {
      const applied = await db.system(async (trx) => (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(trx)).rows.map((r) => r.name));
      const missing = expected.filter((m) => !applied.includes(m));
      const unknown = applied.filter((m) => !expected.includes(m));
      if (missing.length || unknown.length) return reply.code(503).send({ status: 'not ready', reason: 'migrations', missing, unknown });
      return { status: 'ready', migrations: applied.length };
    } catch {
      return reply.code(503).send({ status: 'not ready', reason: 'database' });
    }
  });
}
