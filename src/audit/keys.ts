import { createHash, createHmac, createPrivateKey, createPublicKey, hkdfSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { chmod, link, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ConfigError, type Config } from '../config/config.js';
import { decodeKey } from './key-text.js';

/** A PKCS #8 wrapping for a raw 32-byte Ed25519 seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The audit log's key: one secret that the database never sees, from which Concord derives
 * an HMAC key that seals each entry and an Ed25519 key pair that signs checkpoints. Anyone
 * holding the public key can check a checkpoint; only the holder of the secret can make one.
 */
export class AuditKey {
  private constructor(
    private readonly macKey: Buffer,
    private readonly signingKey: KeyObject,
    readonly publicKey: KeyObject,
  ) {}

  static fromSecret(secret: Uint8Array): AuditKey {
    if (secret.length < 32) throw new Error('an audit key needs at least 32 bytes');
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, 32));
    const signingKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, derive('concord audit checkpoint signature v1')]), format: 'der', type: 'pkcs8' });
    return new AuditKey(derive('concord audit entry seal v1'), signingKey, createPublicKey(signingKey));
  }

  /** The seal of one entry: HMAC-SHA-256, hex. */
  mac(text: string): string {
    return createHmac('sha256', this.macKey).update(text, 'utf8').digest('hex');
  }

  sign(text: string): string {
    return sign(null, Buffer.from(text, 'utf8'), this.signingKey).toString('base64');
  }

  verifySignature(text: string, signature: string): boolean {
    try {
      return verify(null, Buffer.from(text, 'utf8'), this.publicKey, Buffer.from(signature, 'base64'));
    } catch {
      return false;
    }
  }

  /** The public key as PEM, to give to whoever keeps copies of the checkpoints. */
  publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** A short name for the public key: the first 16 hex digits of its SHA-256. */
  fingerprint(): string {
    return createHash('sha256').update(this.publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
  }
}

/** Where the key is kept when neither AUDIT_KEY nor AUDIT_KEY_FILE says otherwise. */
export function defaultKeyFile(dataDir: string): string {
  return join(dataDir, 'keys', 'audit.key');
}

/**
 * The audit key from the settings: AUDIT_KEY itself, the file AUDIT_KEY_FILE names, or
 * CONCORD_DATA/keys/audit.key. With `create`, a missing key file is made (32 random bytes,
 * readable by its owner only) with the public key beside it; without, a missing key is an
 * error, since a new key could not check entries sealed with the old one.
 */
export async function loadAuditKey(config: Pick<Config, 'dataDir' | 'auditKey'>, options: { create: boolean }): Promise<AuditKey> {
  const source = config.auditKey;
  if (source.kind === 'value') return AuditKey.fromSecret(source.secret);
  const path = source.kind === 'file' ? source.path : defaultKeyFile(config.dataDir);
  let text = await readKeyFile(path);
  if (text === undefined) {
    if (!options.create || source.kind === 'file') {
      throw new ConfigError(
        `There is no audit key at ${path}. Concord needs the key its audit log was sealed with; set AUDIT_KEY_FILE or AUDIT_KEY if it is kept elsewhere.`,
      );
    }
    text = await createKeyFile(path);
  }
  const secret = decodeKey(text);
  if (!secret) throw new ConfigError(`The audit key in ${path} is not valid: it must hold at least 32 bytes, in base64.`);
  const key = AuditKey.fromSecret(secret);
  await writeFile(join(dirname(path), 'audit.pub'), key.publicKeyPem(), { flag: 'wx' }).catch(ignoreExists);
  return key;
}

async function readKeyFile(path: string): Promise<string | undefined> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`The audit key file ${path} cannot be read: ${(error as Error).message}`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new ConfigError(`The audit key file ${path} can be read by other users. Make it readable by Concord's user alone: chmod 600 ${path}`);
  }
  return readFile(path, 'utf8');
}

/** Writes a new key beside a temporary name and links it into place, so two processes agree on one key. */
async function createKeyFile(path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const text = `${randomBytes(32).toString('base64')}\n`;
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(temporary, text, { mode: 0o600 });
  await chmod(temporary, 0o600);
  try {
    await link(temporary, path);
    return text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFile(path, 'utf8');
  } finally {
    await rm(temporary, { force: true });
  }
}

function ignoreExists(error: unknown): void {
  if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
}
