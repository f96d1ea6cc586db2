import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { demo, openSession } from './fixtures.js';

// The meeting room's shared notes, with two real browsers: each sees the other's typing at once,
// and every character is there after both reload and after the server restarts. This spec runs
// its own server (on its own embedded data directory) so that it can restart it.

const port = 3241;
const origin = `http://127.0.0.1:${port}`;
let dataDir = '';
let server: ChildProcess | null = null;

async function startServer(): Promise<void> {
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), TAIWA_DATA_DIR: dataDir, DATABASE_URL: '', TAIWA_SECRET: '', LOG_LEVEL: 'warn', TAIWA_SIGNIN_RATE_LIMIT: '1000' },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`${origin}/healthz`)).ok) return;
    } catch {
      /* starting */
    }
    if (Date.now() > deadline) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function stopServer(): Promise<void> {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((r) => server!.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}

function session(browser: Browser, email: string): Promise<Page> {
  return openSession(browser, email, { baseURL: origin });
}

test.beforeAll(async () => {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'taiwa-notes-'));
  chmodSync(parent, 0o755);
  dataDir = path.join(parent, 'data');
  await startServer();
});
test.afterAll(async () => {
  await stopServer();
  rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

test('two people type at once, see each other within a second, and nothing is lost across reloads and a restart', async ({ browser }) => {
  test.setTimeout(180_000);
  const manager = await session(browser, demo.manager);
  const member = await session(browser, demo.member);
  const home = (await (await manager.request.get('/api/home')).json()) as { upcoming: { meeting: { id: string }; partner: { familyName: string } }[] };
  const meetingId = home.upcoming.find((u) => u.partner.familyName === '鈴木')!.meeting.id;
  const room = `/meetings/${meetingId}/room`;
  await Promise.all([manager.goto(room), member.goto(room)]);
  const editorOf = (p: Page) => p.locator('.ProseMirror');
  await Promise.all([expect(editorOf(manager)).toBeVisible(), expect(editorOf(member)).toBeVisible()]);

  const fromManager = '上司:キャリアについて次回までに考えておく';
  const fromMember = 'メンバー:来期は設計にも挑戦したい';
  await editorOf(manager).click();
  await editorOf(member).click();
  await Promise.all([
    manager.keyboard.type(fromManager, { delay: 15 }),
    member.keyboard.type(fromMember, { delay: 15 }),
  ]);
  await expect(editorOf(member)).toContainText(fromManager, { timeout: 1_000 });
  await expect(editorOf(manager)).toContainText(fromMember, { timeout: 1_000 });

  await Promise.all([manager.reload(), member.reload()]);
  for (const p of [manager, member]) {
    await expect(editorOf(p)).toContainText(fromManager);
    await expect(editorOf(p)).toContainText(fromMember);
  }

  await stopServer();
  await startServer();
  await Promise.all([manager.reload(), member.reload()]);
  for (const p of [manager, member]) {
    await expect(editorOf(p)).toContainText(fromManager);
    await expect(editorOf(p)).toContainText(fromMember);
  }
  await manager.context().close();
  await member.context().close();
});
