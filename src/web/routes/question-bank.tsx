import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const QuestionBankPage = lazy(() => import('../features/guidance/QuestionBankPage.js').then((m) => ({ default: m.QuestionBankPage })));

/** /question-bank — hr and admins edit, add, hide and show the questions of the bank. */
export const questionBankRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/question-bank',
  component: QuestionBankPage,
});
