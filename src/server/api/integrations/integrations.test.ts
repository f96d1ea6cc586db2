import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxList, Webhook, WebhookDeliveryList } from '../../../domain/notifications.js';
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../jobs/webhooks.js';
import { startJobs, type Jobs } from '../../jobs/queue.js';
import { call, silentLog, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { type Organisation, signedInOrganisation } from '../../test/factories.js';
import { UNKNOWN_ID, viewers, type Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, meetingsOf, weeklySchedule } from '../../test/series.js';
import { waitFor } from '../../test/smtp.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

describe.skipIf(noDatabase)('admin integrations: outbox and webhooks', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  // The receiver fails twice for each delivery, then accepts it.
  const answers = [500, 500, 200];
  const triesOf = new Map<string, number>();

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const id = String(req.headers['x-taiwa-delivery']);
        const tries = (triesOf.get(id) ?? 0) + 1;
        triesOf.set(id, tries);
        res.statusCode = answers[tries - 1] ?? 200;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => receiver?.close(() => r()));
  });

  it('only admins read the outbox and manage webhooks', async () => {
    const body = { name: 'Slack #1on1', url: 'https://hooks.slack.test/x', format: 'slack', events: ['meetingScheduled'] };
    // Webhooks belong to the installation and other tests add their own: this one looks at its own only.
    let id = '';
    for (const v of viewers) {
      const outbox = await call<OutboxList>(app, 'GET', '/api/admin/outbox', { cookie: cookies[v] });
      const hooks = await call(app, 'GET', '/api/admin/webhooks', { cookie: cookies[v] });
      const create = await call<Webhook>(app, 'POST', '/api/admin/webhooks', { cookie: cookies[v], body });
      if (v === 'anonymous') {
        for (const r of [outbox, hooks, create]) expectError(r, 401, 'unauthenticated');
      } else if (v === 'admin') {
        expect(outbox.status).toBe(200);
        expect(outbox.body.mailConfigured).toBe(false);
        expect(hooks.status).toBe(200);
        expect(create.status).toBe(201);
        id = create.body.id;
      } else {
        for (const r of [outbox, hooks, create]) expectError(r, 403, 'forbidden');
      }
    }
    const mine = async () => (await call<{ items: Webhook[] }>(app, 'GET', '/api/admin/webhooks', { cookie: cookies.admin })).body.items.filter((w) => w.id === id);
    expect(await mine()).toHaveLength(1);
    for (const v of viewers.filter((x) => x !== 'admin')) {
      const r = await call(app, 'DELETE', `/api/admin/webhooks/${id}`, { cookie: cookies[v] });
      expectError(r, v === 'anonymous' ? 401 : 403, v === 'anonymous' ? 'unauthenticated' : 'forbidden');
      const patch = await call(app, 'PATCH', `/api/admin/webhooks/${id}`, { cookie: cookies[v], body: { active: false } });
      expectError(patch, v === 'anonymous' ? 401 : 403, v === 'anonymous' ? 'unauthenticated' : 'forbidden');
    }
    expect((await mine())[0]!.active).toBe(true);
    const off = await call<Webhook>(app, 'PATCH', `/api/admin/webhooks/${id}`, { cookie: cookies.admin, body: { active: false } });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ id, active: false, secret: null });
    expect((await mine())[0]!.active).toBe(false);
    expect((await call<Webhook>(app, 'PATCH', `/api/admin/webhooks/${id}`, { cookie: cookies.admin, body: { active: true } })).body.active).toBe(true);
    expectError(await call(app, 'PATCH', `/api/admin/webhooks/${UNKNOWN_ID}`, { cookie: cookies.admin, body: { active: false } }), 404, 'not_found');
    expect((await call(app, 'DELETE', `/api/admin/webhooks/${id}`, { cookie: cookies.admin })).status).toBe(200);
    expectError(await call(app, 'DELETE', `/api/admin/webhooks/${UNKNOWN_ID}`, { cookie: cookies.admin }), 404, 'not_found');
    expectFields(await call(app, 'POST', '/api/admin/webhooks', { cookie: cookies.admin, body: { ...body, url: 'ftp://x', events: [] } }), {
      url: 'http:// または https:// で始まるURLを入力してください。',
      events: '送るイベントを1つ以上選んでください。',
    });
    // Plain http only to this machine: the payload names people.
    expectFields(await call(app, 'POST', '/api/admin/webhooks', { cookie: cookies.admin, body: { ...body, url: 'http://hooks.example.test/x' } }), {
      url: 'https:// で始まるURLを入力してください（http:// が使えるのはこのサーバー自身（localhost）宛てだけです）。',
    });
    expectFields(await call(app, 'POST', '/api/admin/webhooks', { cookie: cookies.admin, lang: 'en', body: { ...body, url: 'http://10.0.0.5/hook' } }), {
      url: 'Enter a URL starting with https:// (plain http:// only reaches this server itself, localhost).',
    });
    expect(await mine()).toHaveLength(0);
  });

  it('a signed webhook reaches a local receiver; after two 500s the third try succeeds and the log shows all three', async () => {
    const created = await call<Webhook>(app, 'POST', '/api/admin/webhooks', {
      cookie: cookies.admin,
      body: { name: 'Generic', url: receiverUrl, format: 'json', events: ['meetingScheduled'] },
    });
    const hook = created.body;
    // The secret leaves the server once: in the answer that created the webhook, never in the list.
    expect(hook.secret).toMatch(/^[\w-]{32}$/);
    const listed = await call<{ items: Webhook[] }>(app, 'GET', '/api/admin/webhooks', { cookie: cookies.admin });
    expect(listed.body.items.find((w) => w.id === hook.id)?.secret).toBeNull();
    // A webhook switched off receives no deliveries.
    const idle = await call<Webhook>(app, 'POST', '/api/admin/webhooks', {
      cookie: cookies.admin,
      body: { name: 'Switched off', url: receiverUrl, format: 'json', events: ['meetingScheduled'] },
    });
    expect((await call(app, 'PATCH', `/api/admin/webhooks/${idle.body.id}`, { cookie: cookies.admin, body: { active: false } })).status).toBe(200);
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id, schedule: weeklySchedule(3) });
    const first = (await meetingsOf(database.db, s.id))[0]!;
    let jobs: Jobs | null = null;
    try {
      jobs = await startJobs({
        db: database.db,
        connectionString: database.url,
        config: { baseUrl: 'http://taiwa.test', smtpUrl: null, mailFrom: 'taiwa@example.test', webhookRetryDelaySeconds: 0 },
        log: silentLog,
        schedule: false,
        pollingIntervalSeconds: 0.5,
      });
      await jobs.tick(new Date());
      const log = () => call<WebhookDeliveryList>(app, 'GET', `/api/admin/webhooks/${hook.id}/deliveries`, { cookie: cookies.admin });
      await waitFor(async () => {
        const items = (await log()).body.items;
        return items.length > 0 && items.every((d) => d.status === 'delivered');
      }, 'every webhook delivery to succeed');
      const items = (await log()).body.items;
      for (const d of items) expect(d.attempts.map((a) => a.statusCode)).toEqual([500, 500, 200]);
      // A page at a time, newest first; the pages together hold every delivery once.
      const pages = await Promise.all(
        items.map((_, i) => call<WebhookDeliveryList>(app, 'GET', `/api/admin/webhooks/${hook.id}/deliveries?page=${i + 1}&pageSize=1`, { cookie: cookies.admin })),
      );
      expect(pages.map((p) => p.body.items.map((d) => d.id)).flat()).toEqual(items.map((d) => d.id));
      expect(pages.map((p) => [p.body.page, p.body.pageSize, p.body.total])).toEqual(items.map((_, i) => [i + 1, 1, items.length]));
      const idleLog = await call<WebhookDeliveryList>(app, 'GET', `/api/admin/webhooks/${idle.body.id}/deliveries`, { cookie: cookies.admin });
      expect(idleLog.body.items).toEqual([]);
    } finally {
      await jobs?.stop();
    }
    const forFirst = received.filter((r) => r.body.includes(first.id));
    expect(forFirst).toHaveLength(3);
    for (const r of forFirst) {
      const ts = String(r.headers[TIMESTAMP_HEADER]);
      expect(r.headers[SIGNATURE_HEADER]).toBe(signWebhook(hook.secret!, ts, r.body));
      const payload = JSON.parse(r.body) as { event: string; data: Record<string, string> };
      expect(payload.event).toBe('meetingScheduled');
      expect(payload.data.url).toBe(`http://taiwa.test/meetings/${first.id}`);
    }
    // Members never read the log.
    expectError(await call(app, 'GET', `/api/admin/webhooks/${hook.id}/deliveries`, { cookie: cookies.self }), 403, 'forbidden');
  });
});
