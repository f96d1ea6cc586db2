import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.js';
import type { NoteSecrets } from './crypto/noteKeys.js';

/** The data directory's file of secrets used before `secret`, one a line, newest first (ADR 0211). */
export const PREVIOUS_SECRETS_FILE = 'secret.previous';

/** A new random server secret (256 bits). */
export const newSecret = () => randomBytes(32).toString('base64url');

async function readLines(file: string): Promise<string[]> {
  if (!existsSync(file)) return [];
  return (await fs.readFile(file, 'utf8'))
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/**
 * The server secret and the secrets used before it: TAIWA_SECRET and TAIWA_SECRET_PREVIOUS, or,
 * for the embedded database, the `secret` file of the data directory (generated on first start)
 * and its `secret.previous` file.
 */
export async function serverSecrets(config: Config, embedded: boolean, opts: { create?: boolean } = {}): Promise<NoteSecrets> {
  if (config.secret) return { current: config.secret, previous: config.secretPrevious, previousSource: 'TAIWA_SECRET_PREVIOUS' };
  if (!embedded) throw new Error('TAIWA_SECRET must be set when DATABASE_URL is used (32 or more random characters).');
  const file = path.join(config.dataDir, 'secret');
  const previousFile = path.join(config.dataDir, PREVIOUS_SECRETS_FILE);
  const previous = config.secretPrevious.length ? config.secretPrevious : await readLines(previousFile);
  const previousSource = config.secretPrevious.length ? 'TAIWA_SECRET_PREVIOUS' : previousFile;
  if (existsSync(file)) return { current: (await fs.readFile(file, 'utf8')).trim(), previous, previousSource };
  if (opts.create === false) throw new Error(`There is no secret file in ${config.dataDir}.`);
  const current = newSecret();
  await fs.writeFile(file, current, { mode: 0o600 });
  return { current, previous, previousSource };
}

/**
 * Embedded only: makes a new `secret` and moves the old one to the top of `secret.previous`, so
 * notes under the old key stay readable until `keys:rotate` has re-encrypted them.
 */
export async function replaceEmbeddedSecret(dataDir: string): Promise<void> {
  const file = path.join(dataDir, 'secret');
  const previousFile = path.join(dataDir, PREVIOUS_SECRETS_FILE);
  if (!existsSync(file)) throw new Error(`There is no secret file in ${dataDir} to replace.`);
  const old = (await fs.readFile(file, 'utf8')).trim();
  const previous = await readLines(previousFile);
  await fs.writeFile(previousFile, [old, ...previous].join('\n') + '\n', { mode: 0o600 });
  await fs.writeFile(file, newSecret(), { mode: 0o600 });
}
