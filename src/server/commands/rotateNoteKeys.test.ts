import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/roles.js';
import { loadNoteKeyring, NoteKeyError, type NoteKeyring } from '../crypto/noteKeys.js';
import { noteKeys, privateNotes } from '../db/schema.js';
import { AppError } from '../errors.js';
import { testApp } from '../test/app.js';
import { testDatabase, type TestDatabase } from '../test/database.js';
import { buildOrganisation } from '../test/factories.js';
import { noDatabase } from '../test/provided.js';
import { createSeries, meetingsOf } from '../test/series.js';
import { readPrivateNote, savePrivateNote } from './privateNotes.js';
import { rotateNoteKeys, type RotationProgress } from './rotateNoteKeys.js';

const secret = () => randomBytes(32).toString('base64url');

/**
 * Each scenario has its own database: five private notes of one author written under key version 1
 * (secret `s1`), and a sixth meeting without a note.
 */
function scenario() {
  const database = testDatabase();
  const s1 = secret();
  let author: Actor;
  let meetingIds: string[] = [];
  /** The text each meeting's note should hold now. */
  const expected = new Map<string, string>();
  const load = (current: string, previous: string[] = []) => loadNoteKeyring(database.db, { current, previous });
  const write = async (keyring: NoteKeyring, meetingId: string, body: string) => {
    await savePrivateNote({ db: database.db, keyring, actor: author, meetingId, body });
    expected.set(meetingId, body);
  };
  beforeAll(async () => {
    if (noDatabase) return;
    const { services } = testApp(database);
    const org = await buildOrganisation(database.db, services.auth);
    author = { employeeId: org.self.id, isHr: false, isAdmin: false, directReportIds: [] };
    const series = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    meetingIds = (await meetingsOf(database.db, series.id)).map((m) => m.id);
    expect(meetingIds.length).toBeGreaterThanOrEqual(6);
    const v1 = await load(s1);
    expect(v1.current).toBe(1);
    for (const [i, id] of meetingIds.slice(0, 5).entries()) await write(v1, id, `メモ${i}: 異動の希望をまだ言えていない`);
  });
  return {
    database: database as TestDatabase,
    s1,
    load,
    write,
    meeting: (i: number) => meetingIds[i]!,
    read: (keyring: NoteKeyring, meetingId: string) => readPrivateNote({ db: database.db, keyring, actor: author, meetingId }),
    rows: () => database.db.select().from(privateNotes).orderBy(asc(privateNotes.id)),
    versions: async () => (await database.db.select({ v: privateNotes.keyVersion }).from(privateNotes)).map((r) => r.v),
    async expectAllReadable(keyring: NoteKeyring) {
      for (const [meetingId, body] of expected) {
        expect((await readPrivateNote({ db: database.db, keyring, actor: author, meetingId })).body).toBe(body);
      }
    },
  };
}

describe.skipIf(noDatabase)('key rotation: v1 → v2 (ADR 0211)', () => {
  const t = scenario();

  it('notes written under v1 are read before and after rotating to v2, and only the newest key is needed afterwards', async () => {
    const s2 = secret();
    const v2 = await t.load(s2, [t.s1]);
    expect(v2.current).toBe(2);
    expect([...v2.keys.keys()].sort()).toEqual([1, 2]);
    await t.expectAllReadable(v2); // still on v1, read with the row's version
    const before = await t.rows();
    const progress: RotationProgress[] = [];
    const result = await rotateNoteKeys({ db: t.database.db, keyring: v2, batchSize: 2, onProgress: (p) => void progress.push(p) });
    expect(result).toEqual({ done: 5, total: 5, remaining: 0 });
    expect(progress).toEqual([
      { done: 2, total: 5 },
      { done: 4, total: 5 },
      { done: 5, total: 5 },
    ]);
    expect(await t.versions()).toEqual([2, 2, 2, 2, 2]);
    // New ciphertexts; the authors' "last edited" times untouched.
    const after = await t.rows();
    for (const [i, row] of after.entries()) {
      expect(row.ciphertext.equals(before[i]!.ciphertext)).toBe(false);
      expect(row.updatedAt.getTime()).toBe(before[i]!.updatedAt.getTime());
    }
    await t.expectAllReadable(await t.load(s2)); // the old secret is no longer needed
    // The old key alone opens nothing any more: a clear refusal, not garbage.
    const onlyOld = await t.load(t.s1);
    expect(onlyOld.current).toBe(1);
    await expect(t.read(onlyOld, t.meeting(0))).rejects.toMatchObject({ reason: 'errors.privateNoteUnreadable' });

    // Rotating again is a no-op.
    expect(await rotateNoteKeys({ db: t.database.db, keyring: await t.load(s2, [t.s1]) })).toEqual({ done: 0, total: 0, remaining: 0 });
    expect(await t.rows()).toEqual(after);
  });
});

describe.skipIf(noDatabase)('key rotation while notes are being saved', () => {
  const t = scenario();

  it('a note saved during rotation by a process still on the old secret is not lost', async () => {
    const s2 = secret();
    const v1 = await t.load(t.s1);
    const v2 = await t.load(s2, [t.s1]);
    let wrote = false;
    const result = await rotateNoteKeys({
      db: t.database.db,
      keyring: v2,
      batchSize: 2,
      onProgress: async () => {
        if (wrote) return;
        wrote = true;
        // After the first batch: a brand-new note and an edit of one already rotated, both under v1.
        const [rotated] = await t.database.db.select().from(privateNotes).where(eq(privateNotes.keyVersion, 2)).limit(1);
        await t.write(v1, t.meeting(5), '回転中に書いた新しいメモ');
        await t.write(v1, rotated!.meetingId, '回転中に書き直したメモ');
      },
    });
    expect(wrote).toBe(true);
    expect(result.remaining).toBe(0);
    expect(result.done).toBe(7); // 5 on v1 at the start, plus the two written under v1 during the run
    expect(await t.versions()).toEqual([2, 2, 2, 2, 2, 2]);
    await t.expectAllReadable(await t.load(s2));
  });
});

describe.skipIf(noDatabase)('key rotation racing saves', () => {
  const t = scenario();

  it('saves racing a rotation all survive with their latest text', async () => {
    const s2 = secret();
    const v1 = await t.load(t.s1);
    const v2 = await t.load(s2, [t.s1]);
    const saves = [0, 1, 2, 3, 4, 5].flatMap((i) => [`競合 ${i} 版A`, `競合 ${i} 版B`].map((body) => ({ id: t.meeting(i), body })));
    // Sequential per note (so the last write is known), concurrent with the rotation.
    const writer = (async () => {
      for (const { id, body } of saves) await t.write(v1, id, body);
    })();
    await Promise.all([rotateNoteKeys({ db: t.database.db, keyring: v2, batchSize: 1 }), writer]);
    // Whatever the writer left on v1 after the run is picked up by a second, resumed one.
    await rotateNoteKeys({ db: t.database.db, keyring: v2 });
    expect(await t.versions()).toEqual([2, 2, 2, 2, 2, 2]);
    for (const i of [0, 1, 2, 3, 4, 5]) expect((await t.read(await t.load(s2), t.meeting(i))).body).toBe(`競合 ${i} 版B`);
  });
});

describe.skipIf(noDatabase)('key rotation with a wrong or missing previous secret', () => {
  const t = scenario();

  it('a wrong previous secret is refused before anything is recorded', async () => {
    const recorded = await t.database.db.select().from(noteKeys);
    const attempt = t.load(secret(), ['not-the-secret-used-before']);
    await expect(attempt).rejects.toBeInstanceOf(NoteKeyError);
    await expect(attempt).rejects.toThrow(/previous secret #1 in TAIWA_SECRET_PREVIOUS matches none of the private-note key versions recorded/);
    await expect(t.load(secret(), [t.s1, 'typo'])).rejects.toThrow(/previous secret #2/);
    await expect(t.load(t.s1, [t.s1])).rejects.toThrow(/repeats the current secret/);
    expect(await t.database.db.select().from(noteKeys)).toEqual(recorded);
  });

  it('a missing previous secret stops the rotation naming the version, and reads refuse instead of returning garbage', async () => {
    const before = await t.rows();
    const forgotten = await t.load(secret()); // a new secret, the previous one not configured
    expect(forgotten.current).toBeGreaterThan(1);
    await expect(rotateNoteKeys({ db: t.database.db, keyring: forgotten })).rejects.toThrow(
      /key version 1 cannot be read: the secret of that version is not configured/,
    );
    const read = t.read(forgotten, t.meeting(0));
    await expect(read).rejects.toBeInstanceOf(AppError);
    await expect(read).rejects.toMatchObject({ reason: 'errors.privateNoteUnreadable', cause: expect.any(NoteKeyError) });
    expect(await t.rows()).toEqual(before);
  });

  it('a key that does not open its version is refused before any row changes', async () => {
    const v1 = await t.load(t.s1);
    const forged: NoteKeyring = { current: 99, keys: new Map([...v1.keys, [1, randomBytes(32)], [99, randomBytes(32)]]) };
    const before = await t.rows();
    await expect(rotateNoteKeys({ db: t.database.db, keyring: forged })).rejects.toThrow(/key version 1 does not open its notes \(5 of them\)/);
    expect(await t.rows()).toEqual(before);
  });
});

describe.skipIf(noDatabase)('key versions on the first start of an existing installation', () => {
  const database = testDatabase();

  it('records the previous secrets oldest first, then the current one', async () => {
    const [a, b, c] = [secret(), secret(), secret()];
    const ring = await loadNoteKeyring(database.db, { current: c, previous: [b, a] });
    expect(ring.current).toBe(3);
    const recorded = await database.db.select().from(noteKeys).orderBy(asc(noteKeys.version));
    expect(recorded.map((r) => r.version)).toEqual([1, 2, 3]);
    // Loading again records nothing, and the same secrets keep their versions.
    expect((await loadNoteKeyring(database.db, { current: b, previous: [a] })).current).toBe(2);
    expect(await database.db.select().from(noteKeys)).toHaveLength(3);
  });
});
