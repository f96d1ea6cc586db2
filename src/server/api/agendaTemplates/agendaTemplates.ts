import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { agendaTemplateIds, agendaTemplateSchema, agendaTemplateUpdateSchema, applyTemplateSchema } from '../../../domain/agendaTemplates.js';
import { idSchema } from '../../../domain/common.js';
import { applyTemplate, updateTemplate } from '../../commands/agendaTemplates.js';
import { loadTemplates } from '../../guidance/templates.js';
import { guidancePolicy } from '../../policies/guidance.js';
import { authorize, errorResponses, json, jsonBody, requireActor, router } from '../http.js';

const tags = ['agenda-templates'];

const list = createRoute({
  method: 'get',
  path: '/agenda-templates',
  tags,
  summary: 'Agenda templates (hidden ones only for hr and admins)',
  responses: { 200: json(z.object({ items: z.array(agendaTemplateSchema), abilities: z.object({ manage: z.boolean() }) }), 'Templates'), ...errorResponses },
});
const update = createRoute({
  method: 'patch',
  path: '/agenda-templates/{id}',
  tags,
  summary: "Rewrite a template's names and topics, or hide / show it (hr, admin)",
  request: { params: z.object({ id: z.enum(agendaTemplateIds) }), body: jsonBody(agendaTemplateUpdateSchema) },
  responses: { 200: json(agendaTemplateSchema, 'Updated'), ...errorResponses },
});
const apply = createRoute({
  method: 'post',
  path: '/meetings/{id}/apply-template',
  tags,
  summary: "Add a template's topics to the meeting as the caller's own shared topics (either side of the pair)",
  request: { params: z.object({ id: idSchema }), body: jsonBody(applyTemplateSchema) },
  responses: { 201: json(z.object({ topicIds: z.array(z.string()) }), 'Applied'), ...errorResponses },
});

/** Agenda templates: read and applied by the pair, rewritten by hr. */
export const agendaTemplatesApi = router()
  .openapi(list, async (c) => {
    const actor = requireActor(c);
    const manage = guidancePolicy.manageTemplates(actor);
    const items = (await loadTemplates(c.get('services').db)).filter((t) => manage || !t.hidden);
    return c.json({ items, abilities: { manage } }, 200);
  })
  .openapi(update, async (c) => {
    const actor = requireActor(c);
    authorize(guidancePolicy.manageTemplates(actor));
    const { db } = c.get('services');
    const { id } = c.req.valid('param');
    await updateTemplate({ db, employeeId: actor.employeeId, id, input: c.req.valid('json') });
    return c.json((await loadTemplates(db)).find((t) => t.id === id)!, 200);
  })
  .openapi(apply, async (c) => {
    const actor = requireActor(c);
    const topicIds = await applyTemplate({ db: c.get('services').db, actor, meetingId: c.req.valid('param').id, templateId: c.req.valid('json').templateId, locale: c.get('locale') });
    return c.json({ topicIds }, 201);
  });
