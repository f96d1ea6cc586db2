import { hkdfSync, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { noteKeys } from '../db/schema.js';
import { deriveNoteKey } from './noteCipher.js';

/**
 * The private-note keys this process holds (ADR 0211): one per key version, derived from the current
 * server secret and the previous ones. New notes are written under `current`; a note is read with
 * the key of the version stored on its row.
 */
export interface NoteKeyring {
  current: number;
  keys: ReadonlyMap<number, Buffer>;
}

/** Where the secrets come from, for messages: `TAIWA_SECRET_PREVIOUS` or the data directory's file. */
export interface NoteSecrets {
  current: string;
  /** Older secrets, newest first. */
  previous: readonly string[];
  /** How the operator names the previous secrets (for error messages). */
  previousSource?: string;
}

/** A key version the configuration cannot serve, or a previous secret that matches no version. */
export class NoteKeyError extends Error {}

/** Serialises registering a new key version across processes starting together. */
const REGISTER_LOCK = 7_264_212;

/**
 * The check value recorded for a secret: HKDF with its own label, so it is neither a key nor
 * usable to derive one, and reveals nothing a ciphertext's GCM tag would not.
 */
export function secretCheck(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('taiwa/private-notes', 'utf8'), Buffer.from('key-check', 'utf8'), 32));
}

/**
 * Loads the keyring for `secrets`, recording the current secret as a new key version the first time
 * it is seen. A previous secret must match a recorded version: a mistyped one is an error here, not
 * garbage later. On the first start with key versions (nothing recorded yet) the secrets are recorded
 * oldest first, so notes already stored under version 1 keep their key.
 */
export async function loadNoteKeyring(db: Db, secrets: NoteSecrets): Promise<NoteKeyring> {
  const source = secrets.previousSource ?? 'TAIWA_SECRET_PREVIOUS';
  const previous = secrets.previous.map((s) => s.trim()).filter((s) => s !== '');
  if (previous.includes(secrets.current)) throw new NoteKeyError(`${source} repeats the current secret; list only the secrets used before it.`);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REGISTER_LOCK})`);
    const recorded = await tx.select({ version: noteKeys.version, check: noteKeys.check }).from(noteKeys);
    const versionOf = (secret: string) => {
      const check = secretCheck(secret);
      return recorded.find((r) => r.check.length === check.length && timingSafeEqual(r.check, check))?.version ?? null;
    };
    const register = async (secret: string) => {
      const version = recorded.reduce((max, r) => Math.max(max, r.version), 0) + 1;
      const check = secretCheck(secret);
      await tx.insert(noteKeys).values({ version, check });
      recorded.push({ version, check });
      return version;
    };
    const keys = new Map<number, Buffer>();
    const firstStart = recorded.length === 0;
    // Oldest first, so versions are numbered in the order the secrets were used.
    for (const [i, secret] of [...previous].reverse().entries()) {
      let version = versionOf(secret);
      if (version === null) {
        if (!firstStart) {
          const position = previous.length - i;
          throw new NoteKeyError(
            `The previous secret #${position} in ${source} matches none of the private-note key versions recorded in this database ` +
              `(${recorded.map((r) => r.version).join(', ')}). Check its value: it must be exactly the secret used before.`,
          );
        }
        version = await register(secret);
      }
      keys.set(version, deriveNoteKey(secret, version));
    }
    const current = versionOf(secrets.current) ?? (await register(secrets.current));
    keys.set(current, deriveNoteKey(secrets.current, current));
    return { current, keys };
  });
}

/** The key of `version`, or a clear error naming what to configure. */
export function keyFor(keyring: NoteKeyring, version: number): Buffer {
  const key = keyring.keys.get(version);
  if (!key) {
    throw new NoteKeyError(
      `Private notes under key version ${version} cannot be read: the secret of that version is not configured. ` +
        `Set TAIWA_SECRET_PREVIOUS (or the data directory's secret.previous file) to the secret used before, then run npm run keys:rotate.`,
    );
  }
  return key;
}

/** The keyring of a running process, loaded once on first use (start-up loads it to fail fast). */
export interface NoteKeys {
  get(): Promise<NoteKeyring>;
}

export function noteKeysFor(db: Db, secrets: NoteSecrets): NoteKeys {
  let loading: Promise<NoteKeyring> | null = null;
  return {
    get() {
      loading ??= loadNoteKeyring(db, secrets).catch((e: unknown) => {
        loading = null;
        throw e;
      });
      return loading;
    },
  };
}

/** The recorded key versions that the configured secrets open (read-only: records nothing). */
export async function versionsHeld(db: Db, secrets: NoteSecrets): Promise<Set<number>> {
  const recorded = await db.select({ version: noteKeys.version, check: noteKeys.check }).from(noteKeys);
  const held = new Set<number>();
  for (const secret of [secrets.current, ...secrets.previous]) {
    const check = secretCheck(secret.trim());
    const match = recorded.find((r) => r.check.length === check.length && timingSafeEqual(r.check, check));
    if (match) held.add(match.version);
  }
  return held;
}
