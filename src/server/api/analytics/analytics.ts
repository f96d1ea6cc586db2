import { createRoute, z } from '@hono/zod-openapi';
import { analyticsDepartmentsSchema, analyticsQuerySchema } from '../../../domain/analytics.js';
import { csvExportQuerySchema } from '../../../domain/common.js';
import { practiceQuerySchema, practiceTableSchema } from '../../../domain/formality.js';
import { locales } from '../../../domain/limits.js';
import { analyticsCsvRows } from '../../analytics/csv.js';
import { departmentAnalytics } from '../../analytics/departments.js';
import { practiceTable } from '../../analytics/formality.js';
import { csvHeaders, encodeCsv } from '../../csv/encode.js';
import { aggregatePolicy, formalityPolicy } from '../../policies/analytics.js';
import { authorize, errorResponses, json, requireActor, router } from '../http.js';

const departments = createRoute({
  method: 'get',
  path: '/analytics/departments',
  tags: ['analytics'],
  summary: 'Practice and quality figures of a department (or the whole organisation) and its sub-departments, per closed month',
  description:
    'hr and admin only. Figures are published per closed calendar month of the organisation’s time zone; a group under 5 people is hidden with its reason, and so is any group whose figure would let a hidden one be subtracted. No names, no text, no individual rating or condition.',
  request: { query: analyticsQuerySchema },
  responses: { 200: json(analyticsDepartmentsSchema, 'Figures'), ...errorResponses },
});

const departmentsCsv = createRoute({
  method: 'get',
  path: '/analytics/departments/csv',
  tags: ['analytics'],
  summary: 'The same figures as a CSV file for Excel: UTF-8 with a byte-order mark, or Shift_JIS (CP932)',
  description:
    'hr and admin only. Exactly what `/analytics/departments` answers for the same query, one figure per row (section, department, period, measure, value, note), headings in the caller’s language; a hidden figure is a row with its reason and no value.',
  request: { query: analyticsQuerySchema.extend(csvExportQuerySchema.shape).extend({ lang: z.enum(locales).optional().openapi({ description: 'The language of the headings, when a link cannot send Accept-Language' }) }) },
  responses: {
    200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...errorResponses,
  },
});

const practice = createRoute({
  method: 'get',
  path: '/analytics/practice',
  tags: ['analytics'],
  summary: 'The manager practice table: per manager, meetings planned/held/cancelled, agenda prepared in advance, action-item completion and the formality signals',
  description:
    'hr and admin only. Practice metadata (SPEC §2): counts over each manager’s active series in the last 90 days (at most 8 meetings per series), sortable, paged, filtered by the manager’s department and its sub-departments. No topic or note text, no rating, no condition, no felt-heard figure.',
  request: { query: practiceQuerySchema },
  responses: { 200: json(practiceTableSchema, 'Practice table'), ...errorResponses },
});

/** Organisation analytics (SPEC §8): aggregates only, suppressed by the one rule. */
export const analyticsApi = router()
  .openapi(departments, async (c) => {
    const actor = requireActor(c);
    authorize(aggregatePolicy.readOrganisation(actor));
    const q = c.req.valid('query');
    const body = await departmentAnalytics({ db: c.get('services').db, now: new Date(), from: q.from, to: q.to, department: q.department });
    return c.json(body, 200);
  })
  .openapi(departmentsCsv, async (c) => {
    const actor = requireActor(c);
    authorize(aggregatePolicy.readOrganisation(actor));
    const q = c.req.valid('query');
    const data = await departmentAnalytics({ db: c.get('services').db, now: new Date(), from: q.from, to: q.to, department: q.department });
    const bytes = encodeCsv(analyticsCsvRows(data, q.lang ?? c.get('locale')), q.encoding);
    return c.body(bytes.buffer as ArrayBuffer, 200, csvHeaders(`taiwa-analytics-${data.from}-${data.to}`, q.encoding));
  })
  .openapi(practice, async (c) => {
    const actor = requireActor(c);
    authorize(formalityPolicy.readPractice(actor));
    return c.json(await practiceTable(c.get('services').db, new Date(), c.req.valid('query')), 200);
  });
