import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  bankQuestionCreateSchema,
  bankQuestionSchema,
  bankQuestionUpdateSchema,
  managedQuestionSchema,
  matchesQuery,
  questionCategories,
  questionDepths,
} from '../../../domain/questionBank.js';
import { addBankQuestion, updateBankQuestion } from '../../commands/questionBank.js';
import { NotFoundError } from '../../errors.js';
import { loadBank, visibleBank } from '../../guidance/bank.js';
import { checkQuestion } from '../../guidance/closedQuestions.js';
import { guidancePolicy } from '../../policies/guidance.js';
import { authorize, errorResponses, json, jsonBody, requireActor, router } from '../http.js';

const tags = ['questions'];
const filters = z.object({
  category: z.enum(questionCategories).optional(),
  depth: z.enum(questionDepths).optional(),
  q: z.string().trim().max(100).optional(),
});
const questionId = z.object({ id: z.string().regex(/^[a-z]+-[0-9a-z-]+$/).max(60) });

const list = createRoute({
  method: 'get',
  path: '/question-bank',
  tags,
  summary: 'The question bank as people see it (hidden questions left out), filtered by category, depth and words',
  request: { query: filters },
  responses: { 200: json(z.object({ items: z.array(bankQuestionSchema) }), 'Questions'), ...errorResponses },
});
const manage = createRoute({
  method: 'get',
  path: '/question-bank/manage',
  tags,
  summary: 'Every question with whether it ships with Taiwa, was edited or is hidden (hr, admin)',
  request: { query: filters.extend({ status: z.enum(['all', 'visible', 'hidden', 'edited', 'own']).optional() }) },
  responses: { 200: json(z.object({ items: z.array(managedQuestionSchema) }), 'Questions'), ...errorResponses },
});
const create = createRoute({
  method: 'post',
  path: '/question-bank',
  tags,
  summary: 'Add a question to the bank (hr, admin)',
  request: { body: jsonBody(bankQuestionCreateSchema) },
  responses: { 201: json(managedQuestionSchema, 'Added'), ...errorResponses },
});
const update = createRoute({
  method: 'patch',
  path: '/question-bank/{id}',
  tags,
  summary: 'Reword, recategorise, hide or show a question (hr, admin)',
  request: { params: questionId, body: jsonBody(bankQuestionUpdateSchema) },
  responses: { 200: json(managedQuestionSchema, 'Updated'), ...errorResponses },
});
const check = createRoute({
  method: 'post',
  path: '/question-bank/check',
  tags,
  summary: 'Whether a question invites only yes or no, with an open alternative that keeps its subject',
  request: { body: jsonBody(z.object({ text: z.string().trim().min(1).max(500) })) },
  responses: { 200: json(z.object({ closed: z.boolean(), openAlternative: z.string().nullable() }), 'Check'), ...errorResponses },
});

type Filters = z.infer<typeof filters>;
const byFilters = (f: Filters) => (q: z.infer<typeof bankQuestionSchema>) =>
  (!f.category || q.category === f.category) && (!f.depth || q.depth === f.depth) && (!f.q || matchesQuery(q, f.q));

/** The question bank: read by everyone signed in, managed by hr and admins. */
export const questionsApi = router()
  .openapi(list, async (c) => {
    authorize(guidancePolicy.readBank(requireActor(c)));
    const items = (await visibleBank(c.get('services').db)).filter(byFilters(c.req.valid('query')));
    return c.json({ items }, 200);
  })
  .openapi(manage, async (c) => {
    authorize(guidancePolicy.manageBank(requireActor(c)));
    const { status = 'all', ...f } = c.req.valid('query');
    const keep = {
      all: () => true,
      visible: (q: { hidden: boolean }) => !q.hidden,
      hidden: (q: { hidden: boolean }) => q.hidden,
      edited: (q: { edited: boolean }) => q.edited,
      own: (q: { shipped: boolean }) => !q.shipped,
    }[status];
    const items = (await loadBank(c.get('services').db)).filter(byFilters(f)).filter(keep);
    return c.json({ items }, 200);
  })
  .openapi(create, async (c) => {
    const actor = requireActor(c);
    authorize(guidancePolicy.manageBank(actor));
    const { db } = c.get('services');
    const id = await addBankQuestion({ db, employeeId: actor.employeeId, input: c.req.valid('json') });
    const added = (await loadBank(db)).find((q) => q.id === id)!;
    return c.json(added, 201);
  })
  .openapi(update, async (c) => {
    const actor = requireActor(c);
    authorize(guidancePolicy.manageBank(actor));
    const { db } = c.get('services');
    const { id } = c.req.valid('param');
    await updateBankQuestion({ db, employeeId: actor.employeeId, id, input: c.req.valid('json') });
    const found = (await loadBank(db)).find((q) => q.id === id);
    if (!found) throw new NotFoundError('errors.questionNotFound');
    return c.json(found, 200);
  })
  .openapi(check, async (c) => {
    requireActor(c);
    return c.json(await checkQuestion(c.req.valid('json').text), 200);
  });
