import { describe, expect, it } from 'vitest';
import { testApp } from '../test/app.js';
import { testDatabase } from '../test/database.js';
import { insertPeople } from '../test/factories.js';
import { noDatabase } from '../test/provided.js';
import { loadActor } from './actor.js';

describe.skipIf(noDatabase)('loadActor: who is calling, in one statement', () => {
  const database = testDatabase();

  it('gives the active employee’s flags and active direct reports as a list of ids; nobody for an inactive employee', async () => {
    const { auth } = testApp(database).services;
    const [boss] = await insertPeople(database.db, auth, [{ familyName: '上田', givenName: '健', isHr: true }]);
    const reports = await insertPeople(database.db, auth, [
      { familyName: '中村', givenName: '陽', managerId: boss!.id },
      { familyName: '松本', givenName: '葵', managerId: boss!.id },
      { familyName: '井上', givenName: '蒼', managerId: boss!.id, active: false },
    ]);
    const actor = await loadActor(database.db, boss!.userId);
    expect(actor).toEqual({ employeeId: boss!.id, isHr: true, isAdmin: false, directReportIds: expect.any(Array) });
    expect([...actor!.directReportIds].sort()).toEqual([reports[0]!.id, reports[1]!.id].sort());

    const report = await loadActor(database.db, reports[0]!.userId);
    expect(report).toEqual({ employeeId: reports[0]!.id, isHr: false, isAdmin: false, directReportIds: [] });
    expect(await loadActor(database.db, reports[2]!.userId)).toBeNull();
  });
});
