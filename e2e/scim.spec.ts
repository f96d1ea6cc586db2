import { mkdirSync } from 'node:fs';
import { demo, expect, expectNoAxeViolations, expectNoHorizontalScroll, openSession, resizeAndSettle, setLanguage, shootAtWidths, test } from './fixtures.js';

// The admin opens the SCIM page, creates a token (shown once), an identity provider uses it to
// create and deactivate an employee, the list shows its last use, and revoking it cuts it off.
// Members, managers and hr have no link and are refused on a direct visit.

const dir = 'docs/screenshots';

test.beforeAll(() => mkdirSync(dir, { recursive: true }));

test('an admin creates a SCIM token, an identity provider provisions with it, and revoking it cuts it off', async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await openSession(browser, demo.admin);
  // A rerun on the same data starts from no tokens (an earlier run may have stopped before revoking).
  const left = (await (await admin.request.get('/api/admin/scim-tokens')).json()) as { items: { id: string }[] };
  for (const t of left.items) await admin.request.delete(`/api/admin/scim-tokens/${t.id}`, { headers: { origin: new URL(admin.url()).origin } });

  await admin.getByRole('link', { name: 'SCIM連携' }).click();
  await expect(admin).toHaveURL(/\/admin\/scim$/);
  await expect(admin.getByRole('heading', { level: 1, name: 'SCIMプロビジョニング' })).toBeVisible();
  const baseUrl = await admin.getByLabel('SCIMベースURL(テナントURL)').inputValue();
  expect(baseUrl).toMatch(/^https?:\/\/[^/]+\/scim\/v2$/);
  await expect(admin.getByText('SCIMトークンはまだありません')).toBeVisible();
  await expectNoAxeViolations(admin, 'scim, empty (ja)');
  await shootAtWidths(admin, `${dir}/scim-empty-ja`, async (p) => expect(p.getByText('SCIMトークンはまだありません')).toBeVisible());

  // A blank name is refused in the form.
  await admin.getByRole('button', { name: 'トークンを発行' }).click();
  await expect(admin.getByLabel('トークンの名前')).toHaveAttribute('aria-invalid', 'true');

  await admin.getByLabel('トークンの名前').fill('Entra ID 本番');
  await admin.getByRole('button', { name: 'トークンを発行' }).click();
  const secret = await admin.getByLabel('発行したトークン').inputValue();
  expect(secret).toMatch(/^taiwa_scim_[\w-]{43}$/);
  await expect(admin.getByText(/二度と表示されない/)).toBeVisible();
  await expectNoAxeViolations(admin, 'scim, secret shown (ja)');
  await resizeAndSettle(admin, 375);
  await expectNoHorizontalScroll(admin, 'scim secret at 375');
  await admin.screenshot({ path: `${dir}/scim-secret-ja-375.png`, fullPage: true });
  await resizeAndSettle(admin, 1280);
  await admin.getByRole('button', { name: '貼り付けたので閉じる' }).click();
  await expect(admin.getByText(secret)).toHaveCount(0);

  // The identity provider: create a user, then deactivate them as Entra ID does ("False").
  const request = admin.context().request;
  const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/scim+json' };
  const tag = Date.now().toString(36);
  const created = await request.post(`${baseUrl}/Users`, {
    headers,
    data: {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: `scim.${tag}@example.test`,
      name: { familyName: '連携', givenName: '太郎' },
      emails: [{ value: `scim.${tag}@example.test`, primary: true }],
      'urn:taiwa:params:scim:schemas:extension:taiwa:2.0:User': { familyNameKana: 'レンケイ', givenNameKana: 'タロウ' },
    },
  });
  expect(created.status()).toBe(201);
  const user = (await created.json()) as { id: string };
  const off = await request.patch(`${baseUrl}/Users/${user.id}`, {
    headers,
    data: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
  });
  expect(off.status()).toBe(200);
  expect(((await off.json()) as { active: boolean }).active).toBe(false);

  // The list shows the token with its last use.
  await admin.reload();
  const row = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: 'Entra ID 本番' }) });
  await expect(row.getByText(/最終利用/)).toBeVisible();
  await expectNoAxeViolations(admin, 'scim list (ja)');
  await shootAtWidths(admin, `${dir}/scim-ja`, async (p) => expect(p.getByRole('heading', { name: 'Entra ID 本番' })).toBeVisible());
  await setLanguage(admin, 'en');
  await admin.reload();
  await expect(admin.getByRole('heading', { level: 1, name: 'SCIM provisioning' })).toBeVisible();
  await expect(row.getByText(/last used/)).toBeVisible();
  await expectNoAxeViolations(admin, 'scim list (en)');
  await shootAtWidths(admin, `${dir}/scim-en`, async (p) => expect(p.getByRole('heading', { name: 'Entra ID 本番' })).toBeVisible());
  await resizeAndSettle(admin, 375);
  await expectNoHorizontalScroll(admin, 'scim list at 375 (en)');
  await resizeAndSettle(admin, 1280);
  await setLanguage(admin, 'ja');
  await admin.reload();

  // Revoking asks first; afterwards the identity provider is refused.
  await row.getByRole('button', { name: '「Entra ID 本番」を取り消す' }).click();
  const confirm = admin.getByRole('dialog', { name: 'SCIMトークンを取り消しますか?' });
  await expect(confirm.getByText(/すぐに止まります/)).toBeVisible();
  await confirm.getByRole('button', { name: '取り消す' }).click();
  await expect(admin.getByText('SCIMトークンはまだありません')).toBeVisible();
  const refused = await request.get(`${baseUrl}/Users`, { headers });
  expect(refused.status()).toBe(401);
  await admin.context().close();
});

test('a User without an e-mail address (RFC 7644 §3.3) is shown as such, and the admin completes it later', async ({ browser }) => {
  test.setTimeout(180_000);
  const admin = await openSession(browser, demo.admin);
  const origin = new URL(admin.url()).origin;
  const made = await admin.request.post('/api/admin/scim-tokens', { headers: { origin }, data: { name: `RFC 7644 ${Date.now()}` } });
  expect(made.status()).toBe(201);
  const token = (await made.json()) as { id: string; secret: string };
  const tag = Date.now().toString(36);
  // The RFC's create example, with this run's ids (the demo data may be reused between runs).
  const created = await admin.context().request.post(`${origin}/scim/v2/Users`, {
    headers: { authorization: `Bearer ${token.secret}`, 'content-type': 'application/scim+json' },
    data: {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: `bjensen${tag}`,
      externalId: `bjensen${tag}`,
      name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara' },
    },
  });
  expect(created.status()).toBe(201);
  const user = (await created.json()) as { id: string; emails?: unknown };
  expect(user.emails).toBeUndefined();
  await admin.request.delete(`/api/admin/scim-tokens/${token.id}`, { headers: { origin } });

  await admin.goto(`/employees/${user.id}`);
  await expect(admin.getByRole('heading', { level: 1, name: /Jensen Barbara/ })).toBeVisible();
  await expect(admin.getByText('メールアドレス未登録')).toBeVisible();
  await expectNoAxeViolations(admin, 'employee without e-mail (ja)');
  await shootAtWidths(admin, `${dir}/employee-no-email-ja`, async (p) => expect(p.getByText('メールアドレス未登録')).toBeVisible());
  await admin.getByRole('button', { name: '編集', exact: true }).click();
  await expect(admin.getByRole('dialog').getByText('なくても登録できます。登録するまでサインインできず、メールも送られません。')).toBeVisible();
  await shootAtWidths(admin, `${dir}/employee-no-email-form-ja`, async (p) => expect(p.getByRole('dialog')).toBeVisible());
  await admin.keyboard.press('Escape');
  await expect(admin.getByRole('dialog')).toHaveCount(0);
  await setLanguage(admin, 'en');
  await admin.reload();
  await expect(admin.getByText('No e-mail address')).toBeVisible();
  await shootAtWidths(admin, `${dir}/employee-no-email-en`, async (p) => expect(p.getByText('No e-mail address')).toBeVisible());

  // The form lets the address stay empty, and takes it when it arrives.
  await admin.getByRole('button', { name: 'Edit' }).click();
  const form = admin.getByRole('dialog', { name: 'Edit Jensen Barbara' });
  await expect(form.getByText('Can be added later. Until then they cannot sign in and are sent no mail.')).toBeVisible();
  await shootAtWidths(admin, `${dir}/employee-no-email-form-en`, async (p) => expect(p.getByRole('dialog')).toBeVisible());
  await form.getByLabel('Family name (kana)').fill('ジェンセン');
  await form.getByLabel('Given name (kana)').fill('バーバラ');
  await form.getByLabel('Email address').fill(`bjensen.${tag}@example.test`);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toHaveCount(0);
  await expect(admin.getByRole('link', { name: `bjensen.${tag}@example.test` })).toBeVisible();
  await expect(admin.getByText('No e-mail address')).toHaveCount(0);
  await setLanguage(admin, 'ja');
  await admin.context().close();
});

test('members, managers and hr have no link to SCIM and are refused on a direct visit', async ({ browser }) => {
  test.setTimeout(120_000);
  for (const email of [demo.member, demo.manager, demo.hr]) {
    const page = await openSession(browser, email);
    await expect(page.getByRole('link', { name: '通知の設定' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'SCIM連携' })).toHaveCount(0);
    await page.goto('/admin/scim');
    await expect(page.getByRole('heading', { level: 1, name: 'SCIMプロビジョニング' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'トークンを発行' })).toHaveCount(0);
    await page.context().close();
  }
});
