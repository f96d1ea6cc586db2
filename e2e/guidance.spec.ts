import type { Browser, Page } from '@playwright/test';
import { demo, expect, expectNoAxeViolations, openSession, test } from './fixtures.js';

// Issue 8: guidance against formality — hr edits one question and hides another on the question
// bank page, and both show at once in the manager's pre-question picker; the manager applies an
// agenda template in one click. Screenshots of the bank page and of the applied template, ja and en.

function session(browser: Browser, email: string, locale: 'ja' | 'en', width = 1280): Promise<Page> {
  return openSession(browser, email, { lang: locale, width });
}

const EDITED = '最近、どんなことに一番時間を使っていますか？';
const HIDDEN = '今抱えている仕事の中で、一番気がかりなのはどれですか？';

test('hr edits and hides bank questions; the picker shows both at once; a template is applied in one click', async ({ browser }) => {
  test.setTimeout(300_000);
  const hr = await session(browser, demo.hr, 'ja');
  await hr.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '質問バンク' }).click();
  await expect(hr.getByRole('heading', { name: '質問バンク', level: 1 })).toBeVisible();
  await expect(hr.getByText(/件$/).first()).toBeVisible();
  await expectNoAxeViolations(hr, 'question bank page');

  // Edit one.
  await hr.getByLabel('質問を検索').fill('一番時間を取られている');
  await hr.getByRole('button', { name: /「今、一番時間を取られているのは何ですか？」を編集/ }).click();
  await hr.getByLabel('日本語', { exact: true }).fill(EDITED);
  await hr.getByRole('button', { name: '保存' }).click();
  await expect(hr.getByText('質問を保存しました。')).toBeVisible();
  // Hide another.
  await hr.getByLabel('質問を検索').fill('気がかり');
  await hr.getByRole('button', { name: `「${HIDDEN}」を非表示にする` }).click();
  await expect(hr.getByText('質問を非表示にしました。')).toBeVisible();
  await expect(hr.getByText('非表示', { exact: true }).first()).toBeVisible();
  await hr.getByLabel('質問を検索').fill('');
  await expect(hr.getByText(/^\d{3}件$/)).toBeVisible();
  await hr.screenshot({ path: 'docs/screenshots/guidance-bank-ja-1280.png', fullPage: false });

  // The manager's picker shows the edit and not the hidden question.
  const manager = await session(browser, demo.manager, 'ja');
  const home = await (await manager.request.get('/api/home')).json() as { upcoming: { meeting: { id: string }; myRole: string }[] };
  const mine = home.upcoming.find((u) => u.myRole === 'manager');
  expect(mine, 'the demo manager has an upcoming 1on1').toBeTruthy();
  await manager.goto(`/meetings/${mine!.meeting.id}`);
  await manager.getByRole('button', { name: '質問集から選ぶ' }).click();
  const picker = manager.getByRole('dialog');
  await picker.getByLabel('質問を検索').fill('時間');
  await expect(picker.getByText(EDITED)).toBeVisible();
  await expect(picker.getByText('今、一番時間を取られているのは何ですか？')).toHaveCount(0);
  await picker.getByLabel('質問を検索').fill('気がかり');
  await expect(picker.getByText(HIDDEN)).toHaveCount(0);
  await expectNoAxeViolations(manager, 'question bank picker');
  await manager.keyboard.press('Escape');

  // One click adds a template's topics as the manager's own.
  await manager.getByRole('button', { name: 'テンプレートから追加' }).click();
  await manager.getByRole('menuitem', { name: /キャリア/ }).click();
  await expect(manager.getByText(/「キャリア」のトピックを3件追加しました/)).toBeVisible();
  await expect(manager.getByText('今の仕事とキャリアのつながり').first()).toBeVisible();
  await manager.getByText('今の仕事とキャリアのつながり').first().scrollIntoViewIfNeeded();
  await manager.screenshot({ path: 'docs/screenshots/guidance-template-applied-ja-1280.png', fullPage: false });
  await expectNoAxeViolations(manager, 'meeting page after template');
});

test('the bank page and the template menu in English at 375 px', async ({ browser }) => {
  test.setTimeout(300_000);
  const hr = await session(browser, demo.hr, 'en', 375);
  await hr.goto('/question-bank');
  await expect(hr.getByRole('heading', { name: 'Question bank', level: 1 })).toBeVisible();
  await expect(hr.getByText(/questions$/).first()).toBeVisible();
  await expectNoAxeViolations(hr, 'question bank page (en, 375)');
  await hr.screenshot({ path: 'docs/screenshots/guidance-bank-en-375.png', fullPage: false });

  const member = await session(browser, demo.member, 'en', 375);
  const home = await (await member.request.get('/api/home')).json() as { upcoming: { meeting: { id: string }; myRole: string }[] };
  const mine = home.upcoming.find((u) => u.myRole === 'report');
  expect(mine, 'the demo member has an upcoming 1on1').toBeTruthy();
  await member.goto(`/meetings/${mine!.meeting.id}`);
  await member.getByRole('button', { name: 'Add from a template' }).click();
  await member.getByRole('menuitem', { name: /Condition/ }).click();
  await expect(member.getByText(/Added 2 topics from “Condition”/)).toBeVisible();
  await expect(member.getByText('Workload and how I work').first()).toBeVisible();
  await member.getByText('Workload and how I work').first().scrollIntoViewIfNeeded();
  await member.screenshot({ path: 'docs/screenshots/guidance-template-applied-en-375.png', fullPage: false });
  await expectNoAxeViolations(member, 'meeting page after template (en, 375)');
});
