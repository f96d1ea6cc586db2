import { and, eq } from 'drizzle-orm';
import type { PrivateNote } from '../../domain/followUp.js';
import type { Actor } from '../../domain/roles.js';
import { decryptNote, encryptNote } from '../crypto/noteCipher.js';
import { keyFor, type NoteKeyring } from '../crypto/noteKeys.js';
import type { Db } from '../db/client.js';
import { privateNotes } from '../db/schema.js';
import { AppError, NotFoundError } from '../errors.js';
import { followUpPolicy } from '../policies/followUp.js';
import { loadMeetingForPair } from '../policies/series.js';
import { meetingForChange } from './changeMeeting.js';

/**
 * The caller's own private note of a meeting (自分用メモ). There is no way to name another
 * person's note: the row is always the caller's, and the policy still checks it is theirs.
 */
export async function readPrivateNote(props: { db: Db; keyring: NoteKeyring | (() => Promise<NoteKeyring>); actor: Actor; meetingId: string }): Promise<PrivateNote> {
  const { db, keyring, actor, meetingId } = props;
  const row = await loadMeetingForPair(db, actor, meetingId);
  if (!row) throw new NotFoundError('errors.meetingNotFound');
  const [note] = await db
    .select()
    .from(privateNotes)
    .where(and(eq(privateNotes.meetingId, meetingId), eq(privateNotes.authorId, actor.employeeId)));
  if (!note) return { meetingId, body: '', updatedAt: null };
  if (!followUpPolicy.readPrivateNote(actor, { authorId: note.authorId, pair: row.s })) throw new NotFoundError('errors.meetingNotFound');
  // The keyring is loaded only when there is a note to open.
  const ring = typeof keyring === 'function' ? await keyring() : keyring;
  let body: string;
  try {
    // The key of the version the row was written under (ADR 0211); a version whose secret is not
    // configured fails here with the reason in the log, never as garbage.
    body = decryptNote(keyFor(ring, note.keyVersion), note.ciphertext, { meetingId, authorId: note.authorId });
  } catch (e) {
    throw Object.assign(new AppError('internal', 'errors.privateNoteUnreadable'), { cause: e });
  }
  return { meetingId, body, updatedAt: note.updatedAt.toISOString() };
}

/** Saves the caller's private note, encrypted (AES-256-GCM) before it reaches the database. */
export async function savePrivateNote(props: { db: Db; keyring: NoteKeyring; actor: Actor; meetingId: string; body: string }) {
  const { db, keyring, actor, meetingId, body } = props;
  const key = keyFor(keyring, keyring.current);
  await db.transaction(async (tx) => {
    await meetingForChange(tx, actor, meetingId);
    const ciphertext = encryptNote(key, body, { meetingId, authorId: actor.employeeId });
    await tx
      .insert(privateNotes)
      .values({ meetingId, authorId: actor.employeeId, ciphertext, keyVersion: keyring.current })
      .onConflictDoUpdate({
        target: [privateNotes.meetingId, privateNotes.authorId],
        set: { ciphertext, keyVersion: keyring.current, updatedAt: new Date() },
      });
  });
}
