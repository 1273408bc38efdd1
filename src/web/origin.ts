import type { FastifyRequest } from 'fastify';
import { publicUrlOf } from '../config/config.js';

const LOCAL = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * The address links in emails start with. `PUBLIC_URL` when it is set. Without it, the
 * address the request came in on, but only where that host is one Concord answers to by
 * right (one of the council's own host names, or this machine): on a single council's
 * deployment any Host header reaches the council, and a link built from a made-up one would
 * send the Clerk to someone else's site. Otherwise, the address Concord serves on.
 */
export function linkOrigin(req: FastifyRequest): string {
  const config = req.server.concord.services.config;
  if (config.publicUrl) return config.publicUrl.replace(/\/$/, '');
  const hostname = req.hostname.toLowerCase();
  if (LOCAL.has(hostname) || req.council?.hostnames.includes(hostname)) return `${req.protocol}://${req.host}`;
  const listening = req.server.server.address();
  return publicUrlOf(config, typeof listening === 'object' && listening ? listening.port : config.port);
}
