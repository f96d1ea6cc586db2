import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkQuestion } from './closedQuestions.js';

export interface LabelledQuestion {
  text: string;
  closed: boolean;
}

export interface Evaluation {
  total: number;
  precision: number;
  recall: number;
  misses: { text: string; expected: boolean }[];
}

/** The hand-labelled questions of one language, kept beside the detector (`closedQuestions.<lang>.tsv`). */
export function labelledSet(lang: 'ja' | 'en'): LabelledQuestion[] {
  const file = fileURLToPath(new URL(`./closedQuestions.${lang}.tsv`, import.meta.url));
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const [text, label] = l.split('\t');
      if (!text || (label !== 'open' && label !== 'closed')) throw new Error(`bad line in ${lang} set: ${l}`);
      return { text, closed: label === 'closed' };
    });
}

/** Precision and recall of the closed-question detector on a labelled set ("closed" is the positive class). */
export async function evaluate(set: LabelledQuestion[]): Promise<Evaluation> {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses: Evaluation['misses'] = [];
  for (const q of set) {
    const { closed } = await checkQuestion(q.text);
    if (closed && q.closed) tp++;
    else if (closed) fp++;
    else if (q.closed) fn++;
    if (closed !== q.closed) misses.push({ text: q.text, expected: q.closed });
  }
  return { total: set.length, precision: tp / (tp + fp || 1), recall: tp / (tp + fn || 1), misses };
}
