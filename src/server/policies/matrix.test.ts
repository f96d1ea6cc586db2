import { beforeAll, describe, expect, it } from 'vitest';
import { goals, minutes } from '../db/schema.js';
import { call, testApp } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import { type Organisation, signedInOrganisation } from '../test/factories.js';
import { noDatabase } from '../test/provided.js';
import { createSeries, insertTopic, meetingsOf } from '../test/series.js';
import { databaseSnapshot } from '../test/snapshot.js';
import { authorisationMatrix, matrixRelations, type MatrixRelation } from './matrix.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

interface Operation {
  method: string;
  path: string;
  key: string;
}

describe.skipIf(noDatabase)('the authorisation matrix: every operation of the API document × every relation', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<MatrixRelation, string | null>;
  let operations: Operation[];
  let ids: Record<string, string>;

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    const meetingId = (await meetingsOf(database.db, s.id))[0]!.id;
    await database.db.insert(minutes).values({ meetingId, body: '## 議事録', status: 'shared', sharedAt: new Date(), sharedById: org.partner.id });
    const topicId = await insertTopic(database.db, { meetingId, authorId: org.self.id, title: '来期の目標', visibility: 'pair' });
    const [goal] = await database.db.insert(goals).values({ ownerId: org.self.id, kind: 'okr', title: '顧客満足度を上げる' }).returning({ id: goals.id });
    // The records the operations are aimed at: the report's own, by the first segment of the path.
    ids = {
      series: s.id,
      meetings: meetingId,
      topics: topicId,
      employees: org.self.id,
      departments: org.departments.team,
      goals: goal!.id,
    };
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path, key: `${m.toUpperCase()} ${path}` })),
    );
  });

  /** Required query parameters, by operation. */
  const queries: Record<string, string> = { 'GET /api/search': '?q=目標' };
  const urlOf = (op: Operation) =>
    op.path.replace(/^\/api\/([^/]+)\/\{id\}/, (_all, seg: string) => `/api/${seg}/${ids[seg] ?? UNKNOWN}`) + (queries[op.key] ?? '');

  it('every operation of the API document has a row (a new endpoint must say who may call it)', () => {
    const missing = operations.filter((op) => !(op.key in authorisationMatrix)).map((op) => op.key);
    expect(missing, `add these to src/server/policies/matrix.ts`).toEqual([]);
    const stale = Object.keys(authorisationMatrix).filter((k) => !operations.some((op) => op.key === k));
    expect(stale, 'rows for operations the API document no longer has').toEqual([]);
    expect(operations.length).toBeGreaterThan(60);
  });

  it('every read answers each relation exactly as declared', { timeout: 120_000 }, async () => {
    const wrong: string[] = [];
    // The live room's event stream never ends, so it cannot be read here: room.test.ts proves its
    // answer for every relation.
    // A secret feed token and a webhook's delivery log need values this organisation does not have:
    // notifications.test.ts and integrations.test.ts prove those answers for every relation.
    for (const op of operations.filter((o) => o.method === 'GET' && o.path !== '/api/meetings/{id}/events' && !urlOf(o).includes('{'))) {
      const allowed = authorisationMatrix[op.key] ?? [];
      for (const rel of matrixRelations) {
        const res = await call(app, 'GET', urlOf(op), { cookie: cookies[rel] });
        const ok = allowed.includes(rel)
          ? res.status >= 200 && res.status < 300
          : rel === 'anonymous'
            ? res.status === 401
            : res.status === 403 || res.status === 404;
        if (!ok) wrong.push(`${op.key} as ${rel}: ${res.status} (allowed: ${allowed.join(', ') || 'nobody'})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every write is refused for each relation not declared, and for anonymous with 401; nothing changes', { timeout: 120_000 }, async () => {
    const before = await databaseSnapshot(database.db);
    const wrong: string[] = [];
    let runs = 0;
    for (const op of operations.filter((o) => o.method !== 'GET')) {
      const allowed = authorisationMatrix[op.key] ?? [];
      for (const rel of matrixRelations.filter((r) => !allowed.includes(r))) {
        const res = await call(app, op.method, urlOf(op), { cookie: cookies[rel], body: {} });
        runs++;
        const refused = res.status >= 400 && res.status < 500;
        const anonymousOk = rel !== 'anonymous' || op.path === '/api/setup' || res.status === 401;
        if (!refused || !anonymousOk) wrong.push(`${op.key} as ${rel}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(runs).toBeGreaterThan(100);
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });
});
