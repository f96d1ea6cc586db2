import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildServer } from '../../scripts/build-server.js';
import { meetingDocumentName } from './collaboration/documentName.js';
import { connect } from './db/client.js';
import { alive, freePort, readPid } from './db/embedded.js';
import { DEMO_PASSWORD, seedDemo } from './db/seed.js';
import { TEST_SECRET, testApp } from './test/app.js';
import { collectOutput, signInCookie, untilHealthy } from './test/childServer.js';
import { cloneDatabase } from './test/database.js';
import { connectNotes, settled, type NotesClient } from './test/notesClient.js';
import { dbSkipReason, noDatabase } from './test/provided.js';

/**
 * Durability under kill -9: the production server (the esbuild bundle `npm start` runs) as a child
 * process, two people writing at once — agenda topics, private notes, check-ins, action items
 * through REST and the shared note through the collaboration socket — and `SIGKILL` at a random
 * moment, ten times. After each restart on the same data every write the server acknowledged is
 * there with its exact content; a value overwritten in place (private note, check-in) is the last
 * acknowledged one or the one in flight when the process died.
 *
 * In the `embedded` project the server runs on an embedded data directory (the default production
 * set-up); every other round the kill takes the whole process group, the embedded PostgreSQL with it
 * (crash recovery, stale postmaster.pid), the other rounds the server alone (its PostgreSQL is left
 * running, orphaned, and the next start must stop it). In the `system-pg` project the server uses
 * the machine's PostgreSQL through DATABASE_URL.
 */
const ROUNDS = 10;
const project = inject('taiwaProject');
const embedded = project === 'embedded';

interface Overwritten {
  /** Value before this round's writes (the stored one), then each acknowledged value. */
  acknowledged: string | null;
  /** The value whose request had not been answered when the server died. */
  inFlight: string | null;
}

describe.skipIf(!embedded && noDatabase)(`acknowledged writes survive kill -9 of the server (${project})`, () => {
  if (!embedded && noDatabase) console.log(`durability (system-pg) skipped: ${dbSkipReason}`);
  let work = '';
  let port = 0;
  let databaseUrl = '';
  let child: ChildProcess | null = null;
  let output: () => string = () => '';
  /** Set from the moment SIGKILL is sent until the next start. */
  let killing = false;
  const sockets: NotesClient[] = [];
  const base = () => `http://127.0.0.1:${port}`;
  const dataDir = () => path.join(work, 'data');

  beforeAll(async () => {
    // Inside the checkout: the bundle finds the packages it leaves external in node_modules.
    mkdirSync('.tmp', { recursive: true });
    work = mkdtempSync(path.resolve('.tmp', 'durability-'));
    port = await freePort();
    // The bundle `npm start` runs, built here: the unit tests run before any build.
    await buildServer(path.join(work, 'server'));
    if (!embedded) {
      databaseUrl = await cloneDatabase();
      const database = connect(databaseUrl, 2);
      try {
        await seedDemo({ db: database.db, auth: testApp(database).services.auth });
      } finally {
        await database.close();
      }
    }
  });

  afterAll(async () => {
    for (const s of sockets) s.destroy();
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    // A PostgreSQL orphaned by the last kill (none expected: every kill is followed by a start).
    const pgPid = work ? await readPid(path.join(dataDir(), 'pg', 'postmaster.pid')) : null;
    if (pgPid && alive(pgPid)) process.kill(pgPid, 'SIGINT');
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function start(): Promise<void> {
    killing = false;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TAIWA_BASE_URL: base(),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      TAIWA_WEB_DIR: path.join(work, 'web'),
      ...(embedded
        ? { DATABASE_URL: '', TAIWA_SECRET: '', TAIWA_DATA_DIR: dataDir() }
        : { DATABASE_URL: databaseUrl, TAIWA_SECRET: TEST_SECRET }),
    };
    // Its own process group: a kill of the group takes the embedded PostgreSQL too.
    const proc = spawn(process.execPath, ['--enable-source-maps', path.join(work, 'server', 'main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child = proc;
    output = collectOutput(proc);
    await untilHealthy(base(), proc, { output, timeoutMs: 120_000, intervalMs: 50 });
  }

  /** SIGKILL to the server alone or to its whole process group; waits until it is gone. */
  async function kill(group: boolean): Promise<void> {
    const proc = child!;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    killing = true;
    if (group) process.kill(-proc.pid!, 'SIGKILL');
    else proc.kill('SIGKILL');
    await exited;
  }

  const signIn = (email: string) => signInCookie(base(), email, DEMO_PASSWORD);

  /** A request as `cookie`; the parsed body when the server answered 2xx, else null (refused or died). */
  async function send(cookie: string, method: string, url: string, body?: unknown): Promise<Record<string, unknown> | null> {
    try {
      const res = await fetch(`${base()}${url}`, {
        method,
        headers: { origin: base(), cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) {
        // A 5xx is not an acknowledgement; it is a failure unless the kill has begun (a killed
        // process group may take PostgreSQL down a moment before the server).
        if (res.status < 500 || !killing) throw new Error(`${method} ${url} was refused with ${res.status}: ${text}`);
        return null;
      }
      return JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      if (e instanceof Error && e.message.includes('was refused')) throw e;
      return null; // the connection died with the server: not acknowledged
    }
  }

  async function read(cookie: string, url: string): Promise<Record<string, unknown>> {
    const res = await fetch(`${base()}${url}`, { headers: { cookie } });
    expect(res.status, `${url}`).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  }

  it(`finds every acknowledged write after each of ${ROUNDS} kills`, async () => {
    await start();
    // Sessions are writes too: the cookies taken once must still sign in after every kill.
    const report = await signIn('member@demo.example');
    const manager = await signIn('manager@demo.example');
    const home = (await read(report, '/api/home')) as { upcoming: { meeting: { id: string }; myRole: string }[] };
    const meetingId = home.upcoming.find((u) => u.myRole === 'report')!.meeting.id;
    const view = (await read(report, `/api/meetings/${meetingId}`)) as { series: { report: { id: string }; manager: { id: string } } };
    const people = { report: view.series.report.id, manager: view.series.manager.id };

    const topics = new Map<string, { title: string; note: string }>();
    const actionItems = new Map<string, string>();
    const lines: string[] = [];
    const notes: Record<'report' | 'manager', Overwritten> = {
      report: { acknowledged: null, inFlight: null },
      manager: { acknowledged: null, inFlight: null },
    };
    const checkIn: Overwritten = { acknowledged: null, inFlight: null };
    let counts = { topics: 0, actionItems: 0, notes: 0, checkIns: 0, lines: 0 };

    /** Checks everything acknowledged so far; round 0 only takes the stored values as the starting point. */
    async function verify(round: number): Promise<void> {
      const why = `after kill ${round}`;
      const meeting = (await read(report, `/api/meetings/${meetingId}`)) as { topics: { id: string; title: string; note: string | null }[]; checkIn: { score: number; comment: string | null } | null };
      const storedTopics = new Map(meeting.topics.map((t) => [t.id, { title: t.title, note: t.note ?? '' }]));
      const lostTopics = [...topics].filter(([id, t]) => JSON.stringify(storedTopics.get(id)) !== JSON.stringify(t));
      expect(lostTopics, `topics ${why}`).toEqual([]);
      // Every open item of the manager's team, page by page (a meeting's own list stops at 200, and a
      // quick machine acknowledges more than that over ten rounds).
      const storedItems = new Map<string, string>();
      for (let page = 1; ; page++) {
        const list = (await read(manager, `/api/action-items?scope=team&status=open&pageSize=100&page=${page}`)) as { items: { id: string; title: string }[]; total: number };
        for (const a of list.items) storedItems.set(a.id, a.title);
        if (list.items.length === 0 || page * 100 >= list.total) break;
      }
      const lostItems = [...actionItems].filter(([id, title]) => storedItems.get(id) !== title);
      expect(lostItems, `action items ${why}`).toEqual([]);
      const storedCheckIn = meeting.checkIn ? `${meeting.checkIn.score}:${meeting.checkIn.comment}` : null;
      if (round > 0) expect([checkIn.acknowledged, checkIn.inFlight], `check-in ${why}`).toContain(storedCheckIn);
      checkIn.acknowledged = storedCheckIn;
      checkIn.inFlight = null;
      for (const [who, cookie] of [['report', report], ['manager', manager]] as const) {
        const note = (await read(cookie, `/api/meetings/${meetingId}/private-note`)) as { body: string };
        if (round > 0) expect([notes[who].acknowledged, notes[who].inFlight], `${who}'s private note ${why}`).toContain(note.body);
        notes[who] = { acknowledged: note.body, inFlight: null };
      }
      const reader = connectNotes({ url: `ws://127.0.0.1:${port}/collaboration`, documentName: meetingDocumentName(meetingId), cookie: report, origin: base() });
      sockets.push(reader);
      expect(await reader.outcome).toBe('authenticated');
      await settled(reader, 30_000);
      const shared = new Set(reader.text().split('\n'));
      expect(
        lines.filter((l) => !shared.has(l)),
        `shared-note lines ${why}`,
      ).toEqual([]);
      reader.destroy();
    }

    await verify(0);
    for (let round = 1; round <= ROUNDS; round++) {
      let writing = true;
      let seq = 0;
      const next = () => `${round}.${++seq}`;

      /** Loops `write` until the server dies (or is killed). */
      const loop = async (write: () => Promise<void>) => {
        while (writing) await write();
      };
      const workers: Promise<void>[] = [];
      for (const [who, cookie] of [['report', report], ['manager', manager]] as const) {
        // Two topic writers and one action-item writer each: several writes in flight at once.
        for (let w = 0; w < 2; w++) {
          workers.push(
            loop(async () => {
              const n = next();
              const t = { title: `${who} topic ${n}`, note: `メモ ${n} — ${who}` };
              const made = await send(cookie, 'POST', `/api/meetings/${meetingId}/topics`, { ...t, category: 'career', wantedResponse: 'thinkTogether' });
              if (made) topics.set(made.id as string, t);
              else writing = false;
            }),
          );
        }
        workers.push(
          loop(async () => {
            const title = `${who} action ${next()}`;
            const made = await send(cookie, 'POST', `/api/meetings/${meetingId}/action-items`, { ownerId: people[who], title });
            if (made) actionItems.set(made.id as string, title);
            else writing = false;
          }),
        );
        // Private notes are overwritten in place: one writer each, so the last answer is the stored one.
        workers.push(
          loop(async () => {
            const body = `${who}'s private note ${next()}\n二行目 ${'あ'.repeat(seq % 50)}`;
            notes[who].inFlight = body;
            const saved = await send(cookie, 'PUT', `/api/meetings/${meetingId}/private-note`, { body });
            if (saved) notes[who] = { acknowledged: body, inFlight: null };
            else writing = false;
          }),
        );
      }
      workers.push(
        loop(async () => {
          const score = (seq % 5) + 1;
          const comment = `check-in ${next()}`;
          checkIn.inFlight = `${score}:${comment}`;
          const saved = await send(report, 'PUT', `/api/meetings/${meetingId}/check-in`, { score, comment });
          if (saved) checkIn.acknowledged = `${score}:${comment}`;
          else writing = false;
        }),
      );
      // Both type in the shared note, a few lines at a time: when the provider has nothing left
      // unacknowledged, every line typed so far is acknowledged.
      for (const [i, cookie] of [report, manager].entries()) {
        const client = connectNotes({ url: `ws://127.0.0.1:${port}/collaboration`, documentName: meetingDocumentName(meetingId), cookie, origin: base() });
        sockets.push(client);
        expect(await client.outcome).toBe('authenticated');
        await settled(client, 30_000);
        workers.push(
          loop(async () => {
            const typed = [1, 2, 3].map(() => `${i ? 'M' : 'R'}${round}-${++counts.lines}`);
            for (const line of typed) client.type(line);
            while (writing && client.provider.unsyncedChanges > 0) await new Promise((r) => setTimeout(r, 2));
            if (writing) lines.push(...typed);
          }).finally(() => client.destroy()),
        );
      }

      const before = { topics: topics.size, actionItems: actionItems.size };
      // A random moment: somewhere in the first second and a half of writing.
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 1350));
      const group = embedded && round % 2 === 0;
      await kill(group);
      writing = false;
      await Promise.all(workers);
      counts = { ...counts, topics: topics.size, actionItems: actionItems.size };
      // Writing went on until the kill: the round proves something only if writes were acknowledged.
      expect(topics.size + actionItems.size, `writes acknowledged in round ${round}`).toBeGreaterThan(before.topics + before.actionItems);

      const orphan = embedded && !group ? await readPid(path.join(dataDir(), 'pg', 'postmaster.pid')) : null;
      if (embedded && !group) expect(orphan && alive(orphan), `PostgreSQL outlives the server in round ${round}`).toBe(true);
      await start();
      // The orphan was recognised as this data directory's PostgreSQL and stopped before the new one started.
      if (orphan) expect(output()).toContain('stopping an orphaned embedded PostgreSQL');
      await verify(round);
    }
    // The data directory is usable by a clean stop too.
    const last = child!;
    const exited = new Promise<number | null>((r) => last.once('exit', (code) => r(code)));
    last.kill('SIGTERM');
    expect(await exited).toBe(0);
    if (embedded) {
      expect(existsSync(path.join(dataDir(), 'taiwa.pid'))).toBe(false);
      expect(readFileSync(path.join(dataDir(), 'pg', 'PG_VERSION'), 'utf8').trim()).not.toBe('');
    }
    console.log(`durability (${project}): ${ROUNDS} kills; ${counts.topics} topics, ${counts.actionItems} action items, ${lines.length} shared-note lines acknowledged and found`);
  }, 600_000);
});
