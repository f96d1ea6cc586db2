import type { WantedResponse } from '../../../domain/agenda.js';

/** Colours for the wanted response (求める関わり方), dark enough for text on their light tint. */
export const wantedResponseColour: Record<WantedResponse, string> = {
  listen: 'teal',
  advice: 'blue.9',
  thinkTogether: 'indigo.9',
  decide: 'grape.9',
  feedback: 'cyan.9',
};

export const scores = [1, 2, 3, 4, 5] as const;
