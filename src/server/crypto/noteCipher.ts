import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** The first key version; which version is current is recorded in `note_keys` (ADR 0211, `noteKeys.ts`). */
export const NOTE_KEY_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The 256-bit key of private notes (SPEC §2: encrypted at rest with a key kept outside the
 * database), derived with HKDF-SHA256 from a server secret; each key version has its own key (ADR 0211).
 */
export function deriveNoteKey(secret: string, version = NOTE_KEY_VERSION): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.from('taiwa/private-notes', 'utf8'), Buffer.from(`v${version}`, 'utf8'), 32));
}

/** Binds a ciphertext to its row: a note copied onto another meeting or author does not decrypt. */
const aad = (context: { meetingId: string; authorId: string }) => Buffer.from(`private-note:${context.meetingId}:${context.authorId}`, 'utf8');

/** AES-256-GCM: returns IV ‖ ciphertext ‖ tag. */
export function encryptNote(key: Buffer, plaintext: string, context: { meetingId: string; authorId: string }): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(context));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

/** Decrypts IV ‖ ciphertext ‖ tag; throws when anything was altered. */
export function decryptNote(key: Buffer, stored: Buffer, context: { meetingId: string; authorId: string }): string {
  if (stored.length < IV_BYTES + TAG_BYTES) throw new Error('private note ciphertext is too short');
  const iv = stored.subarray(0, IV_BYTES);
  const tag = stored.subarray(stored.length - TAG_BYTES);
  const body = stored.subarray(IV_BYTES, stored.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad(context));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
}
