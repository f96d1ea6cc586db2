import path from 'node:path';
import { auditLimits } from '../domain/audit.js';

/** Settings read once from the environment; every variable is documented in the README. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  secret: string | null;
  /** Secrets used before `secret`, newest first (TAIWA_SECRET_PREVIOUS, comma-separated): private notes under older key versions stay readable (ADR 0211). */
  secretPrevious: string[];
  baseUrl: string;
  logLevel: string;
  bodyLimitBytes: number;
  signInRateLimit: number;
  webDir: string;
  seedDemo: boolean;
  /** Redis for sharing live shared-notes documents between several processes; null for one process. */
  redisUrl: string | null;
  /** SMTP server for e-mail (`smtp://user:pass@host:587`); null keeps mail in the admins' outbox. */
  smtpUrl: string | null;
  /** Sender address of Taiwa's e-mail and organiser of its calendar invitations. */
  mailFrom: string;
  /** Seconds before the first retry of a failed webhook delivery (doubled on each further retry). */
  webhookRetryDelaySeconds: number;
  /** Days audit events are kept before the daily purge removes them (ADR 0210; at least 30). */
  auditRetentionDays: number;
}

function intFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

function retentionDays(days: number): number {
  if (days < auditLimits.retentionDaysMin) throw new Error(`TAIWA_AUDIT_RETENTION_DAYS must be at least ${auditLimits.retentionDaysMin}, got ${days}`);
  return days;
}

/** Reads the configuration from `process.env`, failing fast on malformed values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = intFrom('PORT', 3000);
  const host = env.HOST || '127.0.0.1';
  return {
    port,
    host,
    databaseUrl: env.DATABASE_URL || null,
    dataDir: path.resolve(env.TAIWA_DATA_DIR || './data'),
    secret: env.TAIWA_SECRET || null,
    secretPrevious: (env.TAIWA_SECRET_PREVIOUS ?? '')
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
    baseUrl: env.TAIWA_BASE_URL || `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    logLevel: env.LOG_LEVEL || 'info',
    bodyLimitBytes: intFrom('TAIWA_BODY_LIMIT', 1024 * 1024),
    signInRateLimit: intFrom('TAIWA_SIGNIN_RATE_LIMIT', 10),
    webDir: path.resolve(env.TAIWA_WEB_DIR || './dist/web'),
    seedDemo: env.TAIWA_SEED_DEMO !== 'false',
    redisUrl: env.REDIS_URL || null,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || 'taiwa@localhost',
    webhookRetryDelaySeconds: intFrom('TAIWA_WEBHOOK_RETRY_DELAY', 30),
    auditRetentionDays: retentionDays(intFrom('TAIWA_AUDIT_RETENTION_DAYS', auditLimits.retentionDaysDefault)),
  };
}
