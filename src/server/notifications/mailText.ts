import type { Locale } from '../../domain/limits.js';
import type { NotificationKind } from '../../domain/notifications.js';

/** Values a notification message may name: people and times, never 1on1 content (SPEC §2). */
export type NotificationParams = Record<string, string | number>;

const subjects: Record<Locale, Record<NotificationKind, string>> = {
  ja: {
    topicsInvite: '{partner}さんとの1on1({when})のトピックと事前質問を準備しましょう',
    prepBrief: '明日の{partner}さんとの1on1({when})の準備シートを確認しましょう',
    meetingStart: 'まもなく{partner}さんとの1on1です({when})',
    minutesToAcknowledge: '{partner}さんが議事録を共有しました。確認してください',
    reflectionPending: '{partner}さんとの1on1({when})の振り返りをお願いします',
    actionItemDue: '今日が期限のアクションアイテムが{count}件あります',
    actionItemOverdue: '期限を過ぎたアクションアイテムが{count}件あります',
    seriesStale: '{partner}さんとの1on1が{days}日間開かれていません',
    digest: '今日の1on1とアクションアイテム({date})',
    invitation: '1on1: {partner}さん({when})',
  },
  en: {
    topicsInvite: 'Prepare topics and answer pre-questions for your 1on1 with {partner} ({when})',
    prepBrief: 'Your prep brief for tomorrow’s 1on1 with {partner} ({when})',
    meetingStart: 'Your 1on1 with {partner} starts soon ({when})',
    minutesToAcknowledge: '{partner} shared the minutes: please acknowledge them',
    reflectionPending: 'Your reflection on the 1on1 with {partner} ({when}) is waiting',
    actionItemDue: 'You have {count} action item(s) due today',
    actionItemOverdue: 'You have {count} overdue action item(s)',
    seriesStale: 'No 1on1 with {partner} for {days} days',
    digest: 'Your 1on1s and action items today ({date})',
    invitation: '1on1: {partner} ({when})',
  },
};

const bodies: Record<Locale, Record<NotificationKind, string>> = {
  ja: {
    topicsInvite: '話したいことをトピックとして追加し、事前質問に答えておくと、1on1の時間をあなたのために使えます。',
    prepBrief: '準備シートで、メンバー(部下)のトピックと求める関わり方、事前質問の回答、コンディションを2分で確認できます。',
    meetingStart: '1on1の時刻が近づいています。',
    minutesToAcknowledge: '議事録を読んで、確認済みにするかコメントを送ってください。',
    reflectionPending: '「話を聞いてもらえたか」「役に立ったか」を振り返ると、次の1on1がよくなります。',
    actionItemDue: '期限が今日のアクションアイテムがあります。進み具合を確認しましょう。',
    actionItemOverdue: '期限を過ぎたアクションアイテムは、次の1on1のアジェンダの先頭に表示されます。',
    seriesStale: '前回の1on1から、設定した間隔より長く空いています。日程を決めましょう。',
    digest: '今日の1on1: {meetings}件、期限が今日までのアクションアイテム: {items}件。',
    invitation: '{partner}さんとの1on1の予定です。アジェンダは Taiwa で確認できます。',
  },
  en: {
    topicsInvite: 'Add what you want to talk about as topics and answer the pre-questions, so the 1on1 is time for you.',
    prepBrief: 'The prep brief shows your report’s topics and wanted responses, pre-question answers and condition in two minutes.',
    meetingStart: 'Your 1on1 is about to start.',
    minutesToAcknowledge: 'Read the minutes, then acknowledge them or send a comment.',
    reflectionPending: 'A short reflection on feeling heard and usefulness makes the next 1on1 better.',
    actionItemDue: 'An action item is due today. Take a look at how it is going.',
    actionItemOverdue: 'Overdue action items lead the agenda of your next 1on1.',
    seriesStale: 'It has been longer than the series’ cadence since your last 1on1. Time to schedule one.',
    digest: '1on1s today: {meetings}. Action items due by today: {items}.',
    invitation: 'Your 1on1 with {partner}. The agenda is in Taiwa.',
  },
};

const footer: Record<Locale, { open: string; settings: string }> = {
  ja: { open: 'Taiwa で開く', settings: '通知の設定' },
  en: { open: 'Open in Taiwa', settings: 'Notification settings' },
};

function fill(template: string, params: NotificationParams): string {
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => String(params[key] ?? ''));
}

/** Text made safe to place in HTML (element content and quoted attributes). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A meeting time as the recipient reads it: their language, their time zone (2026年11月24日(火) 10:00). */
export function formatWhen(instant: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone,
    year: 'numeric',
    month: locale === 'ja' ? 'long' : 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** The subject, plain text and HTML of a notification e-mail in the recipient's language. */
export function renderMail(kind: NotificationKind, locale: Locale, params: NotificationParams, url: string, settingsUrl: string) {
  const subject = fill(subjects[locale][kind], params);
  const body = fill(bodies[locale][kind], params);
  const f = footer[locale];
  const text = `${subject}\n\n${body}\n\n${f.open}: ${url}\n\n--\n${f.settings}: ${settingsUrl}\n`;
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:sans-serif;line-height:1.6">
<p><strong>${escapeHtml(subject)}</strong></p>
<p>${escapeHtml(body)}</p>
<p><a href="${escapeHtml(url)}">${escapeHtml(f.open)}</a></p>
<hr><p style="font-size:12px;color:#555"><a href="${escapeHtml(settingsUrl)}">${escapeHtml(f.settings)}</a></p>
</body></html>`;
  return { subject, text, html };
}

/** The one-line title of a notification (webhook messages use it, in the organisation's language). */
export function notificationTitle(kind: NotificationKind, locale: Locale, params: NotificationParams): string {
  return fill(subjects[locale][kind], params);
}
