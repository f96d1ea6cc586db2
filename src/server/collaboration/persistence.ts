import type { beforeHandleMessagePayload, Extension, onLoadDocumentPayload } from '@hocuspocus/server';
import { eq, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db/client.js';
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

/**
 * Writes updates into `shared_notes` in one transaction: merges them into the stored state (read
 * under a row lock, so several processes never overwrite each other's updates), and stores the
 * garbage-collected full state with its plain text. Refuses when the series has ended.
 */
export async function mergeIntoNotes(db: Db, meetingId: string, updates: Uint8Array[]): Promise<void> {
  await db.transaction(async (tx) => {
    // FOR SHARE on the series: ending it (FOR UPDATE) waits for this write, or this write sees the end.
    const [owner] = await tx
      .select({ status: series.status })
      .from(meetings)
      .innerJoin(series, eq(series.id, meetings.seriesId))
      .where(eq(meetings.id, meetingId))
      .for('share', { of: series });
    if (!owner) throw new Refusal(closeCodes.forbidden, 'unknown-document');
    if (owner.status === 'ended') throw new Refusal(closeCodes.forbidden, 'series-ended');
    await tx.insert(sharedNotes).values({ meetingId, state: Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())), text: '' }).onConflictDoNothing();
    const [row] = await tx.select({ state: sharedNotes.state }).from(sharedNotes).where(eq(sharedNotes.meetingId, meetingId)).for('update');
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, row!.state);
      for (const update of updates) Y.applyUpdate(doc, update);
      await tx
        .update(sharedNotes)
        .set({ state: Buffer.from(Y.encodeStateAsUpdate(doc)), text: plainTextOf(doc), updatedAt: sql`now()` })
        .where(eq(sharedNotes.meetingId, meetingId));
    } finally {
      doc.destroy();
    }
  });
}

/**
 * Writes updates into `minutes_documents` like `mergeIntoNotes`, refused (4403) once the minutes
 * are no longer a draft. The minutes row is read FOR SHARE: sharing (FOR UPDATE) waits for this
 * write, or this write sees the minutes shared — nothing is written into a frozen version.
 */
export async function mergeIntoMinutes(db: Db, meetingId: string, updates: Uint8Array[]): Promise<void> {
  await db.transaction(async (tx) => {
    const [owner] = await tx
      .select({ status: minutes.status, meetingStatus: meetings.status, body: minutes.body })
      .from(minutes)
      .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
      .where(eq(minutes.meetingId, meetingId))
      .for('share', { of: minutes });
    if (!owner) throw new Refusal(closeCodes.forbidden, 'unknown-document');
    if (owner.status !== 'draft' || owner.meetingStatus !== 'minutesDraft') throw new Refusal(closeCodes.forbidden, 'minutes-shared');
    await tx.insert(minutesDocuments).values({ meetingId, state: Buffer.from(yjsStateOf(minutesDocumentFromText(owner.body))) }).onConflictDoNothing();
    const [row] = await tx.select({ state: minutesDocuments.state }).from(minutesDocuments).where(eq(minutesDocuments.meetingId, meetingId)).for('update');
    const doc = new Y.Doc();
    try {
      Y.applyUpdate(doc, row!.state);
      for (const update of updates) Y.applyUpdate(doc, update);
      await tx
        .update(minutesDocuments)
        .set({ state: Buffer.from(Y.encodeStateAsUpdate(doc)), updatedAt: sql`now()` })
        .where(eq(minutesDocuments.meetingId, meetingId));
    } finally {
      doc.destroy();
    }
  });
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
  await db.insert(minutesDocuments).values({ meetingId, state: Buffer.from(yjsStateOf(minutesDocumentFromText(legacy.body))) }).onConflictDoNothing();
  const [stored] = await db.select({ state: minutesDocuments.state }).from(minutesDocuments).where(eq(minutesDocuments.meetingId, meetingId));
  return stored?.state ?? null;
}

interface Waiting {
  update: Uint8Array;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Per document: one write in flight at a time; updates arriving meanwhile wait and go together in
 * the next transaction (group commit), so a burst of keystrokes costs a few writes, not one each.
 */
class DocumentWriter {
  private waiting: Waiting[] = [];
  running: Promise<void> | null = null;

  constructor(
    private readonly write: (updates: Uint8Array[]) => Promise<void>,
    private readonly onIdle: () => void,
  ) {}

  append(update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ update, resolve, reject });
      this.kick();
    });
  }

  private kick() {
    if (this.running) return;
    const batch = this.waiting.splice(0);
    this.running = this.write(batch.map((w) => w.update)).then(
      () => batch.forEach((w) => w.resolve()),
      (e: unknown) => batch.forEach((w) => w.reject(e)),
    );
    void this.running.finally(() => {
      this.running = null;
      if (this.waiting.length) this.kick();
      else this.onIdle();
    });
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
  private readonly writers = new Map<string, DocumentWriter>();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

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
      await this.writerFor(documentName).append(update);
    } catch (e) {
      const refusal = e instanceof Refusal ? e : null;
      if (!refusal) this.log.error({ err: e, documentName }, 'storing a collaborative update failed');
      // Close the socket (not only this document's connection): the provider reconnects, and
      // either resends what was not acknowledged or is refused access.
      connection.webSocket.close(refusal?.code ?? closeCodes.internal, refusal?.reason ?? 'store-failed');
      throw refusal ?? new Refusal(closeCodes.internal, 'store-failed');
    }
  }

  private writerFor(documentName: string): DocumentWriter {
    let writer = this.writers.get(documentName);
    if (!writer) {
      const { kind, meetingId } = documentKindOf(documentName)!;
      const merge = kind === 'minutes' ? mergeIntoMinutes : mergeIntoNotes;
      const created: DocumentWriter = new DocumentWriter(
        (updates) => merge(this.db, meetingId, updates),
        () => {
          if (this.writers.get(documentName) === created) this.writers.delete(documentName);
        },
      );
      writer = created;
      this.writers.set(documentName, writer);
    }
    return writer;
  }

  /** Waits for every write in flight (shutdown calls this before closing the pool). */
  async flush(): Promise<void> {
    while (this.writers.size > 0) {
      await Promise.allSettled([...this.writers.values()].map((w) => w.running));
      await new Promise((r) => setImmediate(r));
    }
  }
}
