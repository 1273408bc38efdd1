import { randomFillSync } from 'node:crypto';

/**
 * A new nonce for a page's Content-Security-Policy (`req.cspNonce`), in base64. Nonces are 16
 * random bytes each, drawn from a pool the system's generator fills 256 nonces
 * at a time, as Node does for `randomUUID`: asking it for 16 bytes on every page took some
 * 15 µs, most of it starting the generator's code afresh, against well under one from the pool.
 * Each byte is used once.
 */
const NONCE_BYTES = 16;
const noncePool = Buffer.alloc(NONCE_BYTES * 256);
let noncePoolUsed = noncePool.length;
export function freshNonce(): string {
  if (noncePoolUsed === noncePool.length) {
    randomFillSync(noncePool);
    noncePoolUsed = 0;
  }
  const nonce = noncePool.toString('base64', noncePoolUsed, noncePoolUsed + NONCE_BYTES);
  noncePoolUsed += NONCE_BYTES;
  return nonce;
}
