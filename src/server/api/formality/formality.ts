import { createRoute } from '@hono/zod-openapi';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema } from '../../../domain/common.js';
import { formalityNudges, formalityWindow, seriesSignalsSchema } from '../../../domain/formality.js';
import { seriesFigures } from '../../analytics/formality.js';
import { series } from '../../db/schema.js';
import { ForbiddenError, NotFoundError } from '../../errors.js';
import { formalityPolicy } from '../../policies/analytics.js';
import { seriesPolicy } from '../../policies/series.js';
import { errorResponses, json, requireActor, router } from '../http.js';
import { loadSeriesRows } from '../series/load.js';

const signals = createRoute({
  method: 'get',
  path: '/series/{id}/signals',
  tags: ['series'],
  summary: 'The formality signals of one series and their nudges (its manager only)',
  description:
    'Counts over the series’ last 90 days, at most its 8 most recent meetings: cadence, cancellations, agenda prepared in advance, topics by the report, status-report wording, action items, purpose. No felt-heard figure: that reaches the manager only as a team average over 3 or more reports.',
  request: { params: z.object({ id: idSchema }) },
  responses: { 200: json(seriesSignalsSchema.extend({ window: z.object({ days: z.number().int(), meetings: z.number().int() }) }), 'Signals'), ...errorResponses },
});

/** Formality signals of one series, for the manager who holds it (SPEC §5). */
export const formalityApi = router().openapi(signals, async (c) => {
  const actor = requireActor(c);
  const { db } = c.get('services');
  const { id } = c.req.valid('param');
  const [row] = await loadSeriesRows(db, eq(series.id, id));
  if (!row || !seriesPolicy.readContent(actor, row.s)) throw new NotFoundError('errors.seriesNotFound');
  if (!formalityPolicy.readSeries(actor, row.s)) throw new ForbiddenError();
  const [f] = await seriesFigures(db, new Date(), sql`s.id = ${id}`);
  return c.json({ seriesId: id, report: row.report, figures: f!.figures, nudges: formalityNudges(f!.figures), window: { days: formalityWindow.days, meetings: formalityWindow.meetings } }, 200);
});
