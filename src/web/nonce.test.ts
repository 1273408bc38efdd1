import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshNonce } from './nonce.js';

describe('CSP nonces', () => {
  it('gives 16 random bytes each time, never the same twice, also across refills of the pool', () => {
    const nonces = Array.from({ length: 1000 }, () => freshNonce());
    const bytes = Buffer.concat(nonces.map((n) => Buffer.from(n, 'base64')));
    for (const nonce of nonces) assert.equal(Buffer.from(nonce, 'base64').length, 16, nonce);
    assert.equal(new Set(nonces).size, nonces.length);
    // Random, not merely different: 16,000 bytes from a good generator carry close to 8 bits
    // each, where a counter would carry far fewer.
    const counts = new Array<number>(256).fill(0);
    for (const b of bytes) counts[b]!++;
    const entropy = -counts.filter((c) => c > 0).reduce((sum, c) => sum + (c / bytes.length) * Math.log2(c / bytes.length), 0);
    assert.ok(entropy > 7.9, `entropy ${entropy.toFixed(3)} bits a byte`);
  });
});
