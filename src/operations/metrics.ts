import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/database.js';

/**
 * Prometheus metrics at /metrics, for a county association watching many councils: requests
 * by route and status with their times, the durable jobs waiting, due and given up, and the
 * emails waiting in the outbox. Off unless METRICS=true. Routes are labelled by their pattern
 * (`/meetings/:id`), never by the address asked for, so no id, slug or personal data is in a
 * label and the number of series stays bounded. Without METRICS_TOKEN only the machine itself
 * (127.0.0.1, ::1, and not through a proxy) may read them.
 */
export function registerMetrics(app: FastifyInstance, db: Database, options: { token?: string }): void {
  // Each app its own registry: tests and bench build several in one process.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'concord_process_' });
  const requests = new Counter({ name: 'concord_http_requests_total', help: 'Requests answered, by method, route pattern and status.', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const durations = new Histogram({
    name: 'concord_http_request_duration_seconds',
    help: 'Time to answer a request, by method and route pattern.',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'concord_jobs',
    help: 'Durable jobs not yet done: waiting for their time, due now, or given up after their last try.',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const { rows } = await db.system((trx) =>
        sql<{ waiting: number; due: number; failed: number }>`
          select count(*) filter (where attempts < max_attempts and run_at > now())::int as waiting,
                 count(*) filter (where attempts < max_attempts and run_at <= now())::int as due,
                 count(*) filter (where attempts >= max_attempts)::int as failed
          from jobs where done_at is null`.execute(trx),
      );
      const counts = rows[0] ?? { waiting: 0, due: 0, failed: 0 };
      for (const state of ['waiting', 'due', 'failed'] as const) this.set({ state }, Number(counts[state]));
    },
  });
  new Gauge({
    name: 'concord_outbox_unsent',
    help: 'Emails and letters in the outbox not yet sent or posted, by channel.',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      const rows = await db.system((trx) => trx.selectFrom('outbox_messages').select(['channel', (eb) => eb.fn.countAll<number>().as('n')]).where('sent_at', 'is', null).groupBy('channel').execute());
      this.reset();
      for (const channel of ['email', 'post']) this.set({ channel }, Number(rows.find((r) => r.channel === channel)?.n ?? 0));
    },
  });

  app.addHook('onResponse', async (req, reply) => {
    const route = routeOf(req);
    if (route === '/metrics') return;
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    durations.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!allowed(req, options.token)) return reply.code(403).type('text/plain; charset=utf-8').send('Metrics are for the monitoring that holds METRICS_TOKEN.\n');
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

/** The route's pattern, or one label for every address that matched none. */
function routeOf(req: FastifyRequest): string {
  return req.routeOptions.url ?? 'unmatched';
}

function allowed(req: FastifyRequest, token: string | undefined): boolean {
  // Without a token, only a scraper on this machine: not a request a proxy on this machine
  // passed on from outside (it says whom it forwarded for).
  if (!token) return !req.headers['x-forwarded-for'] && !req.headers.forwarded && ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
