import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { idSchema } from '../../../domain/common.js';
import {
  anonymisedSchema,
  anonymiseSchema,
  checkInConsentGiveSchema,
  checkInConsentSchema,
  checkInConsentWithdrawnSchema,
  checkInConsentWithdrawSchema,
  personalDataExportSchema,
} from '../../../domain/privacy.js';
import { audit } from '../../audit.js';
import { anonymiseEmployee, exportPersonalData, giveCheckInConsent, loadCheckInConsent, withdrawCheckInConsent } from '../../commands/personalData.js';
import type { AppContext } from '../../context.js';
import { privacyPolicy } from '../../policies/privacy.js';
import { renderExportDocument } from '../../privacy/exportDocument.js';
import { authorize, errorResponses, json, jsonBody, requireActor, router } from '../http.js';

const tags = ['privacy'];
const idParams = z.object({ id: idSchema });

const exportJson = createRoute({
  method: 'get',
  path: '/me/export',
  tags,
  summary: 'Download everything Taiwa holds about me, as JSON (APPI disclosure; my own private notes decrypted, never a partner’s)',
  responses: { 200: json(personalDataExportSchema, 'My data, as an attachment'), ...errorResponses },
});
const exportHtml = createRoute({
  method: 'get',
  path: '/me/export.html',
  tags,
  summary: 'The same data as a readable, printable HTML document in my language',
  responses: { 200: { content: { 'text/html': { schema: z.string() } }, description: 'HTML document, as an attachment' }, ...errorResponses },
});
const getConsent = createRoute({
  method: 'get',
  path: '/me/check-in-consent',
  tags,
  summary: 'My consent to condition check-ins (sensitive personal data under APPI)',
  responses: { 200: json(checkInConsentSchema, 'My consent'), ...errorResponses },
});
const giveConsent = createRoute({
  method: 'put',
  path: '/me/check-in-consent',
  tags,
  summary: 'Consent to the statement of what a condition check-in stores, who sees it and where it goes',
  request: { body: jsonBody(checkInConsentGiveSchema) },
  responses: { 200: json(checkInConsentSchema, 'Consent recorded'), ...errorResponses },
});
const withdrawConsent = createRoute({
  method: 'post',
  path: '/me/check-in-consent/withdraw',
  tags,
  summary: 'Withdraw my consent: no new check-ins; optionally delete all my past check-ins',
  request: { body: jsonBody(checkInConsentWithdrawSchema) },
  responses: { 200: json(checkInConsentWithdrawnSchema, 'Consent withdrawn'), ...errorResponses },
});
const anonymise = createRoute({
  method: 'post',
  path: '/employees/{id}/anonymise',
  tags,
  summary: 'Anonymise an employee on request (admins; cannot be undone). Aggregates keep their numbers; shared content shows "deleted user"',
  request: { params: idParams, body: jsonBody(anonymiseSchema) },
  responses: { 200: json(anonymisedSchema, 'Anonymised'), ...errorResponses },
});

async function exportOf(c: AppContext) {
  const actor = requireActor(c);
  authorize(privacyPolicy.exportOwn(actor));
  const { db, noteKeys } = c.get('services');
  const data = await exportPersonalData({ db, keyring: () => noteKeys.get(), actor });
  await audit.admin(c, 'personalData.export', actor.employeeId, null);
  return data;
}

const fileDate = (iso: string) => iso.slice(0, 10);

/** Personal data rights (APPI, ADR 0213): my export, my consent to check-ins, anonymisation by an admin. */
export const privacyApi = router()
  .openapi(exportJson, async (c) => {
    const data = await exportOf(c);
    c.header('content-disposition', `attachment; filename="taiwa-personal-data-${fileDate(data.exportedAt)}.json"`);
    return c.json(data, 200);
  })
  .openapi(exportHtml, async (c) => {
    const data = await exportOf(c);
    return c.body(renderExportDocument(data, c.get('locale'), data.profile.timeZone), 200, {
      'content-type': 'text/html; charset=utf-8',
      'content-disposition': `attachment; filename="taiwa-personal-data-${fileDate(data.exportedAt)}.html"`,
    });
  })
  .openapi(getConsent, async (c) => {
    const actor = requireActor(c);
    authorize(privacyPolicy.manageOwnConsent(actor));
    return c.json(await loadCheckInConsent(c.get('services').db, actor.employeeId), 200);
  })
  .openapi(giveConsent, async (c) => {
    const actor = requireActor(c);
    authorize(privacyPolicy.manageOwnConsent(actor));
    const { db } = c.get('services');
    await giveCheckInConsent(db, actor, c.req.valid('json').statementVersion);
    await audit.admin(c, 'checkInConsent.give', actor.employeeId, null);
    return c.json(await loadCheckInConsent(db, actor.employeeId), 200);
  })
  .openapi(withdrawConsent, async (c) => {
    const actor = requireActor(c);
    authorize(privacyPolicy.manageOwnConsent(actor));
    const { db } = c.get('services');
    const deletedCheckIns = await withdrawCheckInConsent(db, actor, c.req.valid('json').deletePastCheckIns);
    await audit.admin(c, 'checkInConsent.withdraw', actor.employeeId, null);
    return c.json({ ...(await loadCheckInConsent(db, actor.employeeId)), deletedCheckIns }, 200);
  })
  .openapi(anonymise, async (c) => {
    const actor = requireActor(c);
    const { id } = c.req.valid('param');
    // Not an admin: refused before anything about the employee is looked at.
    authorize(privacyPolicy.anonymiseAnyone(actor));
    const at = await anonymiseEmployee(c.get('services').db, actor, id, c.req.valid('json').confirmName);
    // The log keeps who did it and whom (the row, now without a name), never the erased data.
    await audit.admin(c, 'employee.anonymise', id, id);
    return c.json({ id, anonymisedAt: at.toISOString() }, 200);
  });
