/**
 * `npm run soak`: holds a mixed read/write load on the real server for a chosen time and prints, per
 * interval, the throughput, latency and errors, then the errors by kind and the server's memory
 * growth from start to end. Not part of CI; not a pass/fail test (it exits 1 only when the server
 * dies or answers with errors, so a scheduled run can alert).
 *
 * The server is started as `npm start` starts it (scripts/start.mjs: builds what changed, then runs
 * the bundle) on a fresh embedded data directory with the demo organisation, with a small probe
 * (bench/soak-probe.mjs) that reports its memory after a full GC. The load: SOAK_CONCURRENCY
 * workers (default 8), each signed in as one of the demo manager and their reports, looping over
 * reads (home, meeting, open action items, private note, action-item list) and writes (topic added,
 * edited, marked discussed and removed; private note saved; check-in; action item added and closed),
 * plus one typist per person in the shared note through the collaboration socket.
 *
 * SOAK_SECONDS (default 60), SOAK_CONCURRENCY (default 8), SOAK_INTERVAL (seconds, default 10),
 * SOAK_PORT (default 3345), SOAK_WARMUP (seconds before the first memory sample, default 5).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { meetingDocumentName } from '../src/server/collaboration/documentName.js';
import { DEMO_PASSWORD } from '../src/server/db/seed.js';
import { connectNotes, settled, type NotesClient } from '../src/server/test/notesClient.js';
import { collectOutput, signInCookie, untilHealthy } from '../src/server/test/childServer.js';

const SECONDS = Number(process.env.SOAK_SECONDS || 60);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY || 8);
const INTERVAL = Number(process.env.SOAK_INTERVAL || 10);
const WARMUP = Number(process.env.SOAK_WARMUP || 5);
const port = Number(process.env.SOAK_PORT || 3345);
const base = `http://127.0.0.1:${port}`;

interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

interface Person {
  email: string;
  cookie: string;
  personId: string;
  /** Upcoming meetings this person is in, with the partner's person id. */
  meetings: { id: string; partnerId: string; role: 'manager' | 'report' }[];
}

// ---- Server ----

const work = mkdtempSync(path.join(os.tmpdir(), 'taiwa-soak-'));
let server: ChildProcess | null = null;
let serverOutput: () => string = () => '';
let serverDied = false;

async function startServer(): Promise<void> {
  server = spawn(process.execPath, ['--expose-gc', '--import', './bench/soak-probe.mjs', 'scripts/start.mjs'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TAIWA_BASE_URL: base, TAIWA_DATA_DIR: path.join(work, 'data'), DATABASE_URL: '', TAIWA_SECRET: '', LOG_LEVEL: 'warn', TAIWA_SIGNIN_RATE_LIMIT: '10000' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  serverOutput = collectOutput(server);
  server.once('exit', () => (serverDied = true));
  await untilHealthy(base, server, { output: serverOutput, intervalMs: 200 });
}

function memory(): Promise<Memory> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not report its memory')), 30_000);
    const onMessage = (m: unknown) => {
      const mem = (m as { memory?: Memory }).memory;
      if (!mem) return;
      clearTimeout(timer);
      server!.off('message', onMessage);
      resolve(mem);
    };
    server!.on('message', onMessage);
    server!.send('memory');
  });
}

async function stopServer(): Promise<void> {
  if (!server || serverDied) return;
  const exited = new Promise((r) => server!.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}

// ---- Measuring ----

const errors = new Map<string, number>();
let window = { ok: 0, reads: 0, writes: 0, errors: 0, latencies: [] as number[] };
const totals = { ok: 0, reads: 0, writes: 0, errors: 0 };

function error(kind: string) {
  errors.set(kind, (errors.get(kind) ?? 0) + 1);
  window.errors++;
  totals.errors++;
}

/** One request; its route name (ids replaced) names its errors. */
async function call(person: Person, method: string, url: string, body?: unknown): Promise<Record<string, unknown> | null> {
  const route = `${method} ${url.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id').replace(/\?.*/, '')}`;
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { origin: base, cookie: person.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    window.latencies.push(performance.now() - t0);
    if (!res.ok) {
      error(`${route} → ${res.status}${res.status < 500 ? `: ${text.slice(0, 120)}` : ''}`);
      return null;
    }
    window.ok++;
    totals.ok++;
    const kind = method === 'GET' ? 'reads' : 'writes';
    window[kind]++;
    totals[kind]++;
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch (e) {
    error(`${route} → ${(e as Error & { cause?: { code?: string } }).cause?.code ?? (e as Error).message}`);
    return null;
  }
}

// ---- Load ----

async function signIn(email: string): Promise<Person> {
  const cookie = await signInCookie(base, email, DEMO_PASSWORD);
  const person: Person = { email, cookie, personId: '', meetings: [] };
  const home = (await call(person, 'GET', '/api/home')) as { upcoming: { meeting: { id: string }; myRole: 'manager' | 'report'; partner: { id: string } }[] };
  for (const u of home.upcoming) {
    const view = (await call(person, 'GET', `/api/meetings/${u.meeting.id}`)) as { series: { manager: { id: string }; report: { id: string } } };
    person.personId = u.myRole === 'manager' ? view.series.manager.id : view.series.report.id;
    person.meetings.push({ id: u.meeting.id, partnerId: u.partner.id, role: u.myRole });
  }
  return person;
}

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)]!;
let seq = 0;

/** One step of a worker: a read most of the time, a write otherwise (about 2:1). */
async function step(person: Person, mine: { topics: string[]; items: string[] }): Promise<void> {
  const m = pick(person.meetings);
  const n = ++seq;
  switch (Math.floor(Math.random() * 12)) {
    case 0:
      await call(person, 'GET', '/api/home');
      return;
    case 1:
    case 2:
      await call(person, 'GET', `/api/meetings/${m.id}`);
      return;
    case 3:
      await call(person, 'GET', `/api/meetings/${m.id}/open-action-items`);
      return;
    case 4:
      await call(person, 'GET', `/api/meetings/${m.id}/private-note`);
      return;
    case 5:
      await call(person, 'GET', '/api/action-items?scope=mine&status=all');
      return;
    case 6:
    case 7: {
      // Topics: added, edited, marked discussed, removed (a worker keeps at most five).
      if (mine.topics.length < 5) {
        const t = await call(person, 'POST', `/api/meetings/${m.id}/topics`, { title: `soak topic ${n}`, note: `note ${n}`, category: 'skills', wantedResponse: 'advice' });
        if (t) mine.topics.push(t.id as string);
        return;
      }
      const id = mine.topics.shift()!;
      await call(person, 'PATCH', `/api/topics/${id}`, { title: `soak topic ${n} (edited)` });
      await call(person, 'POST', `/api/topics/${id}/discussed`, { discussed: true });
      await call(person, 'DELETE', `/api/topics/${id}`);
      return;
    }
    case 8:
      await call(person, 'PUT', `/api/meetings/${m.id}/private-note`, { body: `private note ${n}\n${'メモ '.repeat(n % 40)}` });
      return;
    case 9:
      if (m.role === 'report') await call(person, 'PUT', `/api/meetings/${m.id}/check-in`, { score: (n % 5) + 1, comment: `check-in ${n}` });
      else await call(person, 'GET', `/api/meetings/${m.id}`);
      return;
    default: {
      // Action items: added, then closed (a worker keeps at most five open).
      if (mine.items.length < 5) {
        const a = await call(person, 'POST', `/api/meetings/${m.id}/action-items`, { ownerId: pick([person.personId, m.partnerId]), title: `soak action ${n}` });
        if (a) mine.items.push(a.id as string);
        return;
      }
      await call(person, 'PATCH', `/api/action-items/${mine.items.shift()!}`, { status: 'done' });
    }
  }
}

async function typist(person: Person, meetingId: string, until: () => boolean): Promise<void> {
  let client: NotesClient | null = null;
  try {
    client = connectNotes({ url: `ws://127.0.0.1:${port}/collaboration`, documentName: meetingDocumentName(meetingId), cookie: person.cookie, origin: base });
    const outcome = await client.outcome;
    if (outcome !== 'authenticated') return error(`shared note: refused (${outcome.refused})`);
    await settled(client, 30_000);
    while (!until()) {
      const t0 = performance.now();
      client.type(`soak line ${++seq}`);
      try {
        await settled(client, 30_000);
        window.latencies.push(performance.now() - t0);
        window.ok++;
        window.writes++;
        totals.ok++;
        totals.writes++;
      } catch {
        error('shared note: no acknowledgement within 30 s');
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (e) {
    error(`shared note: ${(e as Error).message}`);
  } finally {
    client?.destroy();
  }
}

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const percentile = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function main() {
  console.log(`soak: ${SECONDS} s, ${CONCURRENCY} workers, interval ${INTERVAL} s; starting the server (npm start path)…`);
  await startServer();
  const people = await Promise.all(['manager@demo.example', 'member@demo.example', 'newcomer@demo.example'].map(signIn));
  const active = people.filter((p) => p.meetings.length > 0);
  if (!active.length) throw new Error('no demo account has an upcoming meeting');
  // Warm-up: a little load, then the first memory sample.
  let stop = false;
  const warmEnd = Date.now() + WARMUP * 1000;
  await Promise.all(active.map(async (p) => {
    const mine = { topics: [] as string[], items: [] as string[] };
    while (Date.now() < warmEnd) await step(p, mine);
  }));
  errors.clear();
  Object.assign(totals, { ok: 0, reads: 0, writes: 0, errors: 0 });
  window = { ok: 0, reads: 0, writes: 0, errors: 0, latencies: [] };
  const first = await memory();

  const started = performance.now();
  const end = started + SECONDS * 1000;
  const until = () => stop || performance.now() >= end || serverDied;
  const workers = Array.from({ length: CONCURRENCY }, async (_, i) => {
    const person = active[i % active.length]!;
    const mine = { topics: [] as string[], items: [] as string[] };
    while (!until()) await step(person, mine);
  });
  const typists = active.map((p) => typist(p, p.meetings[0]!.id, until));

  console.log(`\n${'t (s)'.padStart(6)} ${'req/s'.padStart(7)} ${'reads'.padStart(6)} ${'writes'.padStart(6)} ${'errors'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'rss'.padStart(9)} ${'heap'.padStart(9)}`);
  const report = async () => {
    const w = window;
    window = { ok: 0, reads: 0, writes: 0, errors: 0, latencies: [] };
    const mem = serverDied ? null : await memory().catch(() => null);
    const t = (performance.now() - started) / 1000;
    console.log(
      `${t.toFixed(0).padStart(6)} ${((w.ok + w.errors) / INTERVAL).toFixed(1).padStart(7)} ${String(w.reads).padStart(6)} ${String(w.writes).padStart(6)} ${String(w.errors).padStart(6)} ${percentile(w.latencies, 50).toFixed(0).padStart(7)} ${percentile(w.latencies, 95).toFixed(0).padStart(7)} ${(mem ? mb(mem.rss) : '-').padStart(9)} ${(mem ? mb(mem.heapUsed) : '-').padStart(9)}`,
    );
  };
  const ticker = setInterval(() => void report(), INTERVAL * 1000);
  await Promise.all([...workers, ...typists]);
  clearInterval(ticker);
  stop = true;
  if (serverDied) console.log(`\nthe server died during the soak:\n${serverOutput()}`);
  const last = serverDied ? null : await memory();
  const seconds = (performance.now() - started) / 1000;

  console.log(`\n${totals.ok + totals.errors} requests in ${seconds.toFixed(0)} s (${((totals.ok + totals.errors) / seconds).toFixed(1)}/s): ${totals.reads} reads, ${totals.writes} writes acknowledged, ${totals.errors} errors`);
  if (errors.size) {
    console.log('errors by kind:');
    for (const [kind, n] of [...errors].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(6)}  ${kind}`);
  }
  if (last) {
    const row = (name: string, a: number, b: number) => console.log(`  ${name.padEnd(10)} ${mb(a).padStart(10)} → ${mb(b).padStart(10)}  (${b >= a ? '+' : ''}${mb(b - a)}, ${(((b - a) / a) * 100).toFixed(1)}%)`);
    console.log('server memory, after warm-up → end (after a full GC):');
    row('rss', first.rss, last.rss);
    row('heap used', first.heapUsed, last.heapUsed);
    row('external', first.external, last.external);
  }
  process.exitCode = serverDied || totals.errors > 0 ? 1 : 0;
}

try {
  await main();
} finally {
  await stopServer();
  rmSync(work, { recursive: true, force: true });
}
