import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { topicCategories } from '../../../domain/agenda.js';
import { closedQuestionCheck, questionBank, questionDepths } from '../../../domain/questionBank.js';
import { errorResponses, json, requireActor, router } from '../http.js';

const bankItem = z.object({ id: z.string(), category: z.enum(topicCategories), depth: z.enum(questionDepths), ja: z.string(), en: z.string() });

const list = createRoute({
  method: 'get',
  path: '/question-bank',
  tags: ['questions'],
  summary: 'The question bank: open questions by category and depth, in Japanese and English',
  request: { query: z.object({ category: z.enum(topicCategories).optional(), depth: z.enum(questionDepths).optional() }) },
  responses: { 200: json(z.object({ items: z.array(bankItem) }), 'Questions'), ...errorResponses },
});
const check = createRoute({
  method: 'post',
  path: '/question-bank/check',
  tags: ['questions'],
  summary: 'Whether a question invites only yes or no, with an open alternative',
  request: { body: { content: { 'application/json': { schema: z.object({ text: z.string().trim().min(1).max(500) }) } }, required: true } },
  responses: { 200: json(z.object({ closed: z.boolean(), openAlternative: z.string().nullable() }), 'Check'), ...errorResponses },
});

/** The question bank, for everyone signed in. */
export const questionsApi = router()
  .openapi(list, (c) => {
    requireActor(c);
    const { category, depth } = c.req.valid('query');
    return c.json({ items: questionBank.filter((q) => (!category || q.category === category) && (!depth || q.depth === depth)) }, 200);
  })
  .openapi(check, (c) => {
    requireActor(c);
    return c.json(closedQuestionCheck(c.req.valid('json').text), 200);
  });
