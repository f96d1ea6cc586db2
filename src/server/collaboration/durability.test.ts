import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../db/client.js';
import { cookieFrom, TEST_SECRET, testApp } from '../test/app.js';
import { cloneDatabase } from '../test/database.js';
import { buildOrganisation, TEST_PASSWORD, type Organisation } from '../test/factories.js';
import { connectNotes, settled, waitFor, type NotesClient } from '../test/notesClient.js';
import { noDatabase } from '../test/provided.js';
import { createSeries, meetingsOf } from '../test/series.js';
import { meetingDocumentName } from './documentName.js';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * SPEC §3.3 "nothing typed is lost", taken literally: the real server (`main.ts`) as a child
 * process, both people typing, `kill -9` in the middle; after a restart everything the providers
 * saw acknowledged is there.
 */
describe.skipIf(noDatabase)('shared notes survive kill -9 of the server', () => {
  let url: string;
  let port: number;
  let org: Organisation;
  let meetingId: string;
  let child: ChildProcess | null = null;
  const clients: NotesClient[] = [];
  let close: () => Promise<void> = async () => {};

  const base = () => `http://127.0.0.1:${port}`;

  async function startServer(): Promise<ChildProcess> {
    let output = '';
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      env: { ...process.env, DATABASE_URL: url, TAIWA_SECRET: TEST_SECRET, PORT: String(port), HOST: '127.0.0.1', TAIWA_BASE_URL: base(), LOG_LEVEL: 'warn', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await waitFor(
      async () => {
        if (proc.exitCode !== null) throw new Error(`the server exited with ${proc.exitCode}: ${output}`);
        return fetch(`${base()}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      },
      30_000,
      'the server to listen',
    );
    return proc;
  }

  async function signIn(email: string): Promise<string> {
    const res = await fetch(`${base()}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { origin: base(), 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    return cookieFrom(res.headers);
  }

  const open = (cookie: string) => {
    const c = connectNotes({ url: `ws://127.0.0.1:${port}/collaboration`, documentName: meetingDocumentName(meetingId), cookie, origin: base() });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    url = await cloneDatabase();
    port = await freePort();
    const database = connect(url, 2);
    close = () => database.close();
    org = await buildOrganisation(database.db, testApp(database).services.auth);
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    meetingId = (await meetingsOf(database.db, s.id))[0]!.id;
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    child?.kill('SIGKILL');
    await close();
  });

  it('everything acknowledged before kill -9 is there after a restart', async () => {
    child = await startServer();
    const [reportCookie, managerCookie] = [await signIn(org.self.email), await signIn(org.partner.email)];
    const typists = [
      { client: open(reportCookie), prefix: 'R', typed: 0, acknowledged: 0 },
      { client: open(managerCookie), prefix: 'M', typed: 0, acknowledged: 0 },
    ];
    for (const t of typists) {
      expect(await t.client.outcome).toBe('authenticated');
      await settled(t.client);
      // When nothing is unacknowledged, every line typed so far is acknowledged.
      t.client.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
        if (number === 0) t.acknowledged = t.typed;
      });
    }
    // Both type in bursts, waiting for the acknowledgements in between…
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 5; i++) for (const t of typists) t.client.type(`${t.prefix}${++t.typed}`);
      await Promise.all(typists.map((t) => settled(t.client)));
    }
    expect(typists.map((t) => t.acknowledged)).toEqual([50, 50]);
    // …then keep typing, and the server is killed while lines are in flight.
    const typing = setInterval(() => {
      for (const t of typists) t.client.type(`${t.prefix}${++t.typed}`);
    }, 2);
    await new Promise((r) => setTimeout(r, 30));
    child.kill('SIGKILL');
    await new Promise<void>((resolve) => child!.once('exit', () => resolve()));
    clearInterval(typing);
    for (const t of typists) t.client.destroy();
    const acknowledged = typists.map((t) => ({ prefix: t.prefix, n: t.acknowledged, typed: t.typed }));

    child = await startServer();
    const reader = open(await signIn(org.self.email));
    expect(await reader.outcome).toBe('authenticated');
    await settled(reader);
    const lines = new Set(reader.text().split('\n'));
    for (const a of acknowledged) {
      expect(a.typed).toBeGreaterThan(a.n); // typing went on past the last acknowledgement
      const missing = Array.from({ length: a.n }, (_, i) => `${a.prefix}${i + 1}`).filter((l) => !lines.has(l));
      expect(missing).toEqual([]);
    }
    reader.destroy();
    child.kill('SIGTERM');
    await new Promise<void>((resolve) => child!.once('exit', () => resolve()));
    child = null;
  }, 60_000);
});
