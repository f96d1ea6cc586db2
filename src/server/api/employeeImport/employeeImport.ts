import { createRoute, z } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { csvExportQuerySchema } from '../../../domain/common.js';
import {
  importAnalyseRequestSchema,
  importAnalysisSchema,
  importReportSchema,
  importRunRequestSchema,
  type ImportProgressEvent,
} from '../../../domain/employeeImport.js';
import { exportEmployeesCsv } from '../../commands/exportEmployees.js';
import { csvHeaders } from '../../csv/encode.js';
import { analyseImport, applyImport, planImport, refusal } from '../../commands/importEmployees.js';
import { AppError, errorBody } from '../../errors.js';
import { translate } from '../../i18n/messages.js';
import { organisationPolicy } from '../../policies/organisation.js';
import { authorize, errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { audit } from '../../audit.js';

const tags = ['employee import'];
/** Where the import's routes live: `app.ts` gives them a larger body limit (the file travels as base64). */
export const IMPORT_PATH_PREFIX = '/api/admin/employee-import';

const withFileErrors = {
  ...errorResponses,
  413: { content: { 'application/json': { schema: errorResponses[400].content['application/json'].schema } }, description: 'The file is too large' },
} as const;

const analyse = createRoute({
  method: 'post',
  path: '/admin/employee-import/analyse',
  tags,
  summary: 'Read an employee CSV file: its encoding (UTF-8, with or without BOM, or Shift_JIS/CP932), headers and a proposed column mapping (admin)',
  request: { body: jsonBody(importAnalyseRequestSchema) },
  responses: { 200: json(importAnalysisSchema, 'What the file holds'), ...withFileErrors },
});

const dryRun = createRoute({
  method: 'post',
  path: '/admin/employee-import/dry-run',
  tags,
  summary: 'Check an employee CSV file row by row against the organisation without writing anything (admin)',
  request: { body: jsonBody(importRunRequestSchema) },
  responses: { 200: json(importReportSchema, 'The per-row report'), ...withFileErrors },
});

const apply = createRoute({
  method: 'post',
  path: '/admin/employee-import/apply',
  tags,
  summary: 'Import an employee CSV file in one transaction, all or nothing (admin)',
  description: [
    'The file is checked again first; a file with problems is refused with 409, naming the rows.',
    'Otherwise the answer is `application/x-ndjson`: one JSON object per line, `{"type":"progress","done","total"}` while rows are written,',
    'then `{"type":"done","created","updated","departmentsCreated","ms"}`, or `{"type":"failed","message"}` when the transaction was rolled back.',
  ].join(' '),
  request: { body: jsonBody(importRunRequestSchema) },
  responses: {
    200: {
      description: 'Progress lines, then the result',
      content: {
        'application/x-ndjson': {
          schema: z.string().openapi({ example: '{"type":"progress","done":1000,"total":20000}\n{"type":"done","created":10000,"updated":0,"departmentsCreated":3,"ms":2100}\n' }),
        },
      },
    },
    ...withFileErrors,
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/admin/employee-export',
  tags,
  summary: 'Active employees, departments and reporting lines as a CSV file the import reads back (admin)',
  request: { query: csvExportQuerySchema },
  responses: {
    200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) } } },
    ...errorResponses,
  },
});

/** Employee CSV import (analyse → dry run → apply with progress) and export. */
export const employeeImportApi = router()
  .openapi(analyse, async (c) => {
    authorize(organisationPolicy.importEmployees(requireActor(c)));
    return c.json(await analyseImport(c.get('services').db, c.req.valid('json').file), 200);
  })
  .openapi(dryRun, async (c) => {
    authorize(organisationPolicy.importEmployees(requireActor(c)));
    const plan = await planImport(c.get('services').db, c.req.valid('json'), c.get('locale'));
    return c.json(plan.report, 200);
  })
  .openapi(apply, async (c) => {
    authorize(organisationPolicy.importEmployees(requireActor(c)));
    const { db, log } = c.get('services');
    const input = c.req.valid('json');
    const locale = c.get('locale');
    // Refused before the stream starts, so the status says it; applyImport checks again under the lock.
    const plan = await planImport(db, input, locale);
    if (!plan.report.canApply) throw refusal(plan.report);
    // Recorded when the import starts (the answer is a stream; its outcome is in the stream).
    await audit.admin(c, 'employeeImport.apply', null, null);
    c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
    c.header('X-Accel-Buffering', 'no');
    const response = stream(c, async (s) => {
      const send = async (event: ImportProgressEvent) => {
        await s.write(`${JSON.stringify(event)}\n`);
      };
      const started = performance.now();
      try {
        const result = await applyImport({ db, input, locale, onProgress: (done, total) => send({ type: 'progress', done, total }) });
        await send({ type: 'done', ...result, ms: Math.round(performance.now() - started) });
      } catch (err) {
        if (!(err instanceof AppError)) log.error({ err }, 'employee import failed');
        const message = err instanceof AppError ? errorBody(err, locale).error.message : translate(locale, 'errors.internal');
        await send({ type: 'failed', message });
      }
    });
    // The router types every `…json` media type as a c.json() answer; this one is a stream of lines.
    return response as never;
  })
  .openapi(exportRoute, async (c) => {
    authorize(organisationPolicy.importEmployees(requireActor(c)));
    const { encoding } = c.req.valid('query');
    const bytes = await exportEmployeesCsv(c.get('services').db, encoding);
    await audit.admin(c, 'employeeExport.download', null, null);
    const day = new Date().toISOString().slice(0, 10);
    return c.body(bytes.buffer as ArrayBuffer, 200, csvHeaders(`employees-${day}`, encoding));
  });
