import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import type { MessageKey } from './i18n/messages.js';

/** Lowest zxcvbn score (0–4) accepted: 3 is "safely unguessable" against an online attacker. */
export const minPasswordScore = 3;

let factory: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return factory;
}

/** The person a password is for: their own name and e-mail must not make it up. */
export interface PasswordOwner {
  email: string;
  familyName?: string | null;
  givenName?: string | null;
  familyNameKana?: string | null;
  givenNameKana?: string | null;
}

function personalWords(owner: PasswordOwner): string[] {
  const email = owner.email.trim().toLowerCase();
  const local = email.split('@')[0] ?? '';
  const words = [email, local, ...local.split(/[._+-]/), owner.familyName, owner.givenName, owner.familyNameKana, owner.givenNameKana];
  return [...new Set(words.map((w) => (w ?? '').trim().toLowerCase()).filter((w) => w.length >= 3 || /[^ -~]/.test(w)))].filter(
    (w) => w.length > 0,
  );
}

/**
 * Why a new password is refused, or null when it may be used. Applied wherever a password is set
 * (set-up, the admin's employee form, the user's own change) so a guessable password never reaches
 * the hash: whitespace only, the person's own name or e-mail, a common or breached-list password,
 * or anything zxcvbn scores below `minPasswordScore` (dictionary bundled, no network).
 */
export function passwordProblem(password: string, owner: PasswordOwner): MessageKey | null {
  if (password.trim() === '') return 'validation.passwordBlank';
  const lower = password.toLowerCase();
  const personal = personalWords(owner);
  if (personal.some((w) => lower.includes(w))) return 'validation.passwordPersonal';
  const result = zxcvbn().check(password, personal);
  if (result.score >= minPasswordScore) return null;
  if (result.sequence.some((m) => m.pattern === 'dictionary' && 'dictionaryName' in m && m.dictionaryName === 'userInputs')) {
    return 'validation.passwordPersonal';
  }
  if (result.sequence.some((m) => m.pattern === 'dictionary' && 'dictionaryName' in m && m.dictionaryName.startsWith('passwords'))) {
    return 'validation.passwordCommon';
  }
  return 'validation.passwordWeak';
}
