import { hash, verify, type Algorithm } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 10;

/**
 * argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane), the library's
 * defaults. @node-rs/argon2 ships its binary as a registry package for each platform, so
 * installing needs no compiler and runs no install script.
 */
// The library's Algorithm is a const enum, which isolated modules cannot read at run time.
const ARGON2ID: Algorithm.Argon2id = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

// Checked against when the email is unknown, so a wrong email takes as long as a wrong password.
const decoy = hashPassword('decoy password that matches nothing');

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
