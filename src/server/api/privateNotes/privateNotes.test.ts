import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PrivateNote } from '../../../domain/followUp.js';
import { privateNotes } from '../../db/schema.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { type Organisation, signedInOrganisation } from '../../test/factories.js';
import { expectRefused, UNKNOWN_ID, type Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, meetingsOf } from '../../test/series.js';
import { databaseSnapshot } from '../../test/snapshot.js';

const SECRET_TEXT = '転職を考えている。上司にはまだ言えない。キャリアの悩み';

describe.skipIf(noDatabase)('private notes: the author only, encrypted at rest', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let meetingId: string;
  let secondMeeting: string;

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    [meetingId, secondMeeting] = (await meetingsOf(database.db, s.id)).map((m) => m.id) as [string, string];
    const saved = await call<PrivateNote>(app, 'PUT', `/api/meetings/${meetingId}/private-note`, { cookie: cookies.self, body: { body: SECRET_TEXT } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ meetingId, body: SECRET_TEXT, updatedAt: expect.any(String) });
  });

  it('the author reads it back and revises it', async () => {
    const res = await call<PrivateNote>(app, 'GET', `/api/meetings/${meetingId}/private-note`, { cookie: cookies.self });
    expect(res.body.body).toBe(SECRET_TEXT);
    const empty = await call<PrivateNote>(app, 'GET', `/api/meetings/${secondMeeting}/private-note`, { cookie: cookies.self });
    expect(empty.body).toEqual({ meetingId: secondMeeting, body: '', updatedAt: null });
  });

  it('the database holds only ciphertext (IV ‖ ciphertext ‖ tag, key version 1)', async () => {
    const [row] = await database.db
      .select()
      .from(privateNotes)
      .where(and(eq(privateNotes.meetingId, meetingId), eq(privateNotes.authorId, org.self.id)));
    expect(row!.keyVersion).toBe(1);
    expect(row!.ciphertext.length).toBe(12 + Buffer.byteLength(SECRET_TEXT) + 16);
    expect(row!.ciphertext.includes(Buffer.from(SECRET_TEXT))).toBe(false);
    expect(row!.ciphertext.includes(Buffer.from('転職'))).toBe(false);
    // Nothing anywhere in the database holds the text in the clear.
    const { rows } = await database.db.execute<{ n: number }>(
      sql`select count(*)::int as n from private_notes where position(convert_to('転職', 'UTF8') in ciphertext) > 0`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('the partner gets their own (separate) note and never the report’s', async () => {
    const mine = await call<PrivateNote>(app, 'GET', `/api/meetings/${meetingId}/private-note`, { cookie: cookies.partner });
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({ meetingId, body: '', updatedAt: null });
    const saved = await call<PrivateNote>(app, 'PUT', `/api/meetings/${meetingId}/private-note`, { cookie: cookies.partner, body: { body: '上司のメモ' } });
    expect(saved.body.body).toBe('上司のメモ');
    expect((await call<PrivateNote>(app, 'GET', `/api/meetings/${meetingId}/private-note`, { cookie: cookies.self })).body.body).toBe(SECRET_TEXT);
    // No other endpoint of the meeting carries it.
    for (const path of [`/api/meetings/${meetingId}`, `/api/meetings/${meetingId}/prep-brief`, `/api/search?q=${encodeURIComponent('転職')}`, '/api/home']) {
      const res = await call(app, 'GET', path, { cookie: cookies.partner });
      expect(res.text, path).not.toContain('転職');
    }
  });

  it.each(['otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'] as Viewer[])('%s cannot read or write a note of the meeting', async (viewer) => {
    const before = await databaseSnapshot(database.db);
    const get = await call(app, 'GET', `/api/meetings/${meetingId}/private-note`, { cookie: cookies[viewer] });
    expectRefused(viewer, get);
    expect(get.text).not.toContain('転職');
    expectRefused(viewer, await call(app, 'PUT', `/api/meetings/${meetingId}/private-note`, { cookie: cookies[viewer], body: { body: 'x' } }));
    const search = await call(app, 'GET', `/api/search?q=${encodeURIComponent('転職')}`, { cookie: cookies[viewer] });
    expect(search.text).not.toContain('転職を');
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('bad input is refused with field messages and writes nothing', async () => {
    const before = await databaseSnapshot(database.db);
    const put = (body: unknown, lang?: string) => call(app, 'PUT', `/api/meetings/${meetingId}/private-note`, { cookie: cookies.self, body, lang });
    expectFields(await put({ body: 'あ'.repeat(20_001) }), { body: '20000文字以内で入力してください。' });
    expectFields(await put({}, 'en'), { body: 'Required.' });
    expectFields(await put({ body: 42 }), { body: '形式が正しくありません。' });
    expectError(await put('{"body":'), 400, 'validation');
    expectError(await call(app, 'PUT', `/api/meetings/${UNKNOWN_ID}/private-note`, { cookie: cookies.self, body: { body: 'x' } }), 404, 'not_found');
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('tampering with the stored bytes, or moving them to another row, fails to decrypt (and reveals nothing)', async () => {
    const where = and(eq(privateNotes.meetingId, meetingId), eq(privateNotes.authorId, org.self.id));
    const [row] = await database.db.select().from(privateNotes).where(where);
    const tampered = Buffer.from(row!.ciphertext);
    tampered[20] = tampered[20]! ^ 0xff;
    await database.db.update(privateNotes).set({ ciphertext: tampered }).where(where);
    const res = await call(app, 'GET', `/api/meetings/${meetingId}/private-note`, { cookie: cookies.self });
    expect(expectError(res, 500, 'internal').message).toBe('自分用メモを復号できませんでした。管理者に連絡してください。');
    // The intact bytes copied onto the partner's row do not decrypt there either (bound to meeting and author).
    await database.db
      .update(privateNotes)
      .set({ ciphertext: row!.ciphertext })
      .where(and(eq(privateNotes.meetingId, meetingId), eq(privateNotes.authorId, org.partner.id)));
    const partner = await call(app, 'GET', `/api/meetings/${meetingId}/private-note`, { cookie: cookies.partner });
    expectError(partner, 500, 'internal');
    expect(partner.text).not.toContain('転職');
    // Saving again repairs it.
    await database.db.update(privateNotes).set({ ciphertext: row!.ciphertext }).where(where);
    expect((await call<PrivateNote>(app, 'GET', `/api/meetings/${meetingId}/private-note`, { cookie: cookies.self })).body.body).toBe(SECRET_TEXT);
  });
});
