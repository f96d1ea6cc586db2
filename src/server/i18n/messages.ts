import type { Locale } from '../../domain/limits.js';

/**
 * Messages the server itself writes (errors and field problems), in every language.
 * `{name}` placeholders are filled from the params of the error.
 */
const ja = {
  'errors.validation': '入力内容に誤りがあります。各項目を確認してください。',
  'errors.unauthenticated': 'サインインしてください。',
  'errors.forbidden': 'この操作を行う権限がありません。',
  'errors.not_found': '対象が見つかりません。',
  'errors.conflict': 'ほかの内容と矛盾するため保存できません。',
  'errors.payload_too_large': '送信された内容が大きすぎます({limit}バイトまで)。',
  'errors.rate_limited': '試行回数が多すぎます。しばらく待ってから再度お試しください。',
  'errors.internal': 'サーバーでエラーが発生しました。時間をおいて再度お試しください。',
  'errors.invalidJson': '送信された内容をJSONとして読み取れません。',
  'errors.reportingCycle': '{employee}さんの上司を{manager}さんにすると、報告ラインが循環します({manager}さんは{employee}さんの部下にあたります)。',
  'errors.selfManager': '自分自身を上司に設定することはできません。',
  'errors.departmentCycle': '部署をその部署自身、または配下の部署の下に移すことはできません。',
  'errors.emailTaken': 'このメールアドレスはすでに使われています。',
  'errors.employeeNumberTaken': 'この社員番号はすでに使われています。',
  'errors.managerInactive': '無効化された社員を上司に設定することはできません。',
  'errors.departmentInactive': '無効化された部署には所属させられません。',
  'errors.employeeNotFound': '社員が見つかりません。',
  'errors.departmentNotFound': '部署が見つかりません。',
  'errors.questionNotFound': '質問が見つかりません。',
  'errors.managerNotFound': '上司に指定した社員が見つかりません。',
  'errors.parentNotFound': '親部署が見つかりません。',
  'errors.setupDone': '初期設定はすでに完了しています。',
  'errors.lastAdmin': '最後の管理者の管理者権限は外せません。',
  'errors.selfDeactivate': '自分自身を無効化することはできません。',
  'errors.hasActiveReports': '直属の部下がいる社員は無効化できません。先に部下の上司を変更してください。',
  'errors.departmentHasMembers': '所属する社員または有効な下位部署がある部署は無効化できません。',
  'errors.notFoundRoute': 'このURLのAPIはありません。',
  'errors.invalidCredentials': 'メールアドレスまたはパスワードが正しくありません。',
  'errors.accountDeactivated': 'このアカウントは無効化されています。管理者に連絡してください。',
  'errors.currentPasswordWrong': '現在のパスワードが正しくありません。',
  'errors.authFailed': 'サインインの処理に失敗しました。',
  'errors.meetingNotOpen': 'この1on1は予定どおりの状態ではないため、この操作はできません。',
  'errors.meetingNotFound': '1on1が見つかりません。',
  'errors.meetingNotMoved': 'この1on1は祝日による移動をしていません。',
  'errors.seriesNotFound': '1on1(定期)が見つかりません。',
  'errors.seriesStatus': '1on1(定期)の現在の状態では、この操作はできません。',
  'errors.seriesExists': 'この2人の1on1(定期)はすでにあります。',
  'errors.reportHasNoManager': 'このメンバーには上司が設定されていません。',
  'errors.topicNotFound': 'トピックが見つかりません。',
  'errors.topicAlreadyShared': '共有済みのトピックを下書きに戻すことはできません。',
  'errors.preQuestionNotFound': '事前質問が見つかりません。',
  'errors.preQuestionAnswered': '回答済みの事前質問は取り下げられません。',
  'errors.topicNotShared': '共有されていないトピックは「話した」にできません。先に共有してください。',
  'errors.privateNoteUnreadable': '自分用メモを復号できませんでした。管理者に連絡してください。',
  'errors.feedbackNotFound': 'フィードバックが見つかりません。',
  'errors.actionItemNotFound': 'アクションアイテムが見つかりません。',
  'errors.minutesNotFound': '議事録はまだありません。1on1を終了すると下書きが作られます。',
  'errors.minutesShared': '共有済みの議事録は編集できません。修正は理由を添えて「訂正」してください。',
  'errors.minutesNotShared': '議事録はまだ共有されていません。',
  'errors.minutesAcknowledged': 'この議事録はすでに確認済みです。',
  'errors.reportOnly': 'この操作はメンバー(部下)本人だけが行えます。',
  'errors.reflectionNotYet': '振り返りは議事録が共有されてから書けます。',
  'validation.feedbackReceiver': 'フィードバックの相手は、この1on1の相手を指定してください。',
  'validation.actionItemOwner': '担当者は、この1on1の2人のどちらかを指定してください。',
  'validation.supportOwner': '上司のサポートにできるのは、上司が担当するアクションアイテムだけです。',
  'validation.dateInPast': '過去の日時は指定できません。',
  'validation.seriesWithSelf': '自分自身との1on1は作成できません。',
  'validation.topicOrder': '並べ替えには、表示されているトピックをすべて1回ずつ指定してください。',
  'validation.time': '時刻は HH:MM の形式で入力してください(例: 10:30)。',
  'validation.date': '日付の形式が正しくありません。',
  'errors.minutesChanged': '相手が先に議事録の下書きを更新しました。最新の内容を確認してから、もう一度保存してください(入力中の内容は残っています)。',
  'validation.required': '入力してください。',
  'validation.tooShort': '{min}文字以上で入力してください。',
  'validation.tooLong': '{max}文字以内で入力してください。',
  'validation.tooSmall': '{min}以上の値を入力してください。',
  'validation.tooBig': '{max}以下の値を入力してください。',
  'validation.invalidType': '形式が正しくありません。',
  'validation.email': 'メールアドレスの形式が正しくありません。',
  'validation.uuid': 'IDの形式が正しくありません。',
  'validation.enum': '次のいずれかを指定してください: {options}',
  'validation.kana': 'カタカナまたはひらがなで入力してください。',
  'validation.employeeNumber': '半角英数字・ハイフン・アンダースコアで入力してください。',
  'validation.timeZone': 'タイムゾーンが正しくありません(例: Asia/Tokyo)。',
  'validation.emptyUpdate': '変更する項目を1つ以上指定してください。',
  'validation.unknownField': 'この項目は指定できません。',
  'validation.invalid': '値が正しくありません。',
} as const;

export type MessageKey = keyof typeof ja;

const en: Record<MessageKey, string> = {
  'errors.validation': 'Some fields are not valid. Please check them.',
  'errors.unauthenticated': 'Please sign in.',
  'errors.forbidden': 'You are not allowed to do this.',
  'errors.not_found': 'Not found.',
  'errors.conflict': 'This conflicts with existing data and was not saved.',
  'errors.payload_too_large': 'The request is too large (limit {limit} bytes).',
  'errors.rate_limited': 'Too many attempts. Please wait a moment and try again.',
  'errors.internal': 'Something went wrong on the server. Please try again later.',
  'errors.invalidJson': 'The request body is not valid JSON.',
  'errors.reportingCycle':
    'Making {manager} the manager of {employee} would create a reporting cycle ({manager} reports to {employee}).',
  'errors.selfManager': 'Nobody can be their own manager.',
  'errors.departmentCycle': 'A department cannot be moved under itself or one of its sub-departments.',
  'errors.emailTaken': 'This email address is already in use.',
  'errors.employeeNumberTaken': 'This employee number is already in use.',
  'errors.managerInactive': 'A deactivated employee cannot be a manager.',
  'errors.departmentInactive': 'Nobody can join a deactivated department.',
  'errors.employeeNotFound': 'Employee not found.',
  'errors.departmentNotFound': 'Department not found.',
  'errors.questionNotFound': 'Question not found.',
  'errors.managerNotFound': 'The chosen manager does not exist.',
  'errors.parentNotFound': 'The parent department does not exist.',
  'errors.setupDone': 'Set-up has already been completed.',
  'errors.lastAdmin': 'The last administrator cannot lose the admin role.',
  'errors.selfDeactivate': 'You cannot deactivate yourself.',
  'errors.hasActiveReports': 'An employee with direct reports cannot be deactivated. Change their reports’ manager first.',
  'errors.departmentHasMembers': 'A department with members or active sub-departments cannot be deactivated.',
  'errors.notFoundRoute': 'There is no API at this URL.',
  'errors.invalidCredentials': 'The email address or password is not correct.',
  'errors.accountDeactivated': 'This account has been deactivated. Please contact your administrator.',
  'errors.currentPasswordWrong': 'The current password is not correct.',
  'errors.authFailed': 'Signing in failed.',
  'errors.meetingNotOpen': 'This 1on1 meeting is not in a state that allows this.',
  'errors.meetingNotFound': '1on1 meeting not found.',
  'errors.meetingNotMoved': 'This 1on1 meeting was not moved for a holiday.',
  'errors.seriesNotFound': '1on1 series not found.',
  'errors.seriesStatus': 'The 1on1 series is not in a state that allows this.',
  'errors.seriesExists': 'These two already have a 1on1 series.',
  'errors.reportHasNoManager': 'This report has no manager set.',
  'errors.topicNotFound': 'Topic not found.',
  'errors.topicAlreadyShared': 'A shared topic cannot go back to a private draft.',
  'errors.preQuestionNotFound': 'Pre-question not found.',
  'errors.preQuestionAnswered': 'An answered pre-question cannot be withdrawn.',
  'errors.topicNotShared': 'Only a shared topic can be marked discussed. Share it first.',
  'errors.privateNoteUnreadable': 'Your private note could not be decrypted. Please contact your administrator.',
  'errors.feedbackNotFound': 'Feedback not found.',
  'errors.actionItemNotFound': 'Action item not found.',
  'errors.minutesNotFound': 'There are no minutes yet. Finishing the 1on1 meeting creates the draft.',
  'errors.minutesShared': 'Shared minutes cannot be edited. Send a correction with a reason instead.',
  'errors.minutesNotShared': 'The minutes have not been shared yet.',
  'errors.minutesAcknowledged': 'These minutes have already been acknowledged.',
  'errors.reportOnly': 'Only the report can do this.',
  'errors.reflectionNotYet': 'A reflection can be written once the minutes are shared.',
  'validation.feedbackReceiver': 'Give the feedback to the other person of this 1on1.',
  'validation.actionItemOwner': 'The owner must be one of the two people of this 1on1.',
  'validation.supportOwner': 'Only an action item the manager owns can be a manager support commitment.',
  'validation.dateInPast': 'A date in the past is not allowed.',
  'validation.seriesWithSelf': 'Nobody can have a 1on1 series with themselves.',
  'validation.topicOrder': 'List every visible topic exactly once to reorder.',
  'validation.time': 'Enter the time as HH:MM (e.g. 10:30).',
  'validation.date': 'Not a valid date.',
  'errors.minutesChanged': 'Your partner updated the draft first. Check the latest version, then save again (your text is kept).',
  'validation.required': 'Required.',
  'validation.tooShort': 'Enter at least {min} characters.',
  'validation.tooLong': 'Enter at most {max} characters.',
  'validation.tooSmall': 'Enter a value of at least {min}.',
  'validation.tooBig': 'Enter a value of at most {max}.',
  'validation.invalidType': 'Wrong format.',
  'validation.email': 'Not a valid email address.',
  'validation.uuid': 'Not a valid id.',
  'validation.enum': 'Use one of: {options}',
  'validation.kana': 'Use katakana or hiragana.',
  'validation.employeeNumber': 'Use letters, digits, hyphens and underscores.',
  'validation.timeZone': 'Not a valid time zone (e.g. Asia/Tokyo).',
  'validation.emptyUpdate': 'Give at least one field to change.',
  'validation.unknownField': 'This field is not accepted.',
  'validation.invalid': 'Invalid value.',
};

const catalogs: Record<Locale, Record<MessageKey, string>> = { ja, en };

/** Whether `key` names a server message. */
export function isMessageKey(key: string): key is MessageKey {
  return key in ja;
}

/** The message for `key` in `locale`, with `{param}` placeholders filled. */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogs[locale][key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Picks the caller's language from an Accept-Language header: English if asked for first, else Japanese. */
export function localeFromHeader(header: string | undefined | null): Locale {
  if (!header) return 'ja';
  for (const part of header.split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('ja')) return 'ja';
    if (tag.startsWith('en')) return 'en';
  }
  return 'ja';
}
