import type { afterUnloadDocumentPayload, beforeHandleMessagePayload, Extension, onLoadDocumentPayload } from '@hocuspocus/server';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db, Tx } from '../db/client.js';
import { meetings, minutes, minutesDocuments, series, sharedNotes } from '../db/schema.js';
import type { Logger } from '../logger.js';
import { documentKindOf } from './documentName.js';
import { minutesDocumentFromText } from '../../domain/minutesDocument.js';
import { yjsStateOf } from './minutesDocument.js';
import { plainTextOf } from './plainText.js';
import { closeCodes, Refusal } from './refusal.js';

// y-protocols / Hocuspocus message types (the first varUints after the document name).
const messageSync = 0;
const messageSyncReply = 4;
const syncStep2 = 1;
const syncUpdate = 2;

/** Reads lib0's variable-length encodings (the framing of Hocuspocus messages). */
class Reader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  varUint(): number {
    let n = 0;
    let mult = 1;
    for (;;) {
      if (this.pos >= this.bytes.length) throw new RangeError('truncated');
      const b = this.bytes[this.pos++]!;
      n += (b & 0x7f) * mult;
      if (b < 0x80) return n;
      mult *= 128;
      if (mult > 2 ** 53) throw new RangeError('varUint too long');
    }
  }
  bytesOf(): Uint8Array {
    const len = this.varUint();
    if (this.pos + len > this.bytes.length) throw new RangeError('truncated');
    const out = this.bytes.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }
}

/**
 * The Yjs update a client message carries (sync step 2 or update), or null for everything else
 * (awareness, sync step 1, auth, stateless…). `message` is the whole Hocuspocus frame.
 */
export function updateCarriedBy(message: Uint8Array): Uint8Array | null {
  try {
    const reader = new Reader(message);
    reader.bytesOf(); // the document name
    const type = reader.varUint();
    if (type !== messageSync && type !== messageSyncReply) return null;
    const syncType = reader.varUint();
    if (syncType !== syncStep2 && syncType !== syncUpdate) return null;
    return reader.bytesOf();
  } catch {
    return null; // Hocuspocus itself answers malformed frames
  }
}

/** The updates of one document waiting to be written. */
export interface DocumentUpdates {
  kind: 'notes' | 'minutes';
  meetingId: string;
  updates: Uint8Array[];
}

/** A document's new full state, written back in one statement per table. */
interface Merged {
  meetingId: string;
  state: Buffer;
  text: string;
}

/** A document as this process last stored it: its Yjs document and the row version (xmin) it wrote. */
interface Known {
  version: string;
  doc: Y.Doc;
}

/**
 * The documents this process stored last, by table and meeting, each with the version of the row
 * it wrote (`xmin`, the id of the writing transaction: any later write of the row, by any process
 * or statement, changes it). A batch finding the locked row still at that version applies its
 * updates to the document it already holds instead of reading and decoding the stored state again;
 * otherwise it reads the row. A document is taken out while its transaction runs and put back only
 * after the commit; even if a rolled-back state came back, its version (the rolled-back
 * transaction's id) would never match a row again (ADR 0224).
 */
export class StoredDocuments {
  private readonly known = new Map<string, Known>();

  constructor(private readonly limit = 2_000) {}

  /** The document stored as `version`, taken out of the cache; null when this process holds another version or none. */
  take(key: string, version: string): Y.Doc | null {
    const entry = this.known.get(key);
    if (!entry) return null;
    this.known.delete(key);
    if (entry.version === version) return entry.doc;
    entry.doc.destroy();
    return null;
  }

  put(key: string, version: string, doc: Y.Doc): void {
    this.known.get(key)?.doc.destroy();
    this.known.delete(key);
    this.known.set(key, { version, doc });
    // Oldest first: a Map iterates in insertion order, and every put re-inserts.
    for (const [k, e] of this.known) {
      if (this.known.size <= this.limit) break;
      e.doc.destroy();
      this.known.delete(k);
    }
  }

  forget(key: string): void {
    this.known.get(key)?.doc.destroy();
    this.known.delete(key);
  }

  get size(): number {
    return this.known.size;
  }
}

const storedKey = (kind: DocumentUpdates['kind'], meetingId: string) => `${kind}:${meetingId}`;

/** A fresh document; a fixed guid spares the random one Yjs would draw (31 random numbers each). */
const emptyDoc = () => new Y.Doc({ guid: 'taiwa-stored' });

/** Applies updates onto a document; its garbage-collected full state and (for notes, which search reads) its plain text. */
function merged(meetingId: string, doc: Y.Doc, updates: Uint8Array[], withText: boolean): Merged {
  for (const update of updates) Y.applyUpdate(doc, update);
  return { meetingId, state: Buffer.from(Y.encodeStateAsUpdate(doc)), text: withText ? plainTextOf(doc) : '' };
}

/** The documents one transaction took from the cache or decoded, put back once it commits. */
type Written = { key: string; doc: Y.Doc; version: string }[];

/** One table of live documents: its rows are locked, read only when the cache holds another version, and rewritten. */
interface DocumentTable {
  name: 'shared_notes' | 'minutes_documents';
  kind: DocumentUpdates['kind'];
  /** Rows missing are first made by this (which must not fail on a row another process just made). */
  create: (tx: Tx, missing: string[]) => Promise<unknown>;
}

/**
 * Locks the rows of `items` (FOR UPDATE, in meeting order), merges each item's updates into its
 * document and writes the new states back: three statements when the cache holds every document
 * at its stored version, four otherwise.
 */
async function mergeInto(tx: Tx, table: DocumentTable, items: DocumentUpdates[], cache: StoredDocuments, written: Written): Promise<void> {
  const ids = items.map((i) => i.meetingId);
  const name = sql.identifier(table.name);
  const lock = async () =>
    (
      await tx.execute<{ meeting_id: string; version: string }>(
        sql`select meeting_id, xmin::text as version from ${name} where meeting_id = any(${sql.param(ids)}::uuid[]) order by meeting_id for update`,
      )
    ).rows;
  let rows = await lock();
  if (rows.length < ids.length) {
    const have = new Set(rows.map((r) => r.meeting_id));
    await table.create(
      tx,
      ids.filter((id) => !have.has(id)),
    );
    rows = await lock();
  }
  const keyOf = (meetingId: string) => storedKey(table.kind, meetingId);
  const docOf = new Map<string, Y.Doc>();
  for (const r of rows) {
    const doc = cache.take(keyOf(r.meeting_id), r.version);
    if (doc) docOf.set(r.meeting_id, doc);
  }
  const unknown = ids.filter((id) => !docOf.has(id));
  if (unknown.length) {
    const stored = await tx.execute<{ meeting_id: string; state: Buffer }>(sql`select meeting_id, state from ${name} where meeting_id = any(${sql.param(unknown)}::uuid[])`);
    for (const r of stored.rows) {
      const doc = emptyDoc();
      Y.applyUpdate(doc, r.state);
      docOf.set(r.meeting_id, doc);
    }
  }
  const merges = items.map((i) => merged(i.meetingId, docOf.get(i.meetingId)!, i.updates, table.kind === 'notes'));
  // Whole columns as three array parameters: the statement's size does not grow with the batch.
  const idList = sql.param(merges.map((m) => m.meetingId));
  const states = sql.param(merges.map((m) => m.state));
  const updated = await tx.execute<{ meeting_id: string; version: string }>(
    table.kind === 'notes'
      ? sql`
    update shared_notes set state = v.state, text = v.text, updated_at = now()
    from unnest(${idList}::uuid[], ${states}::bytea[], ${sql.param(merges.map((m) => m.text))}::text[]) as v (meeting_id, state, text)
    where shared_notes.meeting_id = v.meeting_id
    returning shared_notes.meeting_id, shared_notes.xmin::text as version`
      : sql`
    update minutes_documents set state = v.state, updated_at = now()
    from unnest(${idList}::uuid[], ${states}::bytea[]) as v (meeting_id, state)
    where minutes_documents.meeting_id = v.meeting_id
    returning minutes_documents.meeting_id, minutes_documents.xmin::text as version`,
  );
  const versionOf = new Map(updated.rows.map((r) => [r.meeting_id, r.version]));
  for (const i of items) written.push({ key: keyOf(i.meetingId), doc: docOf.get(i.meetingId)!, version: versionOf.get(i.meetingId)! });
}

/** Minutes drafted before they were live documents start from a document made of their text. */
const documentOfMinutesText = (body: string) => Buffer.from(yjsStateOf(minutesDocumentFromText(body)));

const notesTable: DocumentTable = {
  name: 'shared_notes',
  kind: 'notes',
  create: (tx, missing) => {
    const empty = Buffer.from(Y.encodeStateAsUpdate(emptyDoc()));
    return tx
      .insert(sharedNotes)
      .values(missing.map((meetingId) => ({ meetingId, state: empty, text: '' })))
      .onConflictDoNothing();
  },
};

/**
 * Shared notes of many meetings in one transaction: refuses those whose series has ended (or that
 * do not exist), and merges the rest into their stored states. Locks are taken in meeting order
 * (series FOR SHARE, then the notes rows FOR UPDATE), so concurrent batches of several processes
 * never deadlock each other; ending a series (FOR UPDATE) waits for this write, or this write sees
 * the end.
 */
async function mergeNotesIn(tx: Tx, items: DocumentUpdates[], refusals: Map<DocumentUpdates, Refusal>, cache: StoredDocuments, written: Written): Promise<void> {
  const owners = await tx
    .select({ meetingId: meetings.id, status: series.status })
    .from(meetings)
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .where(inArray(meetings.id, items.map((i) => i.meetingId)))
    .orderBy(asc(meetings.id))
    .for('share', { of: series });
  const statusOf = new Map(owners.map((o) => [o.meetingId, o.status]));
  const live: DocumentUpdates[] = [];
  for (const item of items) {
    const status = statusOf.get(item.meetingId);
    if (!status) refusals.set(item, new Refusal(closeCodes.forbidden, 'unknown-document'));
    else if (status === 'ended') refusals.set(item, new Refusal(closeCodes.forbidden, 'series-ended'));
    else live.push(item);
  }
  if (live.length) await mergeInto(tx, notesTable, live, cache, written);
}

/**
 * Minutes drafts of many meetings in one transaction, like `mergeNotesIn`: refused (4403) once the
 * minutes are no longer a draft. The minutes rows are read FOR SHARE: sharing (FOR UPDATE) waits for
 * this write, or this write sees the minutes shared — nothing is written into a frozen version.
 */
async function mergeMinutesIn(tx: Tx, items: DocumentUpdates[], refusals: Map<DocumentUpdates, Refusal>, cache: StoredDocuments, written: Written): Promise<void> {
  const owners = await tx
    .select({ meetingId: minutes.meetingId, status: minutes.status, meetingStatus: meetings.status, body: minutes.body })
    .from(minutes)
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .where(inArray(minutes.meetingId, items.map((i) => i.meetingId)))
    .orderBy(asc(minutes.meetingId))
    .for('share', { of: minutes });
  const ownerOf = new Map(owners.map((o) => [o.meetingId, o]));
  const live: DocumentUpdates[] = [];
  for (const item of items) {
    const owner = ownerOf.get(item.meetingId);
    if (!owner) refusals.set(item, new Refusal(closeCodes.forbidden, 'unknown-document'));
    else if (owner.status !== 'draft' || owner.meetingStatus !== 'minutesDraft') refusals.set(item, new Refusal(closeCodes.forbidden, 'minutes-shared'));
    else live.push(item);
  }
  if (!live.length) return;
  const minutesTable: DocumentTable = {
    name: 'minutes_documents',
    kind: 'minutes',
    create: (tx, missing) =>
      tx
        .insert(minutesDocuments)
        .values(missing.map((meetingId) => ({ meetingId, state: documentOfMinutesText(ownerOf.get(meetingId)!.body) })))
        .onConflictDoNothing(),
  };
  await mergeInto(tx, minutesTable, live, cache, written);
}

/**
 * Writes the updates of many documents in ONE transaction (one commit, one WAL flush) and returns
 * the documents it refused (their updates are not written). Throws if the commit fails: then
 * nothing of the batch is written. Notes are locked before minutes, each in meeting order.
 */
export async function mergeDocuments(db: Db, batch: DocumentUpdates[], cache = new StoredDocuments()): Promise<Map<DocumentUpdates, Refusal>> {
  const refusals = new Map<DocumentUpdates, Refusal>();
  const notes = batch.filter((b) => b.kind === 'notes');
  const minutesDrafts = batch.filter((b) => b.kind === 'minutes');
  const written: Written = [];
  await db.transaction(async (tx) => {
    if (notes.length) await mergeNotesIn(tx, notes, refusals, cache, written);
    if (minutesDrafts.length) await mergeMinutesIn(tx, minutesDrafts, refusals, cache, written);
  });
  // Committed: these documents are now what the rows hold.
  for (const w of written) cache.put(w.key, w.version, w.doc);
  return refusals;
}

async function mergeOne(db: Db, item: DocumentUpdates): Promise<void> {
  const refusal = (await mergeDocuments(db, [item])).get(item);
  if (refusal) throw refusal;
}

/** Writes updates into a meeting's `shared_notes`; refuses (4403) when the series has ended. */
export function mergeIntoNotes(db: Db, meetingId: string, updates: Uint8Array[]): Promise<void> {
  return mergeOne(db, { kind: 'notes', meetingId, updates });
}

/** Writes updates into a meeting's `minutes_documents`; refuses (4403) once the minutes are no longer a draft. */
export function mergeIntoMinutes(db: Db, meetingId: string, updates: Uint8Array[]): Promise<void> {
  return mergeOne(db, { kind: 'minutes', meetingId, updates });
}

/**
 * The stored state of a minutes draft. Minutes drafted before they were live documents have only
 * their text: the first load stores a document made of it (under the row's primary key, so every
 * process starts from the same Yjs history).
 */
export async function minutesDocumentState(db: Db, meetingId: string): Promise<Uint8Array | null> {
  const [row] = await db.select({ state: minutesDocuments.state }).from(minutesDocuments).where(eq(minutesDocuments.meetingId, meetingId));
  if (row) return row.state;
  const [legacy] = await db.select({ body: minutes.body }).from(minutes).where(eq(minutes.meetingId, meetingId));
  if (!legacy) return null;
  await db.insert(minutesDocuments).values({ meetingId, state: documentOfMinutesText(legacy.body) }).onConflictDoNothing();
  const [stored] = await db.select({ state: minutesDocuments.state }).from(minutesDocuments).where(eq(minutesDocuments.meetingId, meetingId));
  return stored?.state ?? null;
}

interface Waiting {
  update: Uint8Array;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit across documents: one write in flight at a time; the updates of every document
 * arriving meanwhile wait and go together in the next transaction. Under load a commit carries the
 * keystrokes of many rooms, so the server pays one WAL flush for all of them instead of one each
 * (ADR 0219). Each update's promise settles only after its transaction committed (or failed, or
 * refused its document): nothing is acknowledged before it is stored.
 */
export class GroupCommit {
  private waiting = new Map<string, { kind: 'notes' | 'minutes'; meetingId: string; entries: Waiting[] }>();
  private running: Promise<void> | null = null;

  constructor(private readonly write: (batch: DocumentUpdates[]) => Promise<Map<DocumentUpdates, Refusal>>) {}

  append(documentName: string, update: Uint8Array): Promise<void> {
    const named = documentKindOf(documentName);
    if (!named) return Promise.reject(new Refusal(closeCodes.forbidden, 'unknown-document'));
    return new Promise((resolve, reject) => {
      let group = this.waiting.get(documentName);
      if (!group) this.waiting.set(documentName, (group = { ...named, entries: [] }));
      group.entries.push({ update, resolve, reject });
      this.kick();
    });
  }

  private kick() {
    if (this.running || this.waiting.size === 0) return;
    const groups = [...this.waiting.values()];
    this.waiting = new Map();
    const batch = groups.map((g) => ({ kind: g.kind, meetingId: g.meetingId, updates: g.entries.map((e) => e.update) }));
    this.running = this.write(batch).then(
      (refusals) =>
        groups.forEach((g, i) => {
          const refusal = refusals.get(batch[i]!);
          for (const e of g.entries) {
            if (refusal) e.reject(refusal);
            else e.resolve();
          }
        }),
      (err: unknown) => groups.forEach((g) => g.entries.forEach((e) => e.reject(err))),
    );
    void this.running.finally(() => {
      this.running = null;
      this.kick();
    });
  }

  /** Resolves once nothing is waiting or being written. */
  async flush(): Promise<void> {
    while (this.running || this.waiting.size) {
      await this.running;
      await new Promise((r) => setImmediate(r));
    }
  }
}

/**
 * Shared notes and minutes drafts in PostgreSQL. Durability: Hocuspocus acknowledges a client's update (the provider's
 * `unsyncedChanges` drops) synchronously right after applying it, and it awaits `beforeHandleMessage`
 * before applying. So every update is committed here, in `beforeHandleMessage`, before Hocuspocus
 * applies and acknowledges it: what a client saw acknowledged survives `kill -9` (ADR 0005).
 */
export class Persistence implements Extension {
  extensionName = 'taiwa-persistence';
  private readonly commits: GroupCommit;
  private readonly stored = new StoredDocuments();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {
    this.commits = new GroupCommit((batch) => mergeDocuments(db, batch, this.stored));
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const named = documentKindOf(documentName);
    if (!named) throw new Refusal(closeCodes.forbidden, 'unknown-document');
    if (named.kind === 'minutes') {
      const state = await minutesDocumentState(this.db, named.meetingId);
      if (state) Y.applyUpdate(document, state);
      return;
    }
    const [row] = await this.db.select({ state: sharedNotes.state }).from(sharedNotes).where(eq(sharedNotes.meetingId, named.meetingId));
    if (row) Y.applyUpdate(document, row.state);
  }

  async beforeHandleMessage({ update: message, document, documentName, connection }: beforeHandleMessagePayload): Promise<void> {
    const update = updateCarriedBy(message);
    if (!update) return;
    // A resent update (e.g. sync step 2 after a reconnect) that adds nothing needs no write.
    if (Y.snapshotContainsUpdate(Y.snapshot(document), update)) return;
    try {
      await this.commits.append(documentName, update);
    } catch (e) {
      const refusal = e instanceof Refusal ? e : null;
      if (!refusal) this.log.error({ err: e, documentName }, 'storing a collaborative update failed');
      // Close the socket (not only this document's connection): the provider reconnects, and
      // either resends what was not acknowledged or is refused access.
      connection.webSocket.close(refusal?.code ?? closeCodes.internal, refusal?.reason ?? 'store-failed');
      throw refusal ?? new Refusal(closeCodes.internal, 'store-failed');
    }
  }

  /** A document no one has open leaves the cache: the next write reads its row again. */
  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    const named = documentKindOf(documentName);
    if (named) this.stored.forget(storedKey(named.kind, named.meetingId));
  }

  /** Waits for every write in flight (shutdown calls this before closing the pool). */
  flush(): Promise<void> {
    return this.commits.flush();
  }
}
