/**
 * `npm run bench:start`: how soon `npm start` answers on an existing embedded data directory.
 *
 * Prepares a data directory once (first start: creates the cluster and the demo organisation, then
 * stops with SIGTERM), then starts `npm start` on it BENCH_RUNS times (default 5) and reports, from
 * spawn, the median, minimum and maximum time to
 *  - the first 200 on /healthz, and
 *  - the sign-in page served: /sign-in's document, every script and style sheet it links, and the
 *    session check the page makes first (/api/auth/get-session), all 200;
 * and the server's own "listening" time (`startedInMs`, from process start, without npm's share).
 * Each run is stopped with SIGTERM before the next. Not a pass/fail test.
 *
 * BENCH_RUNS (default 5), BENCH_PORT (default 3343), BENCH_DATA_DIR (default: a fresh temporary
 * directory, removed at the end; given, it is used as it is and kept).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS || 5);
const port = Number(process.env.BENCH_PORT || 3343);
const base = `http://127.0.0.1:${port}`;
const ownDir = !process.env.BENCH_DATA_DIR;
const dataDir = process.env.BENCH_DATA_DIR || path.join(mkdtempSync(path.join(os.tmpdir(), 'taiwa-bench-start-')), 'data');

interface Run {
  healthzMs: number;
  signInMs: number;
  listeningMs: number | null;
}

function start(): { child: ChildProcess; output: () => string } {
  let output = '';
  // `npm start` itself, in its own process group so that SIGTERM reaches the server behind npm.
  const child = spawn('npm', ['start', '--silent'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TAIWA_DATA_DIR: dataDir, DATABASE_URL: '', TAIWA_SECRET: '', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGTERM');
  await exited;
  // npm may exit before the server behind it has finished stopping; the server releases its lock last.
  const lock = path.join(dataDir, 'taiwa.pid');
  while (existsSync(lock)) await new Promise((r) => setTimeout(r, 20));
}

async function ok(url: string): Promise<Response | null> {
  try {
    const res = await fetch(url);
    return res.ok ? res : null;
  } catch {
    return null;
  }
}

/** Polls until `probe` is true; returns ms since `t0`. */
async function until(t0: number, probe: () => Promise<boolean>, child: ChildProcess, output: () => string): Promise<number> {
  const deadline = t0 + 300_000;
  for (;;) {
    if (await probe()) return performance.now() - t0;
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output()}`);
    if (performance.now() > deadline) throw new Error(`the server did not answer:\n${output()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The sign-in page as a browser first needs it: document, linked scripts and styles, session check. */
async function signInServed(): Promise<boolean> {
  const doc = await ok(`${base}/sign-in`);
  if (!doc) return false;
  const html = await doc.text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  if (assets.length === 0) throw new Error('the sign-in document links no scripts: is the web client built?');
  const answers = await Promise.all([...assets.map((a) => ok(`${base}${a}`)), ok(`${base}/api/auth/get-session`)]);
  await Promise.all(answers.map((r) => r?.arrayBuffer()));
  return answers.every((r) => r !== null);
}

async function once(): Promise<Run> {
  const t0 = performance.now();
  const { child, output } = start();
  try {
    const healthzMs = await until(t0, async () => !!(await ok(`${base}/healthz`)), child, output);
    const signInMs = await until(t0, signInServed, child, output);
    const listening = /"startedInMs":(\d+)/.exec(output());
    return { healthzMs, signInMs, listeningMs: listening ? Number(listening[1]) : null };
  } finally {
    await stop(child);
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main() {
  if (!existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))) {
    console.log(`preparing ${dataDir} (first start: cluster and demo organisation)…`);
    const first = await once();
    console.log(`first start: /healthz after ${Math.round(first.healthzMs)} ms`);
  }
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await once();
    runs.push(r);
    console.log(`run ${i + 1}: /healthz ${Math.round(r.healthzMs)} ms, sign-in page ${Math.round(r.signInMs)} ms, server listening at ${r.listeningMs ?? '?'} ms`);
  }
  const row = (name: string, xs: number[]) =>
    `${name.padEnd(34)} ${String(Math.round(median(xs))).padStart(7)} ${String(Math.round(Math.min(...xs))).padStart(7)} ${String(Math.round(Math.max(...xs))).padStart(7)}`;
  console.log(`\nnpm start on an existing data directory, ${RUNS} runs (ms from spawn)`);
  console.log(`${''.padEnd(34)} ${'median'.padStart(7)} ${'min'.padStart(7)} ${'max'.padStart(7)}`);
  console.log(row('first 200 on /healthz', runs.map((r) => r.healthzMs)));
  console.log(row('sign-in page served', runs.map((r) => r.signInMs)));
  const listening = runs.map((r) => r.listeningMs).filter((x): x is number => x !== null);
  if (listening.length) console.log(row('listening (server process clock)', listening));
}

try {
  await main();
} finally {
  if (ownDir) rmSync(path.dirname(dataDir), { recursive: true, force: true });
}
