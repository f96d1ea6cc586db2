import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Db } from '../db/client.js';
import { series, sharedNotes } from '../db/schema.js';
import { testApp } from '../test/app.js';
import { connect } from '../db/client.js';
import { testDatabase } from '../test/database.js';
import { buildOrganisation, insertPeople } from '../test/factories.js';
import { noDatabase } from '../test/provided.js';
import { createSeries, meetingsOf } from '../test/series.js';
import { EDITOR_FIELD } from './plainText.js';
import { GroupCommit, mergeDocuments, StoredDocuments, type DocumentUpdates } from './persistence.js';
import { meetingDocumentName } from './documentName.js';

/** A Yjs update appending one paragraph (as the editor writes it) to a fresh client's document. */
function paragraphUpdate(line: string): Uint8Array {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(line)]);
  doc.getXmlFragment(EDITOR_FIELD).insert(0, [paragraph]);
  return Y.encodeStateAsUpdate(doc);
}

describe.skipIf(noDatabase)('group commit of live documents (ADR 0219)', () => {
  const database = testDatabase();
  const meetingIds: string[] = [];
  let endedMeetingId: string;

  const storedText = async (ids: string[]) => {
    const rows = await database.db.select({ meetingId: sharedNotes.meetingId, text: sharedNotes.text }).from(sharedNotes).where(inArray(sharedNotes.meetingId, ids));
    return new Map(rows.map((r) => [r.meetingId, r.text]));
  };

  beforeAll(async () => {
    const { services } = testApp(database);
    const org = await buildOrganisation(database.db, services.auth);
    const reports = await insertPeople(
      database.db,
      services.auth,
      Array.from({ length: 12 }, (_, i) => ({ familyName: '部下', givenName: String(i), managerId: org.partner.id })),
    );
    for (const r of reports) {
      const s = await createSeries(database.db, { managerId: org.partner.id, reportId: r.id });
      meetingIds.push(...(await meetingsOf(database.db, s.id)).slice(0, 2).map((m) => m.id));
    }
    const ended = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    endedMeetingId = (await meetingsOf(database.db, ended.id))[0]!.id;
    await database.db.update(series).set({ status: 'ended' }).where(eq(series.id, ended.id));
  });

  it('concurrent updates of many documents share commits, and each is stored when it is acknowledged', async () => {
    const ids = meetingIds.slice(0, 12);
    // A second connection: what it reads is committed, not merely written in an open transaction.
    const reader = connect(database.url, 1);
    const batches: number[] = [];
    const commits = new GroupCommit((batch) => {
      batches.push(batch.length);
      return mergeDocuments(database.db, batch);
    });
    const missingAtAcknowledgement: string[] = [];
    try {
      await Promise.all(
        ids.flatMap((id) =>
          ['一行目', '二行目', '三行目'].map((line) =>
            commits.append(meetingDocumentName(id), paragraphUpdate(`${id}:${line}`)).then(async () => {
              const [row] = await reader.db.select({ text: sharedNotes.text }).from(sharedNotes).where(eq(sharedNotes.meetingId, id));
              if (!row?.text.split('\n').includes(`${id}:${line}`)) missingAtAcknowledgement.push(`${id}:${line}`);
            }),
          ),
        ),
      );
    } finally {
      await reader.close();
    }
    expect(missingAtAcknowledgement).toEqual([]);
    // The first append starts a commit at once; the other 35 updates of 12 documents wait for it and go together.
    expect(batches).toEqual([1, 12]);
    const stored = await storedText(ids);
    for (const id of ids) expect(stored.get(id)!.split('\n').sort()).toEqual([`${id}:一行目`, `${id}:三行目`, `${id}:二行目`]);
  });

  it('a failed commit acknowledges none of its updates and stores none of them', async () => {
    const ids = meetingIds.slice(12, 20);
    // The transaction does all its writes, then fails before COMMIT (as a lost connection or a
    // serialisation failure would): it rolls back.
    const failing = {
      transaction: (fn: (tx: unknown) => Promise<unknown>) =>
        database.db.transaction(async (tx) => {
          await fn(tx);
          throw new Error('commit failed');
        }),
    } as unknown as Db;
    let failNext = false;
    // One cache across the batches, as one process keeps it: a document the failed transaction
    // took out of it must not come back holding the rolled-back updates.
    const cache = new StoredDocuments();
    const commits = new GroupCommit((batch) => {
      const db = failNext ? failing : database.db;
      failNext = false;
      return mergeDocuments(db, batch, cache);
    });
    await commits.append(meetingDocumentName(ids[0]!), paragraphUpdate('前の行'));
    await commits.flush();
    // Hold the first commit so that every update lands in the second (failing) batch.
    const held = commits.append(meetingDocumentName(meetingIds[20]!), paragraphUpdate('先行'));
    failNext = true;
    const outcomes = await Promise.allSettled(ids.map((id) => commits.append(meetingDocumentName(id), paragraphUpdate(`${id}:消える行`))));
    await held;
    expect(outcomes.map((o) => o.status)).toEqual(ids.map(() => 'rejected'));
    expect(outcomes.map((o) => (o as PromiseRejectedResult).reason.message)).toEqual(ids.map(() => 'commit failed'));
    expect(await storedText(ids)).toEqual(new Map([[ids[0]!, '前の行']]));
    // The next batch commits again, onto what was committed.
    await commits.append(meetingDocumentName(ids[0]!), paragraphUpdate('次の行'));
    expect((await storedText([ids[0]!])).get(ids[0]!)!.split('\n').sort()).toEqual(['前の行', '次の行']);
  });

  it('a refused document in a batch refuses only its own updates', async () => {
    const [a, b] = [meetingIds[21]!, meetingIds[22]!];
    const batch: DocumentUpdates[] = [
      { kind: 'notes', meetingId: a, updates: [paragraphUpdate('残る行 A')] },
      { kind: 'notes', meetingId: endedMeetingId, updates: [paragraphUpdate('終了後の行')] },
      { kind: 'notes', meetingId: b, updates: [paragraphUpdate('残る行 B')] },
    ];
    const refusals = await mergeDocuments(database.db, batch);
    expect([...refusals.entries()].map(([item, r]) => [item.meetingId, r.code, r.reason])).toEqual([[endedMeetingId, 4403, 'series-ended']]);
    const stored = await storedText([a, b, endedMeetingId]);
    expect(stored).toEqual(
      new Map([
        [a, '残る行 A'],
        [b, '残る行 B'],
      ]),
    );
  });

  it('two processes writing one document each see the other\'s commits (the cache holds a row only at the version it wrote)', async () => {
    const id = meetingIds[23]!;
    const [first, second] = [new StoredDocuments(), new StoredDocuments()];
    const write = (cache: StoredDocuments, line: string) => mergeDocuments(database.db, [{ kind: 'notes', meetingId: id, updates: [paragraphUpdate(line)] }], cache);
    await write(first, 'A1');
    await write(second, 'B1');
    await write(first, 'A2');
    await write(second, 'B2');
    await write(first, 'A3');
    expect(first.size).toBe(1);
    expect((await storedText([id])).get(id)!.split('\n').sort()).toEqual(['A1', 'A2', 'A3', 'B1', 'B2']);
  });
});
