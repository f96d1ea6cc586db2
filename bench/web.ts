/**
 * `npm run bench:web`: how soon pages become usable in headless Chromium on the built web client,
 * served by the real server (the same start path as `npm start`) on a fresh embedded data directory
 * with the demo organisation. For sign-in, home, meeting room, prep brief and minutes it reports,
 * cold (empty cache) and warm (reload), the median time from navigation start to usable (a heading
 * shown and no loader or skeleton left), the JavaScript loaded (bytes on the wire and gzip size),
 * and the requests started before the page was usable with the depth of their chain (the document
 * is 0, what it loads 1, what that loads 2…). One table; not a pass/fail test.
 *
 * BENCH_RUNS (default 5), BENCH_PORT (default 3308), BENCH_SHOW=1 (list each page's API requests and scripts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { findBrowser } from '../e2e/browser.js';
import { untilHealthy } from '../src/server/test/childServer.js';

const RUNS = Number(process.env.BENCH_RUNS || 5);
const port = Number(process.env.BENCH_PORT || 3308);
const baseUrl = `http://127.0.0.1:${port}`;
const PASSWORD = 'taiwa-demo';

interface Load {
  usableMs: number;
  requests: number;
  apiRequests: number;
  depth: number;
  apiDepth: number;
  jsWire: number;
  jsGzip: number;
  jsFiles: number;
}

interface Target {
  name: string;
  path: string;
  signedIn: boolean;
}

/** Waits for the page to be usable and returns performance.now() at that moment (ms since navigation start). */
async function usableAt(page: Page): Promise<number> {
  // No named inner functions: tsx would wrap them in a helper the page does not have.
  const handle = await page.waitForFunction(
    () =>
      [...document.querySelectorAll('h1')].some((el) => el.checkVisibility()) &&
      ![...document.querySelectorAll('.mantine-Skeleton-root, .mantine-Loader-root')].some((el) => el.checkVisibility())
        ? performance.now()
        : false,
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

interface Seen {
  url: string;
  startedAt: number;
  initiators: string[];
  type: string;
  encodedBytes: number;
  gzipBytes: number;
}

/** Loads `url` in `page` and measures it, with the Chrome DevTools Protocol for initiators and bytes. */
async function measure(context: BrowserContext, page: Page, url: string): Promise<Load> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const seen = new Map<string, Seen>();
  const bodies: Promise<void>[] = [];
  cdp.on('Network.requestWillBeSent', (e) => {
    const frames = (e.initiator.stack?.callFrames ?? []).map((f) => f.url);
    let parent = e.initiator.stack?.parent;
    while (parent) {
      frames.push(...parent.callFrames.map((f) => f.url));
      parent = parent.parent;
    }
    if (e.initiator.url) frames.push(e.initiator.url);
    seen.set(e.requestId, { url: e.request.url, startedAt: e.timestamp, initiators: frames, type: e.type ?? 'Other', encodedBytes: 0, gzipBytes: 0 });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const s = seen.get(e.requestId);
    if (!s) return;
    s.encodedBytes = e.encodedDataLength;
    if (s.type === 'Script') {
      bodies.push(
        cdp
          .send('Network.getResponseBody', { requestId: e.requestId })
          .then((b) => {
            s.gzipBytes = zlib.gzipSync(b.base64Encoded ? Buffer.from(b.body, 'base64') : Buffer.from(b.body), { level: 9 }).length;
          })
          .catch(() => undefined),
      );
    }
  });
  await page.goto(url, { waitUntil: 'commit' });
  const usableMs = await usableAt(page);
  await Promise.all(bodies);
  await cdp.detach();

  // Requests started before the page was usable (CDP timestamps are seconds on a monotonic clock:
  // compare against the document request's start).
  const all = [...seen.values()];
  const doc = all.find((s) => s.type === 'Document');
  const t0 = doc?.startedAt ?? Math.min(...all.map((s) => s.startedAt));
  const before = all.filter((s) => (s.startedAt - t0) * 1000 <= usableMs + 1);
  const depthOf = new Map<string, number>();
  const depth = (s: Seen): number => {
    if (s.type === 'Document') return 0;
    let d = 0;
    for (const init of s.initiators) {
      const known = depthOf.get(init.split('#')[0]!);
      if (known !== undefined) d = Math.max(d, known);
    }
    return d + 1;
  };
  for (const s of before.sort((a, b) => a.startedAt - b.startedAt)) {
    const d = depth(s);
    if (!depthOf.has(s.url) || depthOf.get(s.url)! > d) depthOf.set(s.url, d);
  }
  const api = before.filter((s) => new URL(s.url).pathname.startsWith('/api/'));
  // BENCH_SHOW=1: what each page asked the API for before it was usable, when, and how deep.
  if (process.env.BENCH_SHOW) {
    console.error(`${new URL(url, baseUrl).pathname}: usable at ${usableMs.toFixed(0)} ms`);
    for (const s of api) console.error(`  +${((s.startedAt - t0) * 1000).toFixed(0).padStart(5)} ms  depth ${depthOf.get(s.url) ?? '?'}  ${new URL(s.url).pathname}${new URL(s.url).search}`);
  }
  const scripts = before.filter((s) => s.type === 'Script');
  if (process.env.BENCH_SHOW) {
    for (const s of [...scripts].sort((a, b) => b.gzipBytes - a.gzipBytes))
      console.error(`  ${(s.gzipBytes / 1024).toFixed(1).padStart(6)} kB gzip  ${new URL(s.url).pathname}`);
  }
  return {
    usableMs,
    requests: before.length,
    apiRequests: api.length,
    depth: Math.max(0, ...before.map((s) => depthOf.get(s.url) ?? 0)),
    apiDepth: Math.max(0, ...api.map((s) => depthOf.get(s.url) ?? 0)),
    jsWire: scripts.reduce((n, s) => n + s.encodedBytes, 0),
    jsGzip: scripts.reduce((n, s) => n + s.gzipBytes, 0),
    jsFiles: scripts.length,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function signedInContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 800 } });
  const res = await context.request.post('/api/auth/sign-in/email', {
    data: { email: 'manager@demo.example', password: PASSWORD },
    headers: { origin: baseUrl },
  });
  if (!res.ok()) throw new Error(`sign-in answered ${res.status()}`);
  return context;
}

const parent = mkdtempSync(path.join(os.tmpdir(), 'taiwa-bench-web-'));
const server = spawn(process.execPath, ['scripts/start.mjs'], {
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    TAIWA_DATA_DIR: path.join(parent, 'data'),
    DATABASE_URL: '',
    TAIWA_SECRET: '',
    TAIWA_SIGNIN_RATE_LIMIT: '100000',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
let browser: Browser | null = null;
try {
  await untilHealthy(baseUrl, server, { timeoutMs: 600_000 });
  browser = await chromium.launch({
    executablePath: findBrowser() ?? undefined,
    args: ['--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const setup = await signedInContext(browser);
  const home = (await (await setup.request.get('/api/home')).json()) as { upcoming: { meeting: { id: string } }[] };
  const upcoming = home.upcoming[0]!.meeting.id;
  const series = (await (await setup.request.get('/api/series')).json()) as { items: { id: string; myRole: string }[] };
  const seriesId = series.items.find((s) => s.myRole === 'manager')!.id;
  const past = (await (await setup.request.get(`/api/series/${seriesId}/meetings?when=past&pageSize=5`)).json()) as {
    items: { id: string; status: string }[];
  };
  const held = past.items.find((m) => m.status === 'acknowledged' || m.status === 'shared')!.id;
  await setup.close();

  const targets: Target[] = [
    { name: 'sign-in', path: '/sign-in', signedIn: false },
    { name: 'home', path: '/', signedIn: true },
    { name: 'meeting room', path: `/meetings/${upcoming}/room`, signedIn: true },
    { name: 'prep brief', path: `/meetings/${upcoming}/prep`, signedIn: true },
    { name: 'minutes', path: `/meetings/${held}/minutes`, signedIn: true },
  ];
  const rows: { target: Target; cold: Load[]; warm: Load[] }[] = [];
  for (const target of targets) {
    const cold: Load[] = [];
    const warm: Load[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = target.signedIn
        ? await signedInContext(browser)
        : await browser.newContext({ baseURL: baseUrl, locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      cold.push(await measure(context, page, target.path));
      warm.push(await measure(context, page, target.path));
      await context.close();
    }
    rows.push({ target, cold, warm });
  }

  const kB = (n: number) => `${(n / 1024).toFixed(0)} kB`;
  const cols = ['page', 'cold ms', 'warm ms', 'JS wire', 'JS gzip', 'JS files', 'requests', 'API', 'depth', 'API depth'];
  const widths = [14, 9, 9, 9, 9, 9, 9, 5, 7, 10];
  console.log(
    `\nHeadless Chromium, ${RUNS} runs each (medians), ${baseUrl}, load: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  console.log(cols.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(''));
  for (const { target, cold, warm } of rows) {
    const m = (f: (l: Load) => number, from = cold) => median(from.map(f));
    const cells = [
      target.name,
      m((l) => l.usableMs).toFixed(0),
      m((l) => l.usableMs, warm).toFixed(0),
      kB(m((l) => l.jsWire)),
      kB(m((l) => l.jsGzip)),
      String(m((l) => l.jsFiles)),
      String(m((l) => l.requests)),
      String(m((l) => l.apiRequests)),
      String(m((l) => l.depth)),
      String(m((l) => l.apiDepth)),
    ];
    console.log(cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(''));
  }
  console.log('\nusable: a heading shown and no loader or skeleton left; cold: a new browser context; warm: a reload in the same context.');
  console.log('JS: scripts requested before usable (cold); depth: longest chain of requests (document = 0).');
} finally {
  await browser?.close();
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));
  rmSync(parent, { recursive: true, force: true });
}
