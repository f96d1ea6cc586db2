import { eq, inArray } from 'drizzle-orm';
import Encoding from 'encoding-japanese';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportAnalysis, ImportMapping, ImportProgressEvent, ImportReport } from '../../../domain/employeeImport.js';
import { applyImport } from '../../commands/importEmployees.js';
import { departments, employees, user } from '../../db/schema.js';
import { call, signIn, testApp, TEST_BASE_URL } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, japanese } from '../../test/expect.js';
import { buildOrganisation, signInAll, TEST_PASSWORD, uniqueTag, type Organisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { databaseSnapshot } from '../../test/snapshot.js';

const HEADER = ['社員番号', '氏', '名', 'ｾｲ', 'ﾒｲ', 'メール', '役職', '所属', '上司社員番号'];
/** The mapping the file's headers are guessed to (the HR software's names, not the export's). */
const MAPPING: ImportMapping = {
  employeeNumber: '社員番号',
  familyName: '氏',
  givenName: '名',
  familyNameKana: 'ｾｲ',
  givenNameKana: 'ﾒｲ',
  email: 'メール',
  title: '役職',
  department: '所属',
  managerEmployeeNumber: '上司社員番号',
};

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: string[][]) => rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
const cp932 = (text: string) => Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' })).toString('base64');
const utf8 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const families = ['髙橋', '渡邊', '佐藤', '齋藤', '山﨑'];
const familyKana = ['ﾀｶﾊｼ', 'ﾜﾀﾅﾍﾞ', 'ｻﾄｳ', 'ｻｲﾄｳ', 'ﾔﾏｻﾞｷ'];
const givens = ['一郎', '花子', '翔太', '陽菜', '誠'];
const givenKana = ['ｲﾁﾛｳ', 'ﾊﾅｺ', 'ｼｮｳﾀ', 'ﾋﾅ', 'ﾏｺﾄ'];

/**
 * `n` employees as a payroll system exports them: kanji names (with CP932-only characters),
 * half-width kana, a department tree, everyone reporting to the row above their group's head.
 */
function people(n: number, tag: string, topManager = ''): string[][] {
  const rows: string[][] = [];
  for (let i = 1; i <= n; i++) {
    const k = i % families.length;
    const manager = i === 1 ? topManager : i <= 10 ? `${tag}-1` : `${tag}-${1 + (i % 10)}`;
    const dept = i === 1 ? `本社${tag}` : `本社${tag} > 営業部${i % 3} > 第${(i % 2) + 1}課`;
    rows.push([`${tag}-${i}`, families[k]!, givens[k]!, familyKana[k]!, givenKana[k]!, `p${i}.${tag}@example.test`, i === 1 ? '社長' : '', dept, manager]);
  }
  return rows;
}

async function readLines(text: string): Promise<ImportProgressEvent[]> {
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ImportProgressEvent);
}

/** The last event of an apply's progress stream. */
function events(res: { text: string }): ImportProgressEvent | undefined {
  return res.text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ImportProgressEvent)
    .at(-1);
}

describe.skipIf(noDatabase)('employee CSV import and export', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let services: ReturnType<typeof testApp>['services'];
  let org: Organisation;
  let admin: string;

  beforeAll(async () => {
    ({ app, services } = testApp(database));
    org = await buildOrganisation(database.db, services.auth);
    admin = await signIn(app, org.admin.email, TEST_PASSWORD);
  });

  const post = <T>(step: 'analyse' | 'dry-run' | 'apply', body: unknown, lang = 'ja', cookie = admin) =>
    call<T>(app, 'POST', `/api/admin/employee-import/${step}`, { cookie, body, lang });

  it('a CP932 file with kanji and half-width kana: detected, mapped, checked, then applied with progress', async () => {
    const tag = `i${uniqueTag()}`;
    const file = cp932(csv([HEADER, ...people(30, tag, org.skipLevel.employeeNumber)]));

    const analysed = await post<ImportAnalysis>('analyse', { file });
    expect(analysed.status).toBe(200);
    expect(analysed.body).toMatchObject({ encoding: 'shift_jis', headers: HEADER, rowCount: 30, mapping: MAPPING });
    expect(analysed.body.sample[0]).toEqual([`${tag}-1`, '渡邊', '花子', 'ﾜﾀﾅﾍﾞ', 'ﾊﾅｺ', `p1.${tag}@example.test`, '社長', `本社${tag}`, org.skipLevel.employeeNumber]);

    const before = await databaseSnapshot(database.db);
    const dry = await post<ImportReport>('dry-run', { file, mapping: MAPPING });
    expect(dry.status).toBe(200);
    expect(await databaseSnapshot(database.db)).toEqual(before);
    expect(dry.body).toMatchObject({ encoding: 'shift_jis', rowCount: 30, canApply: true, counts: { create: 30, update: 0, unchanged: 0, error: 0 } });
    expect(dry.body.newDepartments).toEqual(expect.arrayContaining([`本社${tag}`, `本社${tag} > 営業部0`, `本社${tag} > 営業部1 > 第1課`]));
    const first = dry.body.rows[0]!;
    expect(first).toMatchObject({ row: 2, status: 'create', email: `p1.${tag}@example.test`, name: '渡邊 花子', problems: [] });
    expect(first.notes.map((n) => n.code)).toEqual(['kanaNormalised', 'kanaNormalised', 'newDepartment']);
    expect(first.notes[0]!.message).toContain('ﾜﾀﾅﾍﾞ → ワタナベ');

    const applied = await post<null>('apply', { file, mapping: MAPPING });
    expect(applied.status).toBe(200);
    expect(applied.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const events = await readLines(applied.text);
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress[0]).toMatchObject({ done: 0 });
    expect(progress.at(-1)).toMatchObject({ done: progress.at(-1)!.total });
    expect(events.at(-1)).toMatchObject({ type: 'done', created: 30, updated: 0 });

    const stored = await database.db.select().from(employees).where(eq(employees.email, `p1.${tag}@example.test`));
    expect(stored[0]).toMatchObject({ familyName: '渡邊', givenName: '花子', familyNameKana: 'ワタナベ', givenNameKana: 'ハナコ', title: '社長', managerId: org.skipLevel.id });
    const [second] = await database.db.select().from(employees).where(eq(employees.email, `p2.${tag}@example.test`));
    expect(second!.managerId).toBe(stored[0]!.id);
    const [dept] = await database.db.select().from(departments).where(eq(departments.id, second!.departmentId!));
    expect(dept!.name).toBe('第1課');
    // No password: the person signs in once an admin sets one (as for employees created without one).
    const signInUser = await database.db.select().from(user).where(eq(user.id, stored[0]!.userId!));
    expect(signInUser[0]).toMatchObject({ email: `p1.${tag}@example.test`, name: '渡邊 花子' });

    // The mapping is remembered: the next file with these headers gets it without guessing.
    const again = await post<ImportAnalysis>('analyse', { file });
    expect(again.body).toMatchObject({ mappingRemembered: true, mapping: MAPPING });
    // Importing the same file again changes nothing.
    const repeat = await post<ImportReport>('dry-run', { file, mapping: MAPPING });
    expect(repeat.body.counts).toEqual({ create: 0, update: 0, unchanged: 30, error: 0 });
  });

  it('a row without an e-mail address makes an employee without sign-in; a later file gives the address by employee number', async () => {
    const tag = `n${uniqueTag()}`;
    const row = (email: string) => [`${tag}-1`, '現場', '花子', 'ｹﾞﾝﾊﾞ', 'ﾊﾅｺ', email, '', '', org.skipLevel.employeeNumber];
    const first = utf8(csv([HEADER, row('')]));
    const dry = await post<ImportReport>('dry-run', { file: first, mapping: MAPPING });
    expect(dry.body).toMatchObject({ canApply: true, counts: { create: 1, update: 0, unchanged: 0, error: 0 } });
    expect(events(await post<null>('apply', { file: first, mapping: MAPPING }))).toMatchObject({ type: 'done', created: 1 });
    const [created] = await database.db.select().from(employees).where(eq(employees.employeeNumber, `${tag}-1`));
    expect(created).toMatchObject({ email: null, userId: null, familyNameKana: 'ゲンバ', managerId: org.skipLevel.id });
    // The same file again is no change (the row is that employee, found by number).
    expect((await post<ImportReport>('dry-run', { file: first, mapping: MAPPING })).body.counts).toEqual({ create: 0, update: 0, unchanged: 1, error: 0 });
    // The export writes an empty address, and reads back as no change.
    const exported = await app.request('/api/admin/employee-export?encoding=utf-8', { headers: { cookie: admin, origin: TEST_BASE_URL } });
    const exportFile = Buffer.from(await exported.arrayBuffer());
    expect(exportFile.toString('utf8')).toContain(`${tag}-1,現場,花子,ゲンバ,ハナコ,,`);
    const exportMapping = (await post<ImportAnalysis>('analyse', { file: exportFile.toString('base64') })).body.mapping;
    const readBack = await post<ImportReport>('dry-run', { file: exportFile.toString('base64'), mapping: exportMapping });
    expect(readBack.body.counts).toMatchObject({ create: 0, update: 0, error: 0 });

    const second = utf8(csv([HEADER, row(`hanako.${tag}@example.test`)]));
    expect((await post<ImportReport>('dry-run', { file: second, mapping: MAPPING })).body.counts).toEqual({ create: 0, update: 1, unchanged: 0, error: 0 });
    expect(events(await post<null>('apply', { file: second, mapping: MAPPING }))).toMatchObject({ type: 'done', created: 0, updated: 1 });
    const [updated] = await database.db.select().from(employees).where(eq(employees.id, created!.id));
    expect(updated!.email).toBe(`hanako.${tag}@example.test`);
    const [signInUser] = await database.db.select().from(user).where(eq(user.id, updated!.userId!));
    expect(signInUser).toMatchObject({ email: `hanako.${tag}@example.test`, name: '現場 花子' });
    // An address, once there, is not taken away by a row without one: that row is refused.
    const third = await post<ImportReport>('dry-run', { file: first, mapping: MAPPING });
    expect(third.body.counts.error).toBe(1);
  });

  it('a reporting cycle is refused with its rows named, in the dry run and on apply; nothing is written', async () => {
    const tag = `c${uniqueTag()}`;
    const rows = people(4, tag);
    rows[1]![8] = `${tag}-4`; // row 3 reports to row 5
    rows[3]![8] = `${tag}-2`; // row 5 reports to row 3
    // A stored manager who would come to report to their own report: partner → self (row 6) → partner.
    rows.push(['X', '鈴木', '翔太', 'スズキ', 'ショウタ', org.self.email, '', '', org.partner.employeeNumber]);
    rows.push([org.partner.employeeNumber, '田中', '美咲', 'タナカ', 'ミサキ', org.partner.email, '部長', '', 'X']);
    rows[4]![0] = org.self.employeeNumber;
    rows[5]![8] = org.self.employeeNumber;
    const file = utf8(csv([HEADER, ...rows]));
    const before = await databaseSnapshot(database.db);

    const dry = await post<ImportReport>('dry-run', { file, mapping: MAPPING });
    expect(dry.status).toBe(200);
    expect(dry.body.canApply).toBe(false);
    const problem = (row: number) => dry.body.rows.find((r) => r.row === row)!.problems.find((p) => p.code === 'reportingCycle')?.message;
    expect(problem(3)).toBe('報告ラインが循環しています: 3行目 → 5行目 → 3行目');
    expect(problem(5)).toBe(problem(3));
    expect(problem(6)).toMatch(/6行目 → 7行目 → 6行目|7行目 → 6行目 → 7行目/);
    expect(problem(2)).toBeUndefined();
    expect(problem(4)).toBeUndefined();

    const refused = await post('apply', { file, mapping: MAPPING }, 'en');
    const error = expectError(refused, 409, 'conflict');
    expect(error.message).toBe('4 rows have problems, so nothing was imported (rows: 3, 5, 6, 7). Fix them in the file and check it again.');
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('duplicate e-mails, an unknown manager, bad kana and a taken employee number are reported per row', async () => {
    const tag = `d${uniqueTag()}`;
    const rows = people(5, tag);
    rows[2]![5] = rows[1]![5]!; // rows 3 and 4 share an e-mail
    rows[3]![8] = 'NOBODY-1'; // row 5: unknown manager
    rows[4]![3] = 'Suzuki'; // row 6: kana in Latin letters
    rows.push([org.hr.employeeNumber, '新人', '太郎', 'シンジン', 'タロウ', `new.${tag}@example.test`, '', '', '']);
    const report = await post<ImportReport>('dry-run', { file: utf8(csv([HEADER, ...rows])), mapping: MAPPING }, 'en');
    expect(report.status).toBe(200);
    const codes = Object.fromEntries(report.body.rows.map((r) => [r.row, r.problems.map((p) => p.code)]));
    expect(codes).toEqual({ 2: [], 3: ['duplicateEmail'], 4: ['duplicateEmail'], 5: ['unknownManager'], 6: ['badKana'], 7: ['employeeNumberTaken'] });
    const message = (row: number) => report.body.rows.find((r) => r.row === row)!.problems[0]!.message;
    expect(message(3)).toBe(`The email p2.${tag}@example.test appears more than once in the file (rows: 3, 4).`);
    expect(message(5)).toBe('The manager “NOBODY-1” is neither in the file nor among the employees.');
    expect(message(6)).toBe('Family name (kana): Use katakana or hiragana.');
    expect(message(7)).toBe(`The employee number ${org.hr.employeeNumber} already belongs to 岡田 奈々.`);
    expect(report.body.counts).toEqual({ create: 1, update: 0, unchanged: 0, error: 5 });
    expect(report.body.canApply).toBe(false);
  });

  it('applies all or nothing: a failure after the first batch leaves no trace', async () => {
    const tag = `a${uniqueTag()}`;
    const file = utf8(csv([HEADER, ...people(1500, tag)]));
    const before = await databaseSnapshot(database.db);
    const seen: number[] = [];
    await expect(
      applyImport({
        db: database.db,
        input: { file, mapping: MAPPING },
        locale: 'ja',
        onProgress: (done) => {
          seen.push(done);
          // Users and the first 1,000 employees are written by now.
          if (done > 2000) throw new Error('connection lost');
        },
      }),
    ).rejects.toThrow('connection lost');
    expect(seen.length).toBeGreaterThan(2);
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('an export reads back as no change, in UTF-8 with BOM and in Shift_JIS', async () => {
    for (const encoding of ['utf-8', 'shift_jis'] as const) {
      const res = await app.request(`/api/admin/employee-export?encoding=${encoding}`, { headers: { cookie: admin, origin: TEST_BASE_URL } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="employees-\d{4}-\d{2}-\d{2}(-sjis)?\.csv"$/);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(encoding === 'utf-8');
      const file = bytes.toString('base64');
      const analysed = await post<ImportAnalysis>('analyse', { file });
      expect(analysed.body.encoding).toBe(encoding === 'utf-8' ? 'utf-8-bom' : 'shift_jis');
      expect(Object.keys(analysed.body.mapping).sort()).toEqual(
        ['employeeNumber', 'familyName', 'givenName', 'familyNameKana', 'givenNameKana', 'email', 'title', 'department', 'managerEmail', 'managerEmployeeNumber'].sort(),
      );
      const dry = await post<ImportReport>('dry-run', { file, mapping: analysed.body.mapping });
      expect(dry.body.rowCount).toBeGreaterThan(5);
      expect(dry.body.counts).toEqual({ create: 0, update: 0, unchanged: dry.body.rowCount, error: 0 });
      expect(dry.body.newDepartments).toEqual([]);
    }
  });

  it('refuses bad files with a message in the caller’s language and changes nothing', async () => {
    const before = await databaseSnapshot(database.db);
    const cases: [string, string, number][] = [
      ['not CSV', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]).toString('base64'), 400],
      ['unknown encoding', Buffer.from([0x61, 0x2c, 0x81, 0x20, 0x0a]).toString('base64'), 400],
      ['no rows', utf8(`${HEADER.join(',')}\r\n\r\n`), 400],
      ['broken quoting', utf8('a,b\r\n"x,1\r\n'), 400],
      ['too large', Buffer.alloc(5 * 1024 * 1024 + 1, 0x61).toString('base64'), 413],
    ];
    for (const [name, file, status] of cases) {
      for (const lang of ['ja', 'en']) {
        const res = await post('analyse', { file }, lang);
        expect(res.status, name).toBe(status);
        const message = res.status === 413 ? (res.body as { error: { message: string } }).error.message : expectError(res, status, 'validation').message;
        if (lang === 'ja') expect(message, name).toMatch(japanese);
        else expect(message, name).not.toMatch(japanese);
      }
    }
    const ja = await post('analyse', { file: Buffer.from([0x61, 0x2c, 0x81, 0x20, 0x0a]).toString('base64') });
    expect(expectError(ja, 400, 'validation').message).toBe('ファイルの文字コードを判別できません。UTF-8 または Shift_JIS(CP932)のCSVファイルを選んでください。');
    const missing = await post('dry-run', { file: utf8(csv([HEADER, ...people(1, 'm')])), mapping: { ...MAPPING, email: undefined } }, 'en');
    expect(expectError(missing, 400, 'validation').message).toBe('Choose a column for each required field: Email');
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('only admins may import or export', async () => {
    const cookies = await signInAll(app, org);
    const file = utf8(csv([HEADER, ...people(1, `z${uniqueTag()}`)]));
    for (const rel of ['self', 'partner', 'hr'] as const) {
      expect((await post('dry-run', { file, mapping: MAPPING }, 'ja', cookies[rel])).status).toBe(403);
      expect((await call(app, 'GET', '/api/admin/employee-export', { cookie: cookies[rel] })).status).toBe(403);
    }
  });

  it('10,000 CP932 rows: dry run, then apply in batches with progress', { timeout: 180_000 }, async () => {
    const tag = `b${uniqueTag()}`;
    const file = cp932(csv([HEADER, ...people(10_000, tag)]));
    let started = performance.now();
    const dry = await post<ImportReport>('dry-run', { file, mapping: MAPPING });
    const dryMs = Math.round(performance.now() - started);
    expect(dry.body.counts).toEqual({ create: 10_000, update: 0, unchanged: 0, error: 0 });
    started = performance.now();
    const applied = await post<null>('apply', { file, mapping: MAPPING });
    const applyMs = Math.round(performance.now() - started);
    const events = await readLines(applied.text);
    expect(events.filter((e) => e.type === 'progress').length).toBeGreaterThan(20);
    const done = events.at(-1)!;
    expect(done).toMatchObject({ type: 'done', created: 10_000 });
    const stored = await database.db
      .select({ id: employees.id })
      .from(employees)
      .where(inArray(employees.email, [`p1.${tag}@example.test`, `p10000.${tag}@example.test`]));
    expect(stored).toHaveLength(2);
    console.info(`10,000 rows: dry run ${dryMs} ms, apply ${applyMs} ms (transaction ${done.type === 'done' ? done.ms : '?'} ms)`);
  });
});
