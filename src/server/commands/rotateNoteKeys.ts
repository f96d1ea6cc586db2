import { and, asc, count, eq, ne } from 'drizzle-orm';
import { decryptNote, encryptNote } from '../crypto/noteCipher.js';
import { keyFor, NoteKeyError, type NoteKeyring } from '../crypto/noteKeys.js';
import type { Db } from '../db/client.js';
import { privateNotes } from '../db/schema.js';

export interface RotationProgress {
  /** Notes re-encrypted so far in this run. */
  done: number;
  /** Notes that were on an older key version when the run began. */
  total: number;
}

export interface RotationResult extends RotationProgress {
  /** Notes still on an older version at the end (busy rows, or written by a process with the old secret): run again. */
  remaining: number;
}

const onOlderVersion = (keyring: NoteKeyring) => ne(privateNotes.keyVersion, keyring.current);

/**
 * Re-encrypts every private note that is not on the current key version (ADR 0211), `batchSize` rows
 * per transaction. Safe while servers run: each batch locks its rows (`for update skip locked`, so a
 * note being saved right now is left for a later batch) and the update compares the version it read,
 * so a save is never overwritten with older text. Resumable and idempotent: it only ever picks rows
 * still on an older version, so a second run finds nothing. Before touching anything it checks that
 * every older version in use has its key and that the key opens that version's notes.
 */
export async function rotateNoteKeys(props: {
  db: Db;
  keyring: NoteKeyring;
  batchSize?: number;
  onProgress?: (p: RotationProgress) => void | Promise<void>;
}): Promise<RotationResult> {
  const { db, keyring, batchSize = 500, onProgress } = props;
  const versions = await db
    .select({ version: privateNotes.keyVersion, n: count() })
    .from(privateNotes)
    .where(onOlderVersion(keyring))
    .groupBy(privateNotes.keyVersion);
  const total = versions.reduce((sum, v) => sum + v.n, 0);
  for (const { version, n } of versions) {
    const key = keyFor(keyring, version);
    const [sample] = await db.select().from(privateNotes).where(eq(privateNotes.keyVersion, version)).limit(1);
    if (!sample) continue;
    try {
      decryptNote(key, sample.ciphertext, { meetingId: sample.meetingId, authorId: sample.authorId });
    } catch {
      throw new NoteKeyError(
        `The secret configured for private-note key version ${version} does not open its notes (${n} of them): it is not the secret that wrote them. Nothing was changed.`,
      );
    }
  }
  let done = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(privateNotes)
        .where(onOlderVersion(keyring))
        .orderBy(asc(privateNotes.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      const current = keyFor(keyring, keyring.current);
      for (const row of rows) {
        const context = { meetingId: row.meetingId, authorId: row.authorId };
        let text: string;
        try {
          text = decryptNote(keyFor(keyring, row.keyVersion), row.ciphertext, context);
        } catch (e) {
          if (e instanceof NoteKeyError) throw e;
          throw new NoteKeyError(`The private note ${row.id} (key version ${row.keyVersion}) does not decrypt with its key; this batch was rolled back.`);
        }
        await tx
          .update(privateNotes)
          .set({ ciphertext: encryptNote(current, text, context), keyVersion: keyring.current, updatedAt: row.updatedAt }) // the author's text did not change
          .where(and(eq(privateNotes.id, row.id), eq(privateNotes.keyVersion, row.keyVersion)));
      }
      return rows.length;
    });
    if (batch === 0) break;
    done += batch;
    await onProgress?.({ done, total });
  }
  const [left] = await db.select({ n: count() }).from(privateNotes).where(onOlderVersion(keyring));
  return { done, total, remaining: left?.n ?? 0 };
}
