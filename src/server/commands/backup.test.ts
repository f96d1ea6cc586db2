import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/roles.js';
import { loadNoteKeyring } from '../crypto/noteKeys.js';
import { connect, type Database } from '../db/client.js';
import { departments } from '../db/schema.js';
import { testApp } from '../test/app.js';
import { cloneDatabase, testDatabase } from '../test/database.js';
import { buildOrganisation } from '../test/factories.js';
import { noDatabase } from '../test/provided.js';
import { createSeries, meetingsOf } from '../test/series.js';
import { backupDatabase, BackupError, readBackupHeader, restoreDatabase, rowCounts } from './backup.js';
import { readPrivateNote, savePrivateNote } from './privateNotes.js';

const NOTE = '評価面談の前に、昇格の話を切り出すか迷っている。';

describe.skipIf(noDatabase)('backup and restore of the database (ADR 0211)', () => {
  const source = testDatabase();
  const secret = randomBytes(32).toString('base64url');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taiwa-backup-test-'));
  const file = path.join(dir, 'taiwa.backup.gz');
  let author: Actor;
  let meetingId: string;
  let target: Database & { url: string };
  let header: Awaited<ReturnType<typeof backupDatabase>>;

  /** Every table's rows as one digest per table (content, not only counts). */
  const digests = async (db: Database) => {
    const { rows } = await db.pool.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by 1`);
    const out: Record<string, string | null> = {};
    for (const { name } of rows) {
      const r = await db.pool.query<{ d: string | null }>(`select md5(string_agg(to_jsonb(t)::text, ',' order by to_jsonb(t)::text)) as d from "${name}" t`);
      out[name] = r.rows[0]!.d;
    }
    return out;
  };

  beforeAll(async () => {
    if (noDatabase) return;
    const { services } = testApp(source);
    const org = await buildOrganisation(source.db, services.auth);
    const series = await createSeries(source.db, { managerId: org.partner.id, reportId: org.self.id });
    meetingId = (await meetingsOf(source.db, series.id))[0]!.id;
    author = { employeeId: org.self.id, isHr: false, isAdmin: false, directReportIds: [] };
    const keyring = await loadNoteKeyring(source.db, { current: secret, previous: [] });
    await savePrivateNote({ db: source.db, keyring, actor: author, meetingId, body: NOTE });
    header = await backupDatabase({ url: source.url, file });
    const url = await cloneDatabase();
    target = { ...connect(url, 2), url };
  });
  afterAll(async () => {
    await target?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores every row into a fresh database, and the private note decrypts with the same secret', async () => {
    const before = await rowCounts(source.url);
    expect(before.private_notes).toBe(1);
    expect(before.employees).toBeGreaterThan(0);
    expect(before.meetings).toBeGreaterThan(0);
    expect(header.tables).toEqual(before);
    // Data only: the secret is not in the file, nor the note's text.
    const raw = gunzipSync(readFileSync(file)).toString('utf8');
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain('昇格');

    // Into a fresh, migrated, empty database: the "wiped" one.
    const url = await cloneDatabase();
    const fresh = { ...connect(url, 2), url };
    try {
      expect(Object.values(await rowCounts(url)).every((n) => n === 0)).toBe(true);
      expect(await restoreDatabase({ url, file })).toEqual(before);
      expect(await rowCounts(url)).toEqual(before);
      expect(await digests(fresh)).toEqual(await digests(source));

      const keyring = await loadNoteKeyring(fresh.db, { current: secret, previous: [] });
      expect(keyring.current).toBe(1); // the restored note_keys row names the same secret
      expect((await readPrivateNote({ db: fresh.db, keyring, actor: author, meetingId })).body).toBe(NOTE);
    } finally {
      await fresh.close();
    }
  });

  it('restoring again replaces what the database holds now', async () => {
    await restoreDatabase({ url: target.url, file });
    await target.db.insert(departments).values({ name: `後から作った部署-${randomBytes(3).toString('hex')}` });
    await restoreDatabase({ url: target.url, file });
    expect(await rowCounts(target.url)).toEqual(await rowCounts(source.url));
  });

  it('a cut-off file, a file that is not a backup, or one from another schema version changes nothing', async () => {
    await restoreDatabase({ url: target.url, file });
    const before = await rowCounts(target.url);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');

    const cut = path.join(dir, 'cut.gz');
    writeFileSync(cut, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
    await expect(restoreDatabase({ url: target.url, file: cut })).rejects.toThrow(/cut off|damaged/);

    const notBackup = path.join(dir, 'not.gz');
    writeFileSync(notBackup, gzipSync('{"hello":"world"}\n'));
    await expect(restoreDatabase({ url: target.url, file: notBackup })).rejects.toThrow(/not a Taiwa backup/);
    const notGzip = path.join(dir, 'plain.txt');
    writeFileSync(notGzip, 'just text');
    await expect(restoreDatabase({ url: target.url, file: notGzip })).rejects.toBeInstanceOf(BackupError);

    const header = JSON.parse(lines[0]!) as { migrations: string[] };
    const older = path.join(dir, 'older.gz');
    writeFileSync(older, gzipSync([JSON.stringify({ ...header, migrations: header.migrations.slice(0, -1) }), ...lines.slice(1)].join('\n')));
    await expect(readBackupHeader(older)).resolves.toMatchObject({ format: 'taiwa-backup' });
    await expect(restoreDatabase({ url: target.url, file: older })).rejects.toThrow(/another schema version/);

    expect(await rowCounts(target.url)).toEqual(before);
  });
});
