import { fieldMessages } from '../../domain/fieldErrors.js';
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
  'errors.templateNotFound': 'テンプレートが見つかりません。',
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
  'errors.talkNotMeasuring': '話す割合は、1on1の実施中に二人とも計測に同意しているときだけ記録できます。',
  'errors.talkClosed': 'この1on1では、話す割合の設定を変えられません（終了済みか、シリーズが終了しています）。',
  'errors.roomClosed': 'この1on1シリーズは終了しているため、ライブ更新は受け取れません。',
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
  // security: request origin, body types, passwords, pending series
  'errors.unsupported_media_type': '送信形式に対応していません。JSON(application/json)で送ってください。',
  'errors.foreignOrigin': 'ほかのサイトからの変更要求は受け付けません。Taiwaの画面から操作してください。',
  'errors.inactiveListForbidden': '無効化された社員の一覧は人事・管理者のみ表示できます。',
  'errors.seriesNotPending': 'この1on1シリーズは承諾待ちではありません。',
  'errors.seriesPendingAnswer': '承諾待ちの1on1シリーズに答えられるのはメンバー(部下)本人だけです。',
  'errors.notificationNotFound': '通知が見つかりません。',
  'errors.calendarFeedNotFound': 'このカレンダーのURLは無効です。設定画面で新しいURLを発行してください。',
  'errors.webhookNotFound': 'Webhookが見つかりません。',
  ...fieldMessages.ja,
  'errors.tokenInvalid': 'APIトークンが無効です(期限切れ、取り消し済み、または誤り)。プロフィール画面で新しいトークンを発行してください。',
  'errors.tokenScope': 'このAPIトークンの権限({scope})では、この操作はできません。',
  'errors.tokenFromToken': 'APIトークンを使って新しいトークンは発行できません。サインインして画面から発行してください。',
  'errors.tokenNotFound': 'APIトークンが見つかりません。',
  'errors.tooManyTokens': 'APIトークンは1人{max}個までです。使っていないトークンを取り消してから発行してください。',
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
  'errors.templateNotFound': 'Template not found.',
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
  'errors.talkNotMeasuring': 'Talk balance is recorded only while the 1on1 is in progress and both of you have agreed to measure it.',
  'errors.talkClosed': 'The talk balance settings of this 1on1 can no longer be changed (it has finished, or its series has ended).',
  'errors.roomClosed': 'This 1on1 series has ended, so its room no longer receives live updates.',
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
  // security: request origin, body types, passwords, pending series
  'errors.unsupported_media_type': 'This request format is not supported. Please send JSON (application/json).',
  'errors.foreignOrigin': 'Changes requested from another site are not accepted. Please use Taiwa itself.',
  'errors.inactiveListForbidden': 'Only hr and admins can list deactivated employees.',
  'errors.seriesNotPending': 'This 1on1 series is not waiting for an answer.',
  'errors.seriesPendingAnswer': 'Only the report can accept or decline a 1on1 series offered to them.',
  'errors.notificationNotFound': 'Notification not found.',
  'errors.calendarFeedNotFound': 'This calendar URL is not valid. Create a new one in your notification settings.',
  'errors.webhookNotFound': 'Webhook not found.',
  ...fieldMessages.en,
  'errors.tokenInvalid': 'This API token is not valid (expired, revoked or mistyped). Create a new one on your profile page.',
  'errors.tokenScope': 'This API token\'s scope ({scope}) does not allow this operation.',
  'errors.tokenFromToken': 'A new API token cannot be created with an API token. Sign in and create it on your profile page.',
  'errors.tokenNotFound': 'API token not found.',
  'errors.tooManyTokens': 'You can hold at most {max} API tokens. Revoke one you no longer use first.',
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
