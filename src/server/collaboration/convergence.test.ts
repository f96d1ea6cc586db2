import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EDITOR_FIELD, plainTextOf } from './plainText.js';

/**
 * SPEC §3.3 "real-time, conflict-free: nothing typed is lost", as a property of the Yjs documents
 * the editor shares: 2–3 peers edit concurrently, updates travel in any order, late, twice, or in
 * offline batches — every peer ends with the same notes, holding every line typed and not deleted.
 */

type Op =
  | { kind: 'insertLine'; peer: number; at: number; text: string }
  | { kind: 'typeInto'; peer: number; line: number; at: number; text: string }
  | { kind: 'deleteLine'; peer: number; line: number }
  | { kind: 'deliver'; from: number; to: number; count: number; reverse: boolean }
  | { kind: 'offline'; peer: number; on: boolean };

const word = fc.stringMatching(/^[a-zあ-ん]{1,6}$/);

const opArb = (peers: number, withDeletes: boolean) => {
  const peer = fc.nat({ max: peers - 1 });
  const arbs: fc.Arbitrary<Op>[] = [
    fc.record({ kind: fc.constant('insertLine' as const), peer, at: fc.nat(), text: word }),
    fc.record({ kind: fc.constant('typeInto' as const), peer, line: fc.nat(), at: fc.nat(), text: word }),
    fc.record({ kind: fc.constant('deliver' as const), from: peer, to: peer, count: fc.integer({ min: 1, max: 5 }), reverse: fc.boolean() }),
    fc.record({ kind: fc.constant('offline' as const), peer, on: fc.boolean() }),
  ];
  if (withDeletes) arbs.push(fc.record({ kind: fc.constant('deleteLine' as const), peer, line: fc.nat() }));
  return fc.oneof(...arbs);
};

function paragraph(text: string) {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/** Runs the ops; returns the peers after everything has been delivered (in a shuffled order). */
function simulate(peers: number, ops: Op[], finalOrder: number[]) {
  const docs = Array.from({ length: peers }, () => new Y.Doc());
  // inbox[to][from]: updates not yet delivered, oldest first.
  const inbox = docs.map(() => docs.map(() => [] as Uint8Array[]));
  const offline = docs.map(() => false);
  docs.forEach((doc, i) =>
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      for (let to = 0; to < peers; to++) if (to !== i) inbox[to]![i]!.push(update);
    }),
  );
  const typed: string[] = [];
  for (const op of ops) {
    if (op.kind === 'offline') {
      offline[op.peer] = op.on;
    } else if (op.kind === 'deliver') {
      if (op.from === op.to || offline[op.to] || offline[op.from]) continue;
      const queue = inbox[op.to]![op.from]!;
      const batch = queue.splice(0, op.count);
      // Out of order, and sometimes twice: Yjs must cope with both.
      for (const u of op.reverse ? [...batch].reverse() : batch) Y.applyUpdate(docs[op.to]!, u, 'remote');
      if (op.reverse && batch[0]) Y.applyUpdate(docs[op.to]!, batch[0], 'remote');
    } else {
      const fragment = docs[op.peer]!.getXmlFragment(EDITOR_FIELD);
      if (op.kind === 'insertLine') {
        fragment.insert(op.at % (fragment.length + 1), [paragraph(op.text)]);
        typed.push(op.text);
      } else if (fragment.length > 0) {
        const line = fragment.get(op.line % fragment.length) as Y.XmlElement;
        if (op.kind === 'deleteLine') fragment.delete(op.line % fragment.length, 1);
        else {
          const text = line.get(0) as Y.XmlText;
          text.insert(op.at % (text.length + 1), op.text);
          typed.push(op.text);
        }
      }
    }
  }
  // Everyone comes back online; what is left arrives in a random order.
  const rest: { to: number; update: Uint8Array }[] = [];
  inbox.forEach((fromAll, to) => fromAll.forEach((q) => q.forEach((update) => rest.push({ to, update }))));
  const order = finalOrder.length ? finalOrder : [0];
  rest
    .map((r, i) => ({ r, key: order[i % order.length]! * 1_000 + i }))
    .sort((a, b) => a.key - b.key)
    .forEach(({ r }) => Y.applyUpdate(docs[r.to]!, r.update, 'remote'));
  return { docs, typed };
}

describe('shared notes converge (property)', () => {
  it('2–3 peers with inserts, typing, deletes, reordering and offline batches end identical', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((peers) =>
          fc.tuple(fc.constant(peers), fc.array(opArb(peers, true), { maxLength: 80 }), fc.array(fc.nat({ max: 50 }), { maxLength: 20 })),
        ),
        ([peers, ops, order]) => {
          const { docs } = simulate(peers, ops, order);
          const texts = docs.map((d) => plainTextOf(d));
          const states = docs.map((d) => JSON.stringify(d.getXmlFragment(EDITOR_FIELD).toJSON()));
          expect(new Set(texts).size).toBe(1);
          expect(new Set(states).size).toBe(1);
          // A peer that starts from the merged updates (what the server stores) sees the same.
          const merged = new Y.Doc();
          Y.applyUpdate(merged, Y.mergeUpdates(docs.map((d) => Y.encodeStateAsUpdate(d))));
          expect(plainTextOf(merged)).toBe(texts[0]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('without deletes, every word typed by any peer is in the final notes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((peers) =>
          fc.tuple(fc.constant(peers), fc.array(opArb(peers, false), { maxLength: 60 }), fc.array(fc.nat({ max: 50 }), { maxLength: 20 })),
        ),
        ([peers, ops, order]) => {
          const { docs, typed } = simulate(peers, ops, order);
          const text = plainTextOf(docs[0]!);
          for (const d of docs) expect(plainTextOf(d)).toBe(text);
          // Typing into a line can split another word, so count characters, not words.
          const count = (s: string) => [...s.replace(/\n/g, '')].sort().join('');
          expect(count(text)).toBe(count(typed.join('')));
        },
      ),
      { numRuns: 150 },
    );
  });
});
