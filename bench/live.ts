/**
 * `npm run bench:live`: the live-note round trip at 1, 50 and 200 rooms. The server is started as
 * production starts it (embedded PostgreSQL with fsync on, the default connection pool, the
 * collaboration server on the HTTP port); the editors run in a separate process, two per room,
 * each a real `@hocuspocus/provider` over a WebSocket with its own signed-in session. Both editors
 * of every room type at a human rate (one edit every BENCH_LIVE_INTERVAL ms, default 250, i.e. four
 * keystrokes a second each) for BENCH_LIVE_SECONDS (default 15) seconds.
 *
 * For each edit it measures the time from sending it to the other editor seeing it ("seen") and
 * to the server acknowledging it, which it does only once the edit is committed ("stored"). After
 * each level it reads the database: any acknowledged edit missing from the stored notes is "lost".
 * One table; not a pass/fail test.
 *
 * BENCH_LIVE_ROOMS (default "1,50,200"), BENCH_LIVE_SECONDS, BENCH_LIVE_INTERVAL.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { inArray } from 'drizzle-orm';
import * as Y from 'yjs';

const ROOMS = (process.env.BENCH_LIVE_ROOMS || '1,50,200').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_LIVE_SECONDS || 15);
const INTERVAL = Number(process.env.BENCH_LIVE_INTERVAL || 250);

interface Room {
  documentName: string;
  meetingId: string;
  cookies: [string, string];
}
interface Plan {
  url: string;
  origin: string;
  rooms: Room[];
  seconds: number;
  interval: number;
}
interface Outcome {
  sent: number;
  seen: number[];
  stored: number[];
  /** Lines each room's editors saw acknowledged. */
  acknowledged: Record<string, string[]>;
  reconnects: number;
}

if (process.argv[2] === 'editors') await editors();
else await main();

/** The child process: two providers per room, typing, timing what comes back. */
async function editors() {
  const { connectNotes, settled } = await import('../src/server/test/notesClient.js');
  const { EDITOR_FIELD } = await import('../src/server/collaboration/plainText.js');
  const plan = await new Promise<Plan>((resolve) => process.once('message', (m) => resolve(m as Plan)));
  const out: Outcome = { sent: 0, seen: [], stored: [], acknowledged: {}, reconnects: 0 };
  const clients = plan.rooms.flatMap((room) => {
    const sentAt = new Map<string, number>();
    out.acknowledged[room.documentName] = [];
    return room.cookies.map((cookie, i) => {
      const client = connectNotes({ url: plan.url, documentName: room.documentName, cookie, origin: plan.origin });
      const name = i === 0 ? 'a' : 'b';
      const pending: { line: string; at: number }[] = [];
      let unsynced = 0;
      let typed = 0;
      let ready = false;
      client.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
        if (ready && number < unsynced) {
          const now = performance.now();
          for (const p of pending.splice(0, unsynced - number)) {
            out.stored.push(now - p.at);
            out.acknowledged[room.documentName]!.push(p.line);
          }
        }
        unsynced = number;
      });
      client.socket.on('disconnect', () => {
        if (ready) out.reconnects++;
      });
      // What the other editor typed arrives as new paragraphs of the shared fragment.
      client.doc.getXmlFragment(EDITOR_FIELD).observe((event) => {
        if (event.transaction.local) return;
        const now = performance.now();
        for (const item of event.changes.added) {
          for (const el of item.content.getContent()) {
            if (!(el instanceof Y.XmlElement)) continue;
            const line = el.get(0)?.toString() ?? '';
            const at = sentAt.get(line);
            if (at !== undefined && !line.startsWith(name)) out.seen.push(now - at);
          }
        }
      });
      return {
        client,
        async start() {
          await client.outcome;
          await settled(client, 60_000);
          unsynced = 0;
          ready = true;
        },
        type() {
          const line = `${name}${++typed}`;
          const at = performance.now();
          sentAt.set(line, at);
          pending.push({ line, at });
          out.sent++;
          client.type(line);
        },
      };
    });
  });
  await Promise.all(clients.map((c) => c.start()));
  process.send!({ ready: true });
  await new Promise((r) => process.once('message', r));
  const timers = clients.map(
    (c) =>
      // Each editor starts at a random point of its interval: rooms do not type in lockstep.
      new Promise<void>((resolve) => {
        setTimeout(() => {
          const every = setInterval(() => c.type(), plan.interval);
          setTimeout(() => {
            clearInterval(every);
            resolve();
          }, plan.seconds * 1000);
        }, Math.random() * plan.interval);
      }),
  );
  await Promise.all(timers);
  // Let the last acknowledgements arrive.
  const until = Date.now() + 30_000;
  while (Date.now() < until && clients.some((c) => c.client.provider.unsyncedChanges > 0)) await new Promise((r) => setTimeout(r, 50));
  for (const c of clients) c.client.destroy();
  process.send!(out, () => process.disconnect());
}

async function main() {
  const { randomUUID } = await import('node:crypto');
  const { createApp } = await import('../src/server/app.js');
  const { loadConfig } = await import('../src/server/config.js');
  const { connect } = await import('../src/server/db/client.js');
  const { startEmbedded } = await import('../src/server/db/embedded.js');
  const { runMigrations } = await import('../src/server/db/migrate.js');
  const { sharedNotes } = await import('../src/server/db/schema.js');
  const { logger } = await import('../src/server/logger.js');
  const { buildServices } = await import('../src/server/services.js');
  const { createCollaboration, COLLABORATION_PATH } = await import('../src/server/collaboration/server.js');
  const { meetingDocumentName } = await import('../src/server/collaboration/documentName.js');
  const { insertPeople, TEST_PASSWORD } = await import('../src/server/test/factories.js');
  const { createSeries, meetingsOf } = await import('../src/server/test/series.js');

  const parent = mkdtempSync(path.join(os.tmpdir(), 'taiwa-bench-live-'));
  chmodSync(parent, 0o755);
  const log = logger.child({}, { level: 'silent' });
  // fsync on, as in production: the commit before each acknowledgement is what is measured.
  const embedded = await startEmbedded({ dataDir: path.join(parent, 'data'), log });
  const port = Number(process.env.BENCH_PORT || 3291);
  const baseUrl = `http://127.0.0.1:${port}`;
  // The pool main.ts opens (its default size).
  const database = connect(embedded.url);
  let server: ReturnType<typeof serve> | null = null;
  let collaboration: Awaited<ReturnType<typeof createCollaboration>> | null = null;
  let child: ChildProcess | null = null;
  try {
    await runMigrations(embedded.url);
    const config = { ...loadConfig({}), port, baseUrl, signInRateLimit: 0, logLevel: 'silent' as const };
    const services = buildServices({ database, config, secret: randomUUID() + randomUUID(), log });
    const pairs = Math.max(...ROOMS);
    const people = await insertPeople(
      database.db,
      services.auth,
      Array.from({ length: pairs * 2 }, (_, i) => ({ familyName: 'ベンチ', givenName: String(i) })),
    );
    // Each level writes into meetings of its own (the n-th meeting of each series): every level starts from empty notes.
    const meetingIds: string[][] = [];
    for (let i = 0; i < pairs; i++) {
      const s = await createSeries(database.db, { managerId: people[2 * i]!.id, reportId: people[2 * i + 1]!.id });
      meetingIds.push((await meetingsOf(database.db, s.id)).map((m) => m.id));
    }
    server = serve({ fetch: createApp(services).fetch, port, hostname: '127.0.0.1' });
    collaboration = await createCollaboration(services);
    collaboration.attach(server);

    const cookies: string[] = new Array(people.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < people.length) {
          const i = next++;
          const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', origin: baseUrl },
            body: JSON.stringify({ email: people[i]!.email, password: TEST_PASSWORD }),
          });
          if (!res.ok) throw new Error(`sign-in answered ${res.status}`);
          cookies[i] = res.headers.get('set-cookie')!.split(';')[0]!;
        }
      }),
    );

    const rows: string[] = [];
    console.log(`\nTwo editors per room, one edit every ${INTERVAL} ms each for ${SECONDS} s; embedded PostgreSQL with fsync on; ms\n`);
    console.log(' rooms   edits  seen p50  seen p99  stored p50  stored p99   acked  lost  reconnects');
    for (const [level, n] of ROOMS.entries()) {
      const rooms: Room[] = Array.from({ length: n }, (_, i) => {
        const meetingId = meetingIds[i]![level]!;
        return { meetingId, documentName: meetingDocumentName(meetingId), cookies: [cookies[2 * i]!, cookies[2 * i + 1]!] };
      });
      child = fork(fileURLToPath(import.meta.url), ['editors'], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
      const outcome = await new Promise<Outcome>((resolve, reject) => {
        child!.on('message', (m) => {
          if ((m as { ready?: boolean }).ready) child!.send('go');
          else resolve(m as Outcome);
        });
        child!.once('exit', (code) => reject(new Error(`the editors exited with ${code}`)));
        child!.send({ url: `ws://127.0.0.1:${port}${COLLABORATION_PATH}`, origin: baseUrl, rooms, seconds: SECONDS, interval: INTERVAL } satisfies Plan);
      });
      child = null;
      // Everything acknowledged must be in the stored notes.
      const stored = await database.db
        .select({ meetingId: sharedNotes.meetingId, text: sharedNotes.text })
        .from(sharedNotes)
        .where(inArray(sharedNotes.meetingId, rooms.map((r) => r.meetingId)));
      const textOf = new Map(stored.map((s) => [s.meetingId, new Set(s.text.split('\n'))]));
      let acknowledged = 0;
      let lost = 0;
      for (const room of rooms) {
        const lines = textOf.get(room.meetingId) ?? new Set<string>();
        for (const line of outcome.acknowledged[room.documentName]!) {
          acknowledged++;
          if (!lines.has(line)) lost++;
        }
      }
      const pct = (xs: number[], q: number) => {
        const s = [...xs].sort((a, b) => a - b);
        return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
      };
      rows.push(
        String(n).padStart(6) +
          String(outcome.sent).padStart(8) +
          pct(outcome.seen, 0.5).toFixed(1).padStart(10) +
          pct(outcome.seen, 0.99).toFixed(1).padStart(10) +
          pct(outcome.stored, 0.5).toFixed(1).padStart(11) +
          pct(outcome.stored, 0.99).toFixed(1).padStart(11) +
          String(acknowledged).padStart(8) +
          String(lost).padStart(6) +
          String(outcome.reconnects).padStart(11),
      );
      console.log(rows.at(-1));
    }
  } finally {
    child?.kill();
    await collaboration?.destroy();
    server?.close();
    await database.close();
    await embedded.stop();
    rmSync(parent, { recursive: true, force: true });
  }
}
