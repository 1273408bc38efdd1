/**
 * Whether an error means the database cannot be reached just now (a restart, a failover, a
 * connection the server ended) rather than that the request was wrong or Concord is broken. Such
 * a request is answered 503 with Retry-After: nothing of it was kept (every write is one
 * transaction), and the same request succeeds once the server is back.
 */
const SERVER_AWAY = new Set([
  '57P01', // admin_shutdown: the server is stopping, or ended this connection
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

/** node-postgres's own words for a connection lost mid-query, which carry no code. */
const LOST = /^Connection terminated|^Client has encountered a connection error|^timeout exceeded when trying to connect/;

export function databaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && SERVER_AWAY.has(code)) return true;
    if (typeof message === 'string' && LOST.test(message)) return true;
    // A database closed to connections (ALLOW_CONNECTIONS false, as during maintenance).
    if (code === '55000' && typeof message === 'string' && message.includes('not currently accepting connections')) return true;
  }
  return false;
}
