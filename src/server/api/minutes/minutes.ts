import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { localDateOf } from '../../../domain/calendar.js';
import { idSchema } from '../../../domain/common.js';
import { acknowledgeSchema, correctionSchema, minutesRevisionListSchema, minutesSchema } from '../../../domain/followUp.js';
import { formatMeetingDate, minutesTitle } from '../../../domain/minutes.js';
import { acknowledgeMinutes, correctMinutes, loadMinutes, loadRevisions, pairNames, shareMinutes } from '../../commands/minutes.js';
import type { AppContext } from '../../context.js';
import { NotFoundError } from '../../errors.js';
import { talkFigureOf } from '../talk/talk.js';
import { errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { audit } from '../../audit.js';
import { loadMeetingForPair } from '../series/load.js';

const tags = ['minutes'];
const idParams = z.object({ id: idSchema });

const get = createRoute({
  method: 'get',
  path: '/meetings/{id}/minutes',
  tags,
  summary: 'The minutes of a meeting (the pair only); they exist once the meeting is finished. The draft is edited live through the collaboration socket (document minutes:<id>)',
  request: { params: idParams },
  responses: { 200: json(minutesSchema, 'Minutes'), ...errorResponses },
});
const share = createRoute({
  method: 'post',
  path: '/meetings/{id}/minutes/share',
  tags,
  summary: 'Share the minutes (either side): the live draft is frozen as version 1 and becomes read-only; the meeting becomes shared',
  request: { params: idParams },
  responses: { 200: json(minutesSchema, 'Shared'), ...errorResponses },
});
const acknowledge = createRoute({
  method: 'post',
  path: '/meetings/{id}/minutes/acknowledge',
  tags,
  summary: 'Acknowledge the shared minutes, optionally with a comment (the report only)',
  request: { params: idParams, body: jsonBody(acknowledgeSchema) },
  responses: { 200: json(minutesSchema, 'Acknowledged'), ...errorResponses },
});
const correct = createRoute({
  method: 'post',
  path: '/meetings/{id}/minutes/corrections',
  tags,
  summary: 'Correct shared minutes with a reason (either side): a new version; the history is kept',
  request: { params: idParams, body: jsonBody(correctionSchema) },
  responses: { 200: json(minutesSchema, 'Corrected'), ...errorResponses },
});
const revisions = createRoute({
  method: 'get',
  path: '/meetings/{id}/minutes/revisions',
  tags,
  summary: 'Every shared version of the minutes, oldest first, with the reason of each correction',
  request: { params: idParams },
  responses: { 200: json(minutesRevisionListSchema, 'History'), ...errorResponses },
});
const exportMd = createRoute({
  method: 'get',
  path: '/meetings/{id}/minutes.md',
  tags,
  summary: 'The minutes as a Markdown file, headings and labels in the caller\'s language (the pair only)',
  request: { params: idParams },
  responses: { 200: { content: { 'text/markdown': { schema: z.string() } }, description: 'Markdown file' }, ...errorResponses },
});

async function current(c: AppContext, id: string) {
  const m = await loadMinutes(c.get('services').db, requireActor(c), id, c.get('locale'));
  if (!m) {
    // Outsiders cannot tell a meeting from a missing one; the pair learns the minutes do not exist yet.
    if (!(await loadMeetingForPair(c.get('services').db, requireActor(c), id))) throw new NotFoundError('errors.meetingNotFound');
    throw new NotFoundError('errors.minutesNotFound');
  }
  const { startsAt: _s, timeZone: _t, ...body } = m;
  return body;
}

/** The minutes (議事録): draft, sharing, acknowledgement, corrections with history, Markdown export. */
export const minutesApi = router()
  .openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const body = await current(c, id);
    const row = (await loadMeetingForPair(c.get('services').db, requireActor(c), id))!;
    await audit.readPair(c, 'minutes.read', row.s, id);
    return c.json(body, 200);
  })
  .openapi(share, async (c) => {
    const { id } = c.req.valid('param');
    const { db, events } = c.get('services');
    await shareMinutes({ db, events, actor: requireActor(c), meetingId: id, locale: c.get('locale') });
    return c.json(await current(c, id), 200);
  })
  .openapi(acknowledge, async (c) => {
    const { id } = c.req.valid('param');
    await acknowledgeMinutes({ db: c.get('services').db, actor: requireActor(c), meetingId: id, comment: c.req.valid('json').comment });
    return c.json(await current(c, id), 200);
  })
  .openapi(correct, async (c) => {
    const { id } = c.req.valid('param');
    const { content, reason } = c.req.valid('json');
    await correctMinutes({ db: c.get('services').db, actor: requireActor(c), meetingId: id, content, reason, locale: c.get('locale') });
    return c.json(await current(c, id), 200);
  })
  .openapi(revisions, async (c) => {
    const { id } = c.req.valid('param');
    await current(c, id);
    await audit.readPair(c, 'minutes.read', (await loadMeetingForPair(c.get('services').db, requireActor(c), id))!.s, id);
    return c.json({ items: await loadRevisions(c.get('services').db, requireActor(c), id, c.get('locale')) }, 200);
  })
  .openapi(exportMd, async (c) => {
    const { id } = c.req.valid('param');
    const actor = requireActor(c);
    const { db } = c.get('services');
    const row = await loadMeetingForPair(db, actor, id);
    const locale = c.get('locale');
    const m = row ? await loadMinutes(db, actor, id, locale) : null;
    if (!row || !m) throw new NotFoundError(row ? 'errors.minutesNotFound' : 'errors.meetingNotFound');
    await audit.readPair(c, 'minutes.read', row.s, id);
    const names = await pairNames(db, row.s);
    const title = minutesTitle({ startsAt: m.startsAt, timeZone: m.timeZone, ...names }, locale);
    // Minutes written before they were structured started with their own title line: keep one.
    const body = m.body.replace(/^# .*\n+/, '');
    const version = locale === 'ja' ? `版: ${m.version}` : `Version: ${m.version}`;
    const date = locale === 'ja' ? `日付: ${formatMeetingDate(m.startsAt, m.timeZone, locale)}` : `Date: ${formatMeetingDate(m.startsAt, m.timeZone, locale)}`;
    // The talk balance goes with the minutes, as on the minutes page, when the pair measured it.
    const figure = await talkFigureOf(db, id);
    const talk = figure
      ? locale === 'ja'
        ? `話す割合: 上司 ${Math.round(figure.managerShare)}% ・ メンバー ${100 - Math.round(figure.managerShare)}%（話した時間 ${figure.seconds}秒）\n`
        : `Talk balance: manager ${Math.round(figure.managerShare)}% · report ${100 - Math.round(figure.managerShare)}% (${figure.seconds} s of speech)\n`
      : '';
    const text = `# ${title}\n\n${date}\n${version}\n${talk}\n${body.trimEnd()}\n`;
    const filename = `minutes-${localDateOf(m.startsAt, m.timeZone)}.md`;
    return c.body(text, 200, {
      'content-type': 'text/markdown; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
    });
  });
