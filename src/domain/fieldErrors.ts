import type { z } from 'zod';
import type { Locale } from './limits.js';

/**
 * Field problems in words, one catalog for the server's error bodies and the web client's forms, so
 * both say the same thing about the same input. Keys live under `validation.`; `{name}` placeholders
 * are filled from the problem's params.
 */
const ja = {
  'validation.feedbackReceiver': 'フィードバックの相手は、この1on1の相手を指定してください。',
  'validation.actionItemOwner': '担当者は、この1on1の2人のどちらかを指定してください。',
  'validation.supportOwner': '上司のサポートにできるのは、上司が担当するアクションアイテムだけです。',
  'validation.dateInPast': '過去の日時は指定できません。',
  'validation.seriesWithSelf': '自分自身との1on1は作成できません。',
  'validation.topicOrder': '並べ替えには、表示されているトピックをすべて1回ずつ指定してください。',
  'validation.time': '時刻は HH:MM の形式で入力してください(例: 10:30)。',
  'validation.date': '日付の形式が正しくありません。',
  'validation.required': '入力してください。',
  'validation.tooShort': '{min}文字以上で入力してください。',
  'validation.tooLong': '{max}文字以内で入力してください。',
  'validation.tooSmall': '{min}以上の値を入力してください。',
  'validation.tooBig': '{max}以下の値を入力してください。',
  'validation.invalidType': '形式が正しくありません。',
  'validation.email': 'メールアドレスの形式が正しくありません。',
  'validation.url': 'http:// または https:// で始まるURLを入力してください。',
  'validation.webhookEvents': '送るイベントを1つ以上選んでください。',
  'validation.tokenAdminScope': '管理者権限のトークンを発行できるのは管理者だけです。',
  'validation.webhookHttps': 'https:// で始まるURLを入力してください（http:// が使えるのはこのサーバー自身（localhost）宛てだけです）。',
  'validation.uuid': 'IDの形式が正しくありません。',
  'validation.enum': '次のいずれかを指定してください: {options}',
  'validation.choose': '選んでください。',
  'validation.kana': 'カタカナまたはひらがなで入力してください。',
  'validation.employeeNumber': '半角英数字・ハイフン・アンダースコアで入力してください。',
  'validation.timeZone': 'タイムゾーンが正しくありません(例: Asia/Tokyo)。',
  'validation.emptyUpdate': '変更する項目を1つ以上指定してください。',
  'validation.unknownField': 'この項目は指定できません。',
  'validation.invalid': '値が正しくありません。',
  'validation.minutesTooLong': '議事録は50000文字以内にしてください。',
  'validation.minutesStructure': '議事録の内容を読み取れませんでした。ページを再読み込みして、もう一度お試しください。',
  'validation.passwordBlank': 'スペースだけのパスワードは使えません。',
  'validation.passwordCommon': 'よく使われていて推測されやすいパスワードです。別のものにしてください。',
  'validation.passwordPersonal': '名前やメールアドレスを含むパスワードは使えません。',
  'validation.passwordWeak': '推測されやすいパスワードです。単語を組み合わせるなど、もっと長く複雑にしてください。',
  'validation.passwordMismatch': '新しいパスワードと一致しません。',
  'validation.duplicateKind': '同じ種類の通知が2回指定されています。',
  'validation.ssoIssuerHttps': 'https:// で始まるURLを入力してください（http:// が使えるのはこのサーバー上のIdP（localhost）だけです）。',
  'validation.ssoDomain': 'ドメインの形式が正しくありません(例: example.co.jp)。',
  'validation.ssoDomainsRequired': '許可するドメインを1つ以上入力してください。',
  'validation.goalUpdateEmpty': '進捗の値かコメントのどちらかを入力してください。',
  'validation.goalKeyResult': 'この目標の成果指標(キーリザルト)を指定してください。',
  'validation.topicGoal': '紐づけられるのは、この1on1のメンバー(部下)の進行中の目標だけです。',
} as const;

/** The key of a field message. */
export type FieldMessageKey = keyof typeof ja;

const en: Record<FieldMessageKey, string> = {
  'validation.feedbackReceiver': 'Give the feedback to the other person of this 1on1.',
  'validation.actionItemOwner': 'The owner must be one of the two people of this 1on1.',
  'validation.supportOwner': 'Only an action item the manager owns can be a manager support commitment.',
  'validation.dateInPast': 'A date in the past is not allowed.',
  'validation.seriesWithSelf': 'Nobody can have a 1on1 series with themselves.',
  'validation.topicOrder': 'List every visible topic exactly once to reorder.',
  'validation.time': 'Enter the time as HH:MM (e.g. 10:30).',
  'validation.date': 'Not a valid date.',
  'validation.required': 'Required.',
  'validation.tooShort': 'Enter at least {min} characters.',
  'validation.tooLong': 'Enter at most {max} characters.',
  'validation.tooSmall': 'Enter a value of at least {min}.',
  'validation.tooBig': 'Enter a value of at most {max}.',
  'validation.invalidType': 'Wrong format.',
  'validation.email': 'Not a valid email address.',
  'validation.url': 'Enter a URL that starts with http:// or https://.',
  'validation.webhookEvents': 'Choose at least one event to send.',
  'validation.tokenAdminScope': 'Only administrators can create tokens with the admin scope.',
  'validation.webhookHttps': 'Enter a URL starting with https:// (plain http:// only reaches this server itself, localhost).',
  'validation.uuid': 'Not a valid id.',
  'validation.enum': 'Use one of: {options}',
  'validation.choose': 'Choose one.',
  'validation.kana': 'Use katakana or hiragana.',
  'validation.employeeNumber': 'Use letters, digits, hyphens and underscores.',
  'validation.timeZone': 'Not a valid time zone (e.g. Asia/Tokyo).',
  'validation.emptyUpdate': 'Give at least one field to change.',
  'validation.unknownField': 'This field is not accepted.',
  'validation.invalid': 'Invalid value.',
  'validation.minutesTooLong': 'Minutes can hold at most 50000 characters.',
  'validation.minutesStructure': 'The minutes could not be read. Reload the page and try again.',
  'validation.passwordBlank': 'A password cannot be only spaces.',
  'validation.goalUpdateEmpty': 'Enter a new value, a comment, or both.',
  'validation.goalKeyResult': 'Choose one of this goal\'s key results.',
  'validation.topicGoal': 'A topic can only be linked to an active goal of the report in this 1on1.',
  'validation.passwordCommon': 'This password is common and easy to guess. Please choose another one.',
  'validation.passwordPersonal': 'A password cannot contain your name or email address.',
  'validation.passwordWeak': 'This password is easy to guess. Make it longer, for example by combining several words.',
  'validation.passwordMismatch': 'Does not match the new password.',
  'validation.duplicateKind': 'The same kind of notification is given twice.',
  'validation.ssoIssuerHttps': 'Enter a URL starting with https:// (plain http:// only reaches an identity provider on this server, localhost).',
  'validation.ssoDomain': 'Not a valid domain (e.g. example.com).',
  'validation.ssoDomainsRequired': 'Enter at least one allowed domain.',
};

/** Every field message in every language (the server merges them into its own catalog). */
export const fieldMessages: Record<Locale, Record<FieldMessageKey, string>> & { ja: typeof ja } = { ja, en };

type Params = Record<string, string | number>;

/** One problem with one field: which message, and the values it needs. */
export interface FieldProblem {
  key: FieldMessageKey;
  params?: Params;
}

/** Whether `key` names a field message. */
export function isFieldMessageKey(key: string): key is FieldMessageKey {
  return key in ja;
}

/** The field message for `key` in `locale`, with `{param}` placeholders filled. */
export function fieldMessage(locale: Locale, problem: FieldProblem): string {
  const params = problem.params ?? {};
  return fieldMessages[locale][problem.key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/**
 * Turns zod's issues into one problem per field (the first found), keyed by the dotted path of the
 * field (`schedule.startDate`, `topics.0.ja`; `_` for the whole input). `input` is what was checked:
 * it tells a missing value ("required") from one of the wrong type.
 */
export function fieldProblems(issues: readonly z.core.$ZodIssue[], input?: unknown): Record<string, FieldProblem> {
  const fields: Record<string, FieldProblem> = {};
  for (const issue of issues) {
    const name = issue.path.length ? issue.path.map(String).join('.') : '_';
    if (name in fields) continue;
    fields[name] = describe(issue, valueAt(input, issue.path));
  }
  return fields;
}

/** The value the caller sent at `path` (zod 4 leaves `issue.input` out unless asked to report it). */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cur = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** A message a schema named itself (`.min(1, 'webhookEvents')`, `{ message: 'kana' }`), when the catalog has it. */
function named(message: string): FieldProblem | null {
  const key = `validation.${message}`;
  return isFieldMessageKey(key) ? { key } : null;
}

function describe(issue: z.core.$ZodIssue, sent: unknown): FieldProblem {
  switch (issue.code) {
    case 'too_small': {
      // A schema may name its own message for a minimum (e.g. "choose at least one event").
      const own = named(issue.message);
      if (own) return own;
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { key: 'validation.required' } : { key: 'validation.tooShort', params: { min } };
      return { key: 'validation.tooSmall', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'validation.tooLong', params: { max } };
      return { key: 'validation.tooBig', params: { max } };
    }
    case 'invalid_type':
      return issue.input === undefined && sent === undefined ? { key: 'validation.required' } : { key: 'validation.invalidType' };
    case 'invalid_format':
      if (issue.format === 'email') return { key: 'validation.email' };
      if (issue.format === 'uuid') return { key: 'validation.uuid' };
      if (issue.format === 'url') return { key: 'validation.url' };
      if (issue.format === 'date' || issue.format === 'datetime') return { key: 'validation.date' };
      if (issue.format === 'regex') return named(issue.message) ?? { key: 'validation.invalid' };
      return { key: 'validation.invalid' };
    case 'invalid_value':
      // Nothing chosen at all reads as a request to choose, not as a list of the stored values.
      if (sent === undefined) return { key: 'validation.choose' };
      return { key: 'validation.enum', params: { options: issue.values.map(String).join(', ') } };
    case 'unrecognized_keys':
      return { key: 'validation.unknownField' };
    case 'custom':
      return named(issue.message) ?? { key: 'validation.invalid' };
    default:
      return { key: 'validation.invalid' };
  }
}
