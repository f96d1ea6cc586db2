import { createRoute } from '@hono/zod-openapi';
import { analyticsDepartmentsSchema, analyticsQuerySchema } from '../../../domain/analytics.js';
import { departmentAnalytics } from '../../analytics/departments.js';
import { aggregatePolicy } from '../../policies/analytics.js';
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

/** Organisation analytics (SPEC §8): aggregates only, suppressed by the one rule. */
export const analyticsApi = router().openapi(departments, async (c) => {
  const actor = requireActor(c);
  authorize(aggregatePolicy.readOrganisation(actor));
  const q = c.req.valid('query');
  const body = await departmentAnalytics({ db: c.get('services').db, now: new Date(), from: q.from, to: q.to, department: q.department });
  return c.json(body, 200);
});
