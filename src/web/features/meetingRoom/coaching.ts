import type { WantedResponse } from '../../../domain/agenda.js';

/** The coaching tip shown for each wanted response (catalog keys under `coaching.tips`). */
export const tipKeys: Record<WantedResponse, { title: string; body: string; examples: string }> = {
  listen: { title: 'coaching.tips.listen.title', body: 'coaching.tips.listen.body', examples: 'coaching.tips.listen.examples' },
  advice: { title: 'coaching.tips.advice.title', body: 'coaching.tips.advice.body', examples: 'coaching.tips.advice.examples' },
  thinkTogether: { title: 'coaching.tips.thinkTogether.title', body: 'coaching.tips.thinkTogether.body', examples: 'coaching.tips.thinkTogether.examples' },
  decide: { title: 'coaching.tips.decide.title', body: 'coaching.tips.decide.body', examples: 'coaching.tips.decide.examples' },
  feedback: { title: 'coaching.tips.feedback.title', body: 'coaching.tips.feedback.body', examples: 'coaching.tips.feedback.examples' },
};

/** The seed's general advice, in the guidance drawer. */
export const generalTips = ['listening', 'openQuestions', 'empathy', 'silence', 'factBased', 'nextSteps'] as const;

/** When the timer turns to the warning colour: this many minutes before the planned end. */
export function warningMinutes(planned: number): number {
  return Math.min(5, Math.max(1, Math.round(planned / 6)));
}
