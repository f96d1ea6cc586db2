import { mkdirSync } from 'node:fs';
import Encoding from 'encoding-japanese';
import type { Page } from '@playwright/test';
import { demo, expect, expectNoAxeViolations, expectNoHorizontalScroll, openSession, setLanguage, shootAtWidths, test } from './fixtures.js';
import { OwnServer } from './ownServer.js';

// An admin imports a Shift_JIS (CP932) file from payroll software with kanji and half-width kana:
// the encoding is detected, the columns are matched, the check lists every row, and the import runs
// with a progress bar. A file whose reporting lines form a cycle is refused with its rows named.
// The spec runs its own server: the imported people must not change what other specs see.

const dir = 'docs/screenshots';
const server = new OwnServer();

test.beforeAll(async () => {
  // Starting a server of its own (embedded PostgreSQL, migrations, demo seed) takes a while on a busy machine.
  test.setTimeout(200_000);
  mkdirSync(dir, { recursive: true });
  await server.open('taiwa-import-');
});
test.afterAll(async () => {
  await server.close();
});

const header = '社員番号,氏,名,ｾｲ,ﾒｲ,メール,役職,所属,上司社員番号';
const families = [
  ['髙橋', 'ﾀｶﾊｼ'],
  ['渡邊', 'ﾜﾀﾅﾍﾞ'],
  ['齋藤', 'ｻｲﾄｳ'],
];
const givens = [
  ['一郎', 'ｲﾁﾛｳ'],
  ['花子', 'ﾊﾅｺ'],
  ['誠', 'ﾏｺﾄ'],
];

function payrollFile(n: number, cycle = false): Buffer {
  const lines = [header];
  for (let i = 1; i <= n; i++) {
    const [family, familyKana] = families[i % 3]!;
    const [given, givenKana] = givens[i % 3]!;
    const prefix = cycle ? 'Q' : 'P';
    const manager = cycle && i === 1 ? `${prefix}-${n}` : i === 1 ? '' : `${prefix}-${Math.ceil(i / 10)}`;
    const dept = i === 1 ? '本社' : `本社 > 営業部 > 第${(i % 2) + 1}課`;
    lines.push([`${prefix}-${i}`, family, given, familyKana, givenKana, `p${i}${cycle ? 'c' : ''}@payroll.example`, i === 1 ? '社長' : '', dept, manager].join(','));
  }
  const text = `${lines.join('\r\n')}\r\n`;
  return Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
}

async function choose(page: Page, name: string, buffer: Buffer) {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

test('an admin imports a CP932 file with a dry run, a progress bar and a per-row report; a cycle is refused', async ({ browser }) => {
  test.setTimeout(240_000);
  const page = await openSession(browser, demo.admin, { baseURL: server.origin });
  await page.getByRole('link', { name: '社員CSVの取り込み' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '社員CSVの取り込み・書き出し' })).toBeVisible();

  await choose(page, 'payroll.csv', payrollFile(200));
  await expect(page.getByText('Shift_JIS(CP932)')).toBeVisible();
  await expect(page.getByText('payroll.csv: 200行')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'セイ(カナ)' })).toHaveValue('ｾｲ');

  await page.getByRole('button', { name: '内容を確認する(まだ登録しません)' }).click();
  await expect(page.getByText('新規: 200')).toBeVisible();
  const report = page.getByRole('table', { name: '行ごとの確認結果' });
  await expect(report.getByRole('row').nth(1)).toContainText('セイ(カナ)の半角カナを全角にしました(ﾜﾀﾅﾍﾞ → ワタナベ)。');
  await expectNoAxeViolations(page, 'import check');
  await shootAtWidths(page, `${dir}/employee-import-check-ja`, async (p) => {
    await expect(p.getByText('新規: 200')).toBeVisible();
    if (p.viewportSize()!.width === 375) await expectNoHorizontalScroll(p, 'import check at 375');
  });

  await page.getByRole('button', { name: '取り込む(200人)' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  await expect(page.getByText('取り込みました')).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByText(/新規 200人、更新 0人、新しい部署 4件/)).toBeVisible();
  await shootAtWidths(page, `${dir}/employee-import-done-ja`, async (p) => {
    await expect(p.getByText('取り込みました')).toBeVisible();
  });

  // The employees are there, with their kana made full-width.
  await page.goto('/employees?q=P-2');
  await expect(page.getByText('渡邊').first()).toBeVisible();

  // A file whose reporting lines form a cycle, in English.
  await setLanguage(page, 'en');
  await page.goto('/admin/employee-import');
  await expect(page.getByRole('heading', { level: 1, name: 'Employee CSV import and export' })).toBeVisible();
  await choose(page, 'cycle.csv', payrollFile(12, true));
  await expect(page.getByText('The columns were matched by their header names.', { exact: false })).not.toBeVisible();
  await expect(page.getByText('Using the column mapping of the last import.', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Check the file (nothing is saved yet)' }).click();
  await expect(page.getByText('This file cannot be imported as it is')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Check results by row' })).toContainText('The reporting lines form a cycle: row 2 → row 13 → row 3 → row 2');
  await expect(page.getByRole('button', { name: /^Import/ })).toBeDisabled();
  await expectNoAxeViolations(page, 'import refused');
  await shootAtWidths(page, `${dir}/employee-import-cycle-en`, async (p) => {
    await expect(p.getByText('This file cannot be imported as it is')).toBeVisible();
    if (p.viewportSize()!.width === 375) await expectNoHorizontalScroll(p, 'import refused at 375');
  });
  await setLanguage(page, 'ja');
});
