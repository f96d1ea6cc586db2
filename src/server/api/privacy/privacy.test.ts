import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkInConsentVersion, type CheckInConsent, type PersonalDataExport } from '../../../domain/privacy.js';
import { account, auditEvents, checkInConsents, checkIns, employees, privateNotes, session, user } from '../../db/schema.js';
import { call, signIn, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { TEST_PASSWORD, type Organisation, signedInOrganisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, insertTopic, meetingsOf } from '../../test/series.js';
import { databaseSnapshot } from '../../test/snapshot.js';

type Relation = 'self' | 'partner' | 'otherReport' | 'skipLevel' | 'hr' | 'admin' | 'anonymous';
const relations: Relation[] = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];
const MY_NOTE = '自分だけのメモ:異動を考えている';
const PARTNER_NOTE = '上司のメモ:評価面談の前に確認';
const PARTNER_DRAFT = '上司の下書きトピック';

describe.skipIf(noDatabase)('personal data rights (APPI): export, consent to check-ins, anonymisation', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Relation, string | null>;
  let meetingIds: string[];

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    meetingIds = (await meetingsOf(database.db, s.id)).map((m) => m.id);
    await insertTopic(database.db, { meetingId: meetingIds[0]!, authorId: org.self.id, title: '来期の目標', visibility: 'pair' });
    await insertTopic(database.db, { meetingId: meetingIds[0]!, authorId: org.partner.id, title: PARTNER_DRAFT, visibility: 'private' });
    for (const [who, body] of [
      ['self', MY_NOTE],
      ['partner', PARTNER_NOTE],
    ] as const) {
      expect((await call(app, 'PUT', `/api/meetings/${meetingIds[0]}/private-note`, { cookie: cookies[who], body: { body } })).status).toBe(200);
    }
  });

  describe('consent to condition check-ins', () => {
    it('without consent the check-in is refused with a message in the reader’s language and nothing is stored', async () => {
      const before = await databaseSnapshot(database.db);
      const state = await call<CheckInConsent>(app, 'GET', '/api/me/check-in-consent', { cookie: cookies.self });
      expect(state.body).toMatchObject({ given: false, statementVersion: null, currentVersion: checkInConsentVersion });
      for (const lang of ['ja', 'en']) {
        const res = await call(app, 'PUT', `/api/meetings/${meetingIds[1]}/check-in`, { cookie: cookies.self, lang, body: { score: 2, comment: '頭痛が続いている' } });
        const error = expectError(res, 409, 'conflict');
        expect(error.message).toMatch(lang === 'ja' ? /同意/ : /consent/);
      }
      expect(await database.db.select().from(checkIns).where(eq(checkIns.reportId, org.self.id))).toEqual([]);
      expect(await databaseSnapshot(database.db)).toEqual(before);
      // The meeting itself still works without consent: the pair reads it as before.
      expect((await call(app, 'GET', `/api/meetings/${meetingIds[1]}`, { cookie: cookies.self })).status).toBe(200);
    });

    it('consent to an outdated statement or bad input is refused and changes nothing', async () => {
      const before = await databaseSnapshot(database.db);
      expectError(await call(app, 'PUT', '/api/me/check-in-consent', { cookie: cookies.self, body: { statementVersion: checkInConsentVersion + 1 } }), 409, 'conflict');
      expectFields(await call(app, 'PUT', '/api/me/check-in-consent', { cookie: cookies.self, lang: 'en', body: {} }), { statementVersion: expect.any(String) as unknown as string });
      expectError(await call(app, 'POST', '/api/me/check-in-consent/withdraw', { cookie: cookies.self, body: { deletePastCheckIns: false } }), 409, 'conflict');
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('consent is stored once with its time and statement version; then check-ins are stored; the audit log records it', async () => {
      const given = await call<CheckInConsent>(app, 'PUT', '/api/me/check-in-consent', { cookie: cookies.self, body: { statementVersion: checkInConsentVersion } });
      expect(given.status).toBe(200);
      expect(given.body).toMatchObject({ given: true, statementVersion: checkInConsentVersion, givenAt: expect.any(String) });
      // Consenting again keeps the one row.
      await call(app, 'PUT', '/api/me/check-in-consent', { cookie: cookies.self, body: { statementVersion: checkInConsentVersion } });
      const rows = await database.db.select().from(checkInConsents).where(eq(checkInConsents.employeeId, org.self.id));
      expect(rows.map((r) => [r.statementVersion, r.withdrawnAt])).toEqual([[checkInConsentVersion, null]]);
      for (const [i, score] of [
        [1, 2],
        [2, 4],
      ] as const) {
        expect((await call(app, 'PUT', `/api/meetings/${meetingIds[i]}/check-in`, { cookie: cookies.self, body: { score, comment: `コメント${i}` } })).status).toBe(200);
      }
      expect(await database.db.select().from(checkIns).where(eq(checkIns.reportId, org.self.id))).toHaveLength(2);
      const logged = await database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.subjectId, org.self.id), eq(auditEvents.action, 'checkInConsent.give')));
      expect(logged.length).toBeGreaterThanOrEqual(1);
    });

    it('withdrawing keeps past check-ins when asked to, and refuses new ones', async () => {
      const res = await call<CheckInConsent & { deletedCheckIns: number }>(app, 'POST', '/api/me/check-in-consent/withdraw', {
        cookie: cookies.self,
        body: { deletePastCheckIns: false },
      });
      expect(res.body).toMatchObject({ given: false, deletedCheckIns: 0, withdrawnAt: expect.any(String) });
      expect(await database.db.select().from(checkIns).where(eq(checkIns.reportId, org.self.id))).toHaveLength(2);
      expectError(await call(app, 'PUT', `/api/meetings/${meetingIds[3]}/check-in`, { cookie: cookies.self, body: { score: 3 } }), 409, 'conflict');
      expect(await database.db.select().from(checkIns).where(eq(checkIns.reportId, org.self.id))).toHaveLength(2);
    });

    it('withdrawing with deletion deletes every past check-in of the person (and nobody else’s)', async () => {
      await consentAndCheckIn('otherReportUntouched');
      await call(app, 'PUT', '/api/me/check-in-consent', { cookie: cookies.self, body: { statementVersion: checkInConsentVersion } });
      const res = await call<CheckInConsent & { deletedCheckIns: number }>(app, 'POST', '/api/me/check-in-consent/withdraw', {
        cookie: cookies.self,
        body: { deletePastCheckIns: true },
      });
      expect(res.body).toMatchObject({ given: false, deletedCheckIns: 2 });
      expect(await database.db.select().from(checkIns).where(eq(checkIns.reportId, org.self.id))).toEqual([]);
      const history = await database.db.select().from(checkInConsents).where(eq(checkInConsents.employeeId, org.self.id));
      expect(history.map((h) => [h.withdrawnAt !== null, h.pastDeleted])).toEqual([
        [true, false],
        [true, true],
      ]);
      // Consent can be given again later.
      await call(app, 'PUT', '/api/me/check-in-consent', { cookie: cookies.self, body: { statementVersion: checkInConsentVersion } });
      expect((await call(app, 'PUT', `/api/meetings/${meetingIds[1]}/check-in`, { cookie: cookies.self, body: { score: 3, comment: '寝不足' } })).status).toBe(200);
    });

    /** A second pair's check-in, to prove deletion touches only the person withdrawing. */
    async function consentAndCheckIn(_label: string) {
      const s2 = await createSeries(database.db, { managerId: org.partner.id, reportId: org.otherReport.id });
      const m2 = (await meetingsOf(database.db, s2.id))[0]!.id;
      await call(app, 'PUT', '/api/me/check-in-consent', { cookie: cookies.otherReport, body: { statementVersion: checkInConsentVersion } });
      expect((await call(app, 'PUT', `/api/meetings/${m2}/check-in`, { cookie: cookies.otherReport, body: { score: 5 } })).status).toBe(200);
      return m2;
    }

    it('nobody else’s check-ins were touched by the withdrawal', async () => {
      expect(await database.db.select().from(checkIns).where(eq(checkIns.reportId, org.otherReport.id))).toHaveLength(1);
    });
  });

  describe('export of one’s own data', () => {
    it('each signed-in person gets their own data and nobody else’s; anonymous is refused', async () => {
      for (const rel of relations) {
        const res = await call<PersonalDataExport>(app, 'GET', '/api/me/export', { cookie: cookies[rel] });
        if (rel === 'anonymous') {
          expectError(res, 401, 'unauthenticated');
          continue;
        }
        expect(res.status).toBe(200);
        expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="taiwa-personal-data-\d{4}-\d{2}-\d{2}\.json"$/);
        expect(res.body.profile.id).toBe(org[rel].id);
        const text = JSON.stringify(res.body);
        // The partner's private note and private draft are never anyone's export but the partner's.
        if (rel !== 'partner') expect(text).not.toContain(PARTNER_NOTE);
        if (rel !== 'partner') expect(text).not.toContain(PARTNER_DRAFT);
        if (rel !== 'self') expect(text).not.toContain(MY_NOTE);
        // Only people of a pair have series (otherReport has their own with the partner by now).
        expect(res.body.series.length > 0).toBe(rel === 'self' || rel === 'partner' || rel === 'otherReport');
      }
    });

    it('the report’s export holds their own private note decrypted, their topics, check-ins and consents', async () => {
      const res = await call<PersonalDataExport>(app, 'GET', '/api/me/export', { cookie: cookies.self });
      const first = res.body.series[0]!.meetings.find((m) => m.id === meetingIds[0])!;
      expect(first.myPrivateNote).toBe(MY_NOTE);
      expect(first.topics.map((t) => [t.title, t.author])).toEqual([['来期の目標', 'me']]);
      expect(res.body.series[0]!.meetings.find((m) => m.id === meetingIds[1])!.checkIn).toMatchObject({ score: 3, comment: '寝不足' });
      expect(res.body.checkInConsents.length).toBe(3);
      expect(res.body.series[0]).toMatchObject({ myRole: 'report', partner: { id: org.partner.id, familyName: org.partner.familyName } });
      const partner = await call<PersonalDataExport>(app, 'GET', '/api/me/export', { cookie: cookies.partner });
      const theirs = partner.body.series.find((s) => s.partner.id === org.self.id)!.meetings.find((m) => m.id === meetingIds[0])!;
      expect(theirs.myPrivateNote).toBe(PARTNER_NOTE);
      expect(theirs.topics.map((t) => t.title).sort()).toEqual(['来期の目標', PARTNER_DRAFT].sort());
    });

    it('the readable document is HTML in the person’s language, printable, and holds the same private note', async () => {
      for (const lang of ['ja', 'en'] as const) {
        const res = await app.request('/api/me/export.html', { headers: { cookie: cookies.self!, 'accept-language': lang } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        expect(res.headers.get('content-disposition')).toMatch(/\.html"$/);
        const html = await res.text();
        expect(html).toContain(`<html lang="${lang}">`);
        expect(html).toContain(lang === 'ja' ? '個人データの書き出し' : 'Personal data export');
        expect(html).toContain(MY_NOTE);
        expect(html).not.toContain(PARTNER_NOTE);
        expect(html).toContain('@media print');
      }
      const anonymous = await app.request('/api/me/export.html');
      expect(anonymous.status).toBe(401);
    });

    it('each export is recorded in the audit log (who, when; no content)', async () => {
      const rows = await database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.actorId, org.self.id), eq(auditEvents.action, 'personalData.export')));
      expect(rows.length).toBeGreaterThanOrEqual(4);
      expect(rows.every((r) => r.subjectId === org.self.id && r.targetId === null)).toBe(true);
    });
  });

  describe('anonymisation on request', () => {
    it('only an admin may anonymise; everyone else is refused and nothing changes', async () => {
      const before = await databaseSnapshot(database.db);
      for (const rel of relations.filter((r) => r !== 'admin')) {
        const res = await call(app, 'POST', `/api/employees/${org.otherReport.id}/anonymise`, {
          cookie: cookies[rel],
          body: { confirmName: `${org.otherReport.familyName} ${org.otherReport.givenName}` },
        });
        if (rel === 'anonymous') expectError(res, 401, 'unauthenticated');
        else expectError(res, 403, 'forbidden');
      }
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('a wrong confirmation name, an admin anonymising themselves and an unknown id are refused; nothing changes', async () => {
      const before = await databaseSnapshot(database.db);
      for (const lang of ['ja', 'en']) {
        const res = await call(app, 'POST', `/api/employees/${org.self.id}/anonymise`, { cookie: cookies.admin, lang, body: { confirmName: '別の 人' } });
        expectFields(res, { confirmName: lang === 'ja' ? '確認のため、対象の社員の氏名を表示どおりに入力してください。' : 'To confirm, type the employee’s name exactly as shown.' });
      }
      expectFields(await call(app, 'POST', `/api/employees/${org.self.id}/anonymise`, { cookie: cookies.admin, body: {} }), { confirmName: expect.any(String) as unknown as string });
      const self = await call(app, 'POST', `/api/employees/${org.admin.id}/anonymise`, { cookie: cookies.admin, body: { confirmName: `${org.admin.familyName} ${org.admin.givenName}` } });
      expectError(self, 409, 'conflict');
      expectError(await call(app, 'POST', '/api/employees/00000000-0000-4000-8000-000000000000/anonymise', { cookie: cookies.admin, body: { confirmName: 'x' } }), 404, 'not_found');
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('erases names, addresses, sign-in and personal free text; keeps numbers and shared content for the partner', async () => {
      const [ci] = await database.db.select().from(checkIns).where(eq(checkIns.reportId, org.self.id));
      const res = await call<{ id: string; anonymisedAt: string }>(app, 'POST', `/api/employees/${org.self.id}/anonymise`, {
        cookie: cookies.admin,
        body: { confirmName: `${org.self.familyName}  ${org.self.givenName}` },
      });
      expect(res.status).toBe(200);
      const [e] = await database.db.select().from(employees).where(eq(employees.id, org.self.id));
      expect(e).toMatchObject({ familyName: '', givenName: '', familyNameKana: '', givenNameKana: '', title: null, active: false, isAdmin: false });
      expect(e!.email).not.toContain(org.self.email.split('@')[0]);
      expect(e!.anonymisedAt).not.toBeNull();
      const [u] = await database.db.select().from(user).where(eq(user.id, org.self.userId));
      expect(u!.email).not.toBe(org.self.email);
      expect(u!.name).toBe('');
      expect(await database.db.select().from(session).where(eq(session.userId, org.self.userId))).toEqual([]);
      expect(await database.db.select().from(account).where(eq(account.userId, org.self.userId))).toEqual([]);
      expect(await database.db.select().from(privateNotes).where(eq(privateNotes.authorId, org.self.id))).toEqual([]);
      // The partner's own note is theirs and stays.
      expect(await database.db.select().from(privateNotes).where(eq(privateNotes.authorId, org.partner.id))).toHaveLength(1);
      const [after] = await database.db.select().from(checkIns).where(eq(checkIns.id, ci!.id));
      expect(after).toMatchObject({ score: ci!.score, comment: null });
      // The person can no longer sign in; their old session is gone.
      expect((await call(app, 'GET', '/api/me', { cookie: cookies.self })).status).toBe(401);
      await expect(signIn(app, org.self.email, TEST_PASSWORD)).rejects.toThrow();
      // The partner keeps the shared topic, the other side shown without a name.
      const partnerExport = await call<PersonalDataExport>(app, 'GET', '/api/me/export', { cookie: cookies.partner });
      const pairSeries = partnerExport.body.series.find((s) => s.partner.id === org.self.id)!;
      expect(pairSeries.partner).toEqual({ id: org.self.id, familyName: '', givenName: '' });
      expect(pairSeries.meetings.find((m) => m.id === meetingIds[0])!.topics.map((t) => t.title)).toContain('来期の目標');
      // The audit log keeps who did it and whom, never the erased name.
      const [logged] = await database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, 'employee.anonymise'), eq(auditEvents.subjectId, org.self.id)));
      expect(logged).toMatchObject({ actorId: org.admin.id, targetId: org.self.id });
      // It cannot be repeated (or undone).
      expectError(await call(app, 'POST', `/api/employees/${org.self.id}/anonymise`, { cookie: cookies.admin, body: { confirmName: ' ' } }), 400, 'validation');
      expectError(await call(app, 'POST', `/api/employees/${org.self.id}/anonymise`, { cookie: cookies.admin, body: { confirmName: 'x' } }), 409, 'conflict');
      const shown = await call<{ anonymised: boolean; abilities: Record<string, boolean> }>(app, 'GET', `/api/employees/${org.self.id}`, { cookie: cookies.admin });
      expect(shown.body).toMatchObject({ anonymised: true, abilities: { anonymise: false, update: false } });
    });
  });
});
