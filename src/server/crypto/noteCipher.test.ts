import { describe, expect, it } from 'vitest';
import { decryptNote, deriveNoteKey, encryptNote } from './noteCipher.js';

const ctx = { meetingId: 'm-1', authorId: 'a-1' };

describe('private note cipher (AES-256-GCM, HKDF-SHA256 key)', () => {
  const key = deriveNoteKey('a-server-secret-of-enough-length-0123456789');

  it('derives a stable 32-byte key per secret and version', () => {
    expect(key).toHaveLength(32);
    expect(deriveNoteKey('a-server-secret-of-enough-length-0123456789').equals(key)).toBe(true);
    expect(deriveNoteKey('another-secret-of-enough-length-0123456789').equals(key)).toBe(false);
    expect(deriveNoteKey('a-server-secret-of-enough-length-0123456789', 2).equals(key)).toBe(false);
  });

  it('round-trips Japanese text; the stored bytes are IV ‖ ciphertext ‖ tag and never contain the text', () => {
    const text = '転職を考えている。上司には、まだ言えない。';
    const stored = encryptNote(key, text, ctx);
    expect(stored.length).toBe(12 + Buffer.byteLength(text) + 16);
    expect(stored.includes(Buffer.from(text))).toBe(false);
    expect(stored.includes(Buffer.from('転職'))).toBe(false);
    expect(decryptNote(key, stored, ctx)).toBe(text);
    // A fresh IV each time: the same text never encrypts to the same bytes.
    expect(encryptNote(key, text, ctx).equals(stored)).toBe(false);
  });

  it('fails on any altered byte, a wrong key, another row, or a truncated value', () => {
    const stored = encryptNote(key, 'メモ', ctx);
    for (const at of [0, 12, stored.length - 1]) {
      const tampered = Buffer.from(stored);
      tampered[at] = tampered[at]! ^ 0x01;
      expect(() => decryptNote(key, tampered, ctx)).toThrow();
    }
    expect(() => decryptNote(deriveNoteKey('another-secret-of-enough-length-0123456789'), stored, ctx)).toThrow();
    expect(() => decryptNote(key, stored, { ...ctx, authorId: 'a-2' })).toThrow();
    expect(() => decryptNote(key, stored, { ...ctx, meetingId: 'm-2' })).toThrow();
    expect(() => decryptNote(key, stored.subarray(0, 20), ctx)).toThrow();
  });
});
