import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { managerShare } from '../src/domain/talkBalance.js';
import { findBrowser } from './browser.js';
import { demo, expect, expectNoAxeViolations, expectNoHorizontalScroll, openSession, setLanguage, shootAtWidths, test } from './fixtures.js';

// Talk balance with two browsers whose microphones are WAV files: speech generated with espeak-ng
// (Japanese for the manager, English for the report) of known length, with a stretch of pink noise
// that must count as silence. Measured speech must be within 5 % of the truth, the split right, the
// figure in the minutes — and no request or WebSocket frame may carry audio.

const shots = 'docs/screenshots';
const tools = ['espeak-ng', 'sox', 'soxi'].filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
if (tools.length > 0) console.warn(`[talkBalance] skipped: ${tools.join(', ')} not installed (scripts/ensure-browser.ts installs them with apt)`);

const RATE = 44_100;
const LEAD_S = 2;
const NOISE_S = 3;
const TAIL_S = 30;

/**
 * Speaks each sentence with espeak-ng, trims its own silence, joins them with one-second pauses
 * (longer than the hangover: not speech), and returns the summed sentence lengths and a microphone file.
 */
function speechFile(dir: string, name: string, voice: string, sentences: string[]): { file: string; truth: number } {
  const parts: string[] = [];
  let truth = 0;
  for (const [i, text] of sentences.entries()) {
    const raw = path.join(dir, `${name}-${i}-raw.wav`);
    const trimmed = path.join(dir, `${name}-${i}-trim.wav`);
    execFileSync('espeak-ng', ['-v', voice, '-s', '150', '-w', raw, text]);
    execFileSync('sox', [raw, '-r', String(RATE), '-c', '2', trimmed, 'silence', '1', '0.01', '0.1%', 'reverse', 'silence', '1', '0.01', '0.1%', 'reverse', 'pad', '0', i < sentences.length - 1 ? '1' : '0']);
    truth += Number(execFileSync('soxi', ['-D', raw.replace('-raw', '-trim')]).toString().trim()) - (i < sentences.length - 1 ? 1 : 0);
    parts.push(trimmed);
  }
  const joined = path.join(dir, `${name}-speech.wav`);
  execFileSync('sox', [...parts, joined]);
  // Lead-in, speech, a pause, pink noise (not speech), then a long quiet tail (the fake microphone
  // repeats its last 10 ms forever), all over a quiet hiss: a real microphone never gives exact zeros.
  const noise = path.join(dir, `${name}-noise.wav`);
  execFileSync('sox', ['-n', '-r', String(RATE), '-c', '2', noise, 'synth', String(NOISE_S), 'pinknoise', 'vol', '0.05']);
  const voiced = path.join(dir, `${name}-voiced.wav`);
  execFileSync('sox', [joined, noise, voiced, 'pad', `${LEAD_S}`, '0']);
  const padded = path.join(dir, `${name}-padded.wav`);
  execFileSync('sox', [voiced, padded, 'pad', '0', String(TAIL_S)]);
  const seconds = Number(execFileSync('soxi', ['-D', padded]).toString().trim());
  const hiss = path.join(dir, `${name}-hiss.wav`);
  execFileSync('sox', ['-n', '-r', String(RATE), '-c', '2', hiss, 'synth', String(seconds), 'whitenoise', 'vol', '0.0005']);
  const file = path.join(dir, `${name}.wav`);
  execFileSync('sox', ['-m', padded, hiss, file]);
  return { file, truth: truth * 1000 };
}

/** A browser whose microphone plays `wav` once. */
function browserWith(wav: string): Promise<Browser> {
  return chromium.launch({
    executablePath: findBrowser() ?? undefined,
    args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wav}%noloop`, '--autoplay-policy=no-user-gesture-required'],
  });
}

interface Traffic {
  bodies: { url: string; method: string; body: string }[];
  frames: number[];
}
/** Records every request body and the size of every WebSocket frame of `page`. */
function watch(page: Page): Traffic {
  const t: Traffic = { bodies: [], frames: [] };
  page.on('request', (r) => t.bodies.push({ url: r.url(), method: r.method(), body: r.postData() ?? '' }));
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => t.frames.push(typeof f.payload === 'string' ? f.payload.length : f.payload.byteLength));
  });
  return t;
}

test.skip(tools.length > 0, `needs ${tools.join(', ')}`);

test('two browsers measure their own speech within 5 %, noise is silence, the split reaches the minutes, and no audio leaves', async ({ baseURL }) => {
  test.setTimeout(300_000);
  mkdirSync(shots, { recursive: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'taiwa-talk-'));
  const ja = speechFile(dir, 'manager', 'ja', ['きょうは、らいげつの もくひょうについて、すこし はなしましょう。', 'さいきんの しごとは どうですか。']);
  const en = speechFile(dir, 'report', 'en', ['Thank you.', 'Lately the project has been busy, but I learned a lot from the design reviews.', 'I would like to lead one next month, if possible.']);
  const browsers = [await browserWith(ja.file), await browserWith(en.file)];
  try {
    const manager = await openSession(browsers[0]!, demo.manager, { baseURL });
    const member = await openSession(browsers[1]!, demo.member, { baseURL });
    for (const p of [manager, member]) await p.context().grantPermissions(['microphone'], { origin: baseURL });
    const traffic = [watch(manager), watch(member)];

    // A meeting of its own (an extra one in the pair's series), so no other test's meeting changes.
    const origin = { origin: baseURL! };
    const home = (await (await manager.request.get('/api/home')).json()) as { upcoming: { meeting: { seriesId: string }; partner: { familyName: string } }[] };
    const seriesId = home.upcoming.find((u) => u.partner.familyName === '鈴木')!.meeting.seriesId;
    const created = await manager.request.post(`/api/series/${seriesId}/meetings`, { headers: origin, data: { startsAt: new Date().toISOString(), durationMinutes: 30 } });
    expect(created.status()).toBe(201);
    const meetingId = ((await created.json()) as { id: string }).id;
    const room = `/meetings/${meetingId}/room`;
    await Promise.all([manager.goto(room), member.goto(room)]);

    // Each opts in for themselves; nothing is measured until both have and the meeting runs.
    for (const p of [manager, member]) {
      await expect(p.getByText('計るのは、それぞれの端末のマイクで「いつ話していたか」だけです', { exact: false })).toBeVisible({ timeout: 30_000 });
    }
    await manager.getByTestId('talk-consent').click();
    await expect(manager.getByTestId('talk-status')).toHaveText('相手の参加を待っています。');
    await member.getByTestId('talk-consent').click();
    await expect(manager.getByTestId('talk-status')).toHaveText('二人とも参加しています。1on1を開始すると計測が始まります。');
    expect((await manager.request.post(`/api/meetings/${meetingId}/start`, { headers: origin })).status()).toBe(200);
    for (const p of [manager, member]) await expect(p.getByTestId('talk-status')).toHaveText(/計測中/, { timeout: 15_000 });

    // The figure settles once both files have played their speech and noise (their quiet tails follow).
    const within = (measured: number, truth: number) => Math.abs(measured - truth) <= truth * 0.05;
    let figure = { managerMs: 0, reportMs: 0 };
    await expect
      .poll(
        async () => {
          const next = (await (await manager.request.get(`/api/meetings/${meetingId}/talk`)).json()) as typeof figure;
          if (next.managerMs !== figure.managerMs || next.reportMs !== figure.reportMs) console.log(`[talkBalance] so far ${next.managerMs} / ${next.reportMs} ms (truth ${Math.round(ja.truth)} / ${Math.round(en.truth)})`);
          figure = next;
          return within(figure.managerMs, ja.truth) && within(figure.reportMs, en.truth);
        },
        { timeout: 90_000, intervals: [1_000] },
      )
      .toBe(true);
    const share = managerShare(figure)!;
    const truthShare = (ja.truth / (ja.truth + en.truth)) * 100;
    console.log(`[talkBalance] manager ${figure.managerMs} ms (truth ${Math.round(ja.truth)}), report ${figure.reportMs} ms (truth ${Math.round(en.truth)}); share ${share.toFixed(1)} % (truth ${truthShare.toFixed(1)} %)`);
    expect(Math.abs(share - truthShare)).toBeLessThan(3);
    // Both rooms show the same live bar.
    for (const p of [manager, member]) await expect(p.getByTestId('talk-manager')).toHaveText(`上司 ${Math.round(share)}%（${Math.round(figure.managerMs / 1000)}秒）`);
    await expectNoAxeViolations(manager, 'room with the talk balance');
    await expectNoHorizontalScroll(manager, 'room');
    await shootAtWidths(manager, `${shots}/room-talk-ja`, async (p) => expect(p.getByTestId('talk-manager')).toBeVisible());
    await setLanguage(manager, 'en');
    await manager.reload();
    await expect(manager.getByTestId('talk-status')).toHaveText(/Measuring/, { timeout: 30_000 });
    await shootAtWidths(manager, `${shots}/room-talk-en`, async (p) => expect(p.getByTestId('talk-manager')).toBeVisible());
    await setLanguage(manager, 'ja');

    // No audio left either browser: every request body is small, interval posts carry interval fields only.
    for (const t of traffic) {
      for (const r of t.bodies) expect(r.body.length, `${r.method} ${r.url}`).toBeLessThan(4_096);
      const posts = t.bodies.filter((r) => r.url.endsWith('/talk/intervals'));
      expect(posts.length).toBeGreaterThan(0);
      for (const r of posts) {
        const body = JSON.parse(r.body) as { intervals: Record<string, unknown>[] };
        expect(Object.keys(body)).toEqual(['intervals']);
        for (const i of body.intervals) expect(Object.keys(i).sort()).toEqual(['anchor', 'duration', 'level', 'sampleRate', 'start']);
      }
      // The shared notes' WebSocket carries edits only: no frame the size of even 50 ms of audio.
      for (const size of t.frames) expect(size).toBeLessThan(8_192);
    }

    // After the meeting: the figure is stored with the minutes.
    expect((await manager.request.post(`/api/meetings/${meetingId}/finish`, { headers: origin })).status()).toBe(200);
    await manager.goto(`/meetings/${meetingId}/minutes`);
    const m = Math.round(share);
    await expect(manager.getByTestId('minutes-talk-figure')).toContainText(`上司 ${m}% ・ メンバー ${100 - m}%`, { timeout: 30_000 });

    // The manager's own trend on their profile, in both languages.
    for (const lang of ['ja', 'en'] as const) {
      await setLanguage(manager, lang);
      await manager.goto('/profile');
      await expect(manager.getByTestId('talk-trend')).toContainText(`${m}%`, { timeout: 30_000 });
      await expectNoAxeViolations(manager, `profile with the talk trend (${lang})`);
      await manager.screenshot({ path: `${shots}/talk-trend-${lang}-1280.png`, fullPage: true });
    }
    await setLanguage(manager, 'ja');

    // hr: only an aggregate over five managers or more; with fewer measured, a clear refusal.
    const hr = await openSession(browsers[0]!, demo.hr, { baseURL });
    await hr.goto('/question-bank');
    await expect(hr.getByTestId('talk-aggregate')).toContainText('5人以上', { timeout: 30_000 });
    await expect(hr.getByTestId('talk-aggregate')).not.toContainText('%');
  } finally {
    await Promise.all(browsers.map((b) => b.close()));
    rmSync(dir, { recursive: true, force: true });
  }
});
