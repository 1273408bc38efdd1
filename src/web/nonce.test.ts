import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freshNonce } from './nonce.js';

describe('CSP nonces', () => {
  it('gives 16 random bytes each time, never the same twice, also across refills of the pool', () => {
    const nonces = Array.from({ length: 1000 }, () => freshNonce());
    for (const nonce of nonces) assert.equal(Buffer.from(nonce, 'base64').length, 16, nonce);
    assert.equal(new Set(nonces).size, nonces.length);
  });
});
