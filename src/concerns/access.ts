import type { FastifyRequest } from 'fastify';
import { RefusedError } from '../web/errors.js';
import { linkOrigin } from '../web/origin.js';
import { decide } from '../policy/decide.js';
import { loadCase, logAccess, type LoadedCase } from './service.js';

type CaseAction = 'concern.view' | 'concern.handle' | 'concern.read_disclosed';

/**
 * Load a case and decide on it, logging the attempt either way: an opening by someone the
 * rules allow, or a refusal (which names the clause). The access log is the handlers' to read.
 */
export async function openCase(req: FastifyRequest, id: string, action: CaseAction = 'concern.view'): Promise<LoadedCase> {
  const council = req.councilOrThrow();
  const user = req.user();
  const kase = await req.tx((trx) => loadCase(trx, id));
  // What the person concerned was told is decided on its own: they may never read the case itself.
  const first = action === 'concern.read_disclosed' ? action : 'concern.view';
  const decision = decide(user, first, req.clauses!, req.today, kase.resource);
  const then = decision.allowed && action !== first ? decide(user, action, req.clauses!, req.today, kase.resource) : decision;
  if (!then.allowed) {
    await req.tx((trx) => logAccess(trx, council.id, user, id, 'refused'));
    throw new RefusedError(then);
  }
  if (action !== 'concern.handle') await req.tx((trx) => logAccess(trx, council.id, user, id, action === 'concern.view' ? 'viewed' : 'read_told'));
  return kase;
}

/** The case's address, for the emails that point to it. */
export function caseLink(req: FastifyRequest): (id: string) => string {
  const origin = linkOrigin(req);
  return (id) => `${origin}${req.base}/concerns/${id}`;
}
