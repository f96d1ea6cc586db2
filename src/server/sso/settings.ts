import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { settings } from '../db/schema.js';

/** The `settings` key under which the installation keeps its OpenID Provider. */
export const SSO_SETTING = 'sso';

/** The SSO settings as stored: the client secret only as AES-256-GCM ciphertext. */
export interface StoredSso {
  enabled: boolean;
  issuer: string;
  clientId: string;
  /** base64 of IV ‖ ciphertext ‖ tag, or null when none was given. */
  clientSecret: string | null;
  allowedDomains: string[];
  ssoOnly: boolean;
}

/** The SSO settings with the client secret readable, for the server's own use only. */
export interface SsoConfig extends Omit<StoredSso, 'clientSecret'> {
  clientSecret: string | null;
}

/** The key of stored client secrets, derived from the server secret (never kept in the database). */
export function deriveSsoKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('taiwa/sso-client-secret', 'utf8'), Buffer.from('v1', 'utf8'), 32));
}

const AAD = Buffer.from('sso-client-secret', 'utf8');

export function encryptSecret(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

export function decryptSecret(key: Buffer, stored: string): string {
  const raw = Buffer.from(stored, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(AAD);
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
}

/** The stored settings, or null before an admin saved any. */
export async function loadStoredSso(db: Db): Promise<StoredSso | null> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, SSO_SETTING));
  if (!row) return null;
  return JSON.parse(row.value) as StoredSso;
}

/** The settings with the secret decrypted, or null when SSO is not switched on. */
export async function loadSsoConfig(db: Db, key: Buffer): Promise<SsoConfig | null> {
  const stored = await loadStoredSso(db);
  if (!stored || !stored.enabled) return null;
  return { ...stored, clientSecret: stored.clientSecret ? decryptSecret(key, stored.clientSecret) : null };
}

export async function saveStoredSso(db: Db, value: StoredSso): Promise<void> {
  const text = JSON.stringify(value);
  await db.insert(settings).values({ key: SSO_SETTING, value: text }).onConflictDoUpdate({ target: settings.key, set: { value: text } });
}
