import { bankQuestion } from '../../domain/questionBank.js';
import { closedEnglish, openAlternativeEn } from './closedEn.js';
import { closedJapanese, openAlternativeJa } from './closedJa.js';
import { japaneseTokenizer } from './tokenizer.js';

export interface ClosedQuestionCheck {
  closed: boolean;
  openAlternative: string | null;
}

const isJapanese = (t: string) => /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(t);

/** A bank question on the same theme, when no rewrite of the question itself keeps its subject. */
function bankFallback(text: string, japanese: boolean): string {
  const hints: [RegExp, string][] = [
    [/キャリア|将来|career|future/i, 'career-1'],
    [/体調|調子|元気|疲れ|健康|眠|health|tired|okay|ok\b|well|sleep/i, 'cond-2'],
    [/目標|goal/i, 'goal-1'],
    [/チーム|人間関係|同僚|team|colleague/i, 'rel-1'],
    [/学|スキル|skill|learn/i, 'skills-2'],
    [/フィードバック|feedback/i, 'fb-3'],
  ];
  const q = bankQuestion(hints.find(([re]) => re.test(text))?.[1] ?? 'work-1')!;
  return japanese ? q.ja : q.en;
}

/**
 * Whether a question invites only yes or no (クローズドな質問), with an open alternative that keeps
 * its subject. Japanese is read through morphological analysis (so 「何か」 is not mistaken for
 * 「何」, and plain-form questions such as 「もう慣れた？」 are caught); English by sentence shape.
 */
export async function checkQuestion(text: string): Promise<ClosedQuestionCheck> {
  const t = text.trim();
  if (!t) return { closed: false, openAlternative: null };
  if (isJapanese(t)) {
    const tokenizer = await japaneseTokenizer();
    const { closed, sentences } = closedJapanese(tokenizer.tokenize(t));
    if (!closed) return { closed, openAlternative: null };
    return { closed, openAlternative: openAlternativeJa(sentences) ?? bankFallback(t, true) };
  }
  const { closed, sentences } = closedEnglish(t);
  if (!closed) return { closed, openAlternative: null };
  return { closed, openAlternative: openAlternativeEn(sentences) ?? bankFallback(t, false) };
}
