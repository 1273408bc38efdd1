import { resolve } from 'node:path';
import { z } from 'zod';
import { decodeKey } from '../audit/key-text.js';

/**
 * Every setting Concord reads, checked once at start-up. Nothing else reads
 * `process.env`: the rest of the code is handed a `Config`.
 * The defaults run the embedded demo: `npm start` needs none of these set.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** A PostgreSQL server (postgres://…). Without it, the embedded database in CONCORD_DATA is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * The login the application's requests use on a PostgreSQL server: a role that is a member
   * of concord_app_login and owns nothing (see docs/decisions/0009). DATABASE_URL stays the
   * owner's, for migrations and `concord init`.
   */
  DATABASE_APP_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** The folder holding the embedded database and other local files. */
  CONCORD_DATA: z.string().min(1).default('./data'),
  /** The address people use to reach Concord, used in emails and printed at start-up. */
  PUBLIC_URL: z.url().optional(),
  /** How long a sign-in lasts without activity, in hours. */
  SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** Mark cookies Secure: "auto" does so when the request came over HTTPS. */
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Trust X-Forwarded-* headers from a reverse proxy in front of Concord. */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Failed sign-ins to one account (from anywhere) before it waits (15 minutes). */
  SIGN_IN_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  /** Failed sign-ins from one address, across every account, before it waits (15 minutes). */
  SIGN_IN_ADDRESS_ATTEMPTS: z.coerce.number().int().min(1).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The largest document that can be uploaded, in megabytes. */
  MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(200).default(20),
  /** An SMTP server to send email through (smtp:// or smtps://). Without it, mail waits in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]/, 'must start with smtp:// or smtps://')
    .optional(),
  /** The sender of Concord's emails. */
  MAIL_FROM: z.string().min(3).default('Concord <concord@localhost>'),
  /** The audit log's secret key itself, base64 (at least 32 bytes). */
  AUDIT_KEY: z
    .string()
    .refine((v) => decodeKey(v) !== undefined, 'must be at least 32 bytes in base64')
    .optional(),
  /** A file holding the audit log's key; without it or AUDIT_KEY, CONCORD_DATA/keys/audit.key. */
  AUDIT_KEY_FILE: z.string().min(1).optional(),
  /** The folder for the audit log's signed checkpoints, one file per council. */
  AUDIT_CHECKPOINTS: z.string().min(1).optional(),
  /** How often, in seconds, each council's audit log is sealed with a checkpoint when it has grown. */
  AUDIT_SEAL_SECONDS: z.coerce.number().int().min(1).max(60).default(60),
  /** Email each council's latest checkpoint to its Clerk and Monitoring Officer at most this often, in hours; 0 never. */
  AUDIT_EMAIL_HOURS: z.coerce.number().int().min(0).max(24 * 31).default(0),
  /** The folder backups go into: scheduled ones, and `concord backup` without --to. */
  BACKUP_DIR: z.string().min(1).optional(),
  /** On the embedded database, back up by itself when the newest backup is older than this, in hours; 0 never. */
  BACKUP_HOURS: z.coerce.number().int().min(0).max(24 * 31).default(24),
  /** How many scheduled backups to keep. */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
  /** Serve Prometheus metrics at /metrics (request rates and times, jobs, the outbox). */
  METRICS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** With METRICS, the bearer token a scraper must send; without it, /metrics answers only 127.0.0.1 and ::1. */
  METRICS_TOKEN: z.string().min(16).optional(),
});

export type Config = {
  port: number;
  host: string;
  /** The owner's connection (migrations, init, audit verify); `appUrl` is the login for requests. */
  database: { url: string; appUrl?: string } | { dataDir: string };
  dataDir: string;
  publicUrl: string | undefined;
  sessionHours: number;
  cookieSecure: 'auto' | boolean;
  trustProxy: boolean;
  signInAttempts: number;
  signInAddressAttempts: number;
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** The largest document that can be uploaded, in megabytes. */
  maxUploadMb: number;
  /** The SMTP server for email; without it, mail goes to the outbox (and `.eml` files in the data folder). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The audit log's key: given in the settings, in a named file, or in the data folder. */
  auditKey: { kind: 'value'; secret: Buffer } | { kind: 'file'; path: string } | { kind: 'default' };
  /** The folder of signed checkpoints. */
  auditCheckpoints: string;
  auditSealSeconds: number;
  auditEmailHours: number;
  /** Where backups go, how often the embedded database backs itself up (hours; 0 never), and how many are kept. */
  backup: { dir: string; everyHours: number; keep: number };
  metrics: { enabled: boolean; token?: string };
};

export class ConfigError extends Error {}

/**
 * The address people reach Concord at, for links in emails and the start-up message:
 * `PUBLIC_URL` when set, otherwise the address Concord serves on (the port it listens on,
 * which may differ from the configured one when that is 0).
 */
export function publicUrlOf(config: Pick<Config, 'publicUrl' | 'host' | 'port'>, listeningPort = config.port): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/$/, '');
  const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' || config.host === '::' ? 'localhost' : config.host;
  return `http://${host}:${listeningPort}`;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Concord's settings are not valid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.AUDIT_KEY && e.AUDIT_KEY_FILE) problems.push('  AUDIT_KEY_FILE: set AUDIT_KEY or AUDIT_KEY_FILE, not both');
  if (e.DATABASE_APP_URL && !e.DATABASE_URL) problems.push("  DATABASE_APP_URL: needs DATABASE_URL, the owner's connection, for migrations");
  if (problems.length) throw new ConfigError(`Concord's settings are not valid:\n${problems.join('\n')}`);
  const dataDir = resolve(e.CONCORD_DATA);
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { url: e.DATABASE_URL, ...(e.DATABASE_APP_URL ? { appUrl: e.DATABASE_APP_URL } : {}) } : { dataDir: resolve(dataDir, 'pglite') },
    dataDir,
    publicUrl: e.PUBLIC_URL,
    sessionHours: e.SESSION_HOURS,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY,
    signInAttempts: e.SIGN_IN_ATTEMPTS,
    signInAddressAttempts: e.SIGN_IN_ADDRESS_ATTEMPTS,
    logLevel: e.LOG_LEVEL,
    maxUploadMb: e.MAX_UPLOAD_MB,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    auditKey: e.AUDIT_KEY ? { kind: 'value', secret: decodeKey(e.AUDIT_KEY)! } : e.AUDIT_KEY_FILE ? { kind: 'file', path: resolve(e.AUDIT_KEY_FILE) } : { kind: 'default' },
    auditCheckpoints: resolve(e.AUDIT_CHECKPOINTS ?? resolve(dataDir, 'audit')),
    auditSealSeconds: e.AUDIT_SEAL_SECONDS,
    auditEmailHours: e.AUDIT_EMAIL_HOURS,
    backup: { dir: resolve(e.BACKUP_DIR ?? resolve(dataDir, 'backups')), everyHours: e.BACKUP_HOURS, keep: e.BACKUP_KEEP },
    metrics: { enabled: e.METRICS, token: e.METRICS_TOKEN },
  };
}

/** Settings for tests and tools that build an app in-process. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    database: { dataDir: '' },
    dataDir: '',
    publicUrl: undefined,
    sessionHours: 12,
    cookieSecure: 'auto',
    trustProxy: false,
    signInAttempts: 10,
    signInAddressAttempts: 30,
    logLevel: 'silent',
    maxUploadMb: 20,
    smtpUrl: undefined,
    mailFrom: 'Concord <concord@localhost>',
    auditKey: { kind: 'default' },
    auditCheckpoints: '',
    auditSealSeconds: 60,
    auditEmailHours: 0,
    backup: { dir: '', everyHours: 0, keep: 14 },
    metrics: { enabled: false },
    ...overrides,
  };
}
