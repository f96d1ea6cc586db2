import type { Locale } from '../../domain/limits.js';
import type { PersonalDataExport } from '../../domain/privacy.js';
import { translate, type MessageKey } from '../i18n/messages.js';
import { escapeHtml, formatWhen } from '../notifications/mailText.js';

type Person = { familyName: string; givenName: string };

/**
 * The readable form of a personal data export (ADR 0213): one self-contained, printable HTML
 * document in the person's language, with the same content as the JSON and nothing more.
 */
export function renderExportDocument(data: PersonalDataExport, locale: Locale, timeZone: string): string {
  const t = (key: MessageKey, params: Record<string, string | number> = {}) => escapeHtml(translate(locale, key, params));
  const e = (s: string | null | undefined) => (s ? escapeHtml(s) : '');
  const when = (iso: string) => escapeHtml(formatWhen(new Date(iso), locale, timeZone));
  const name = (p: Person) => (p.familyName || p.givenName ? escapeHtml(`${p.familyName} ${p.givenName}`.trim()) : t('export.deletedUser'));
  const text = (s: string | null) => (s ? `<p class="text">${e(s)}</p>` : '');
  const row = (label: string, value: string) => `<tr><th>${label}</th><td>${value}</td></tr>`;
  const code = (prefix: string, value: string) => {
    const key = `${prefix}.${value}`;
    return t(key as MessageKey);
  };
  const p = data.profile;

  const series = data.series
    .map((s) => {
      const meetings = s.meetings
        .map((m) => {
          const parts = [
            m.topics.length
              ? `<h5>${t('export.topics')}</h5><ul>${m.topics
                  .map(
                    (tp) =>
                      `<li><strong>${e(tp.title)}</strong> (${code('export.category', tp.category)} · ${code('export.wanted', tp.wantedResponse)} · ${tp.author === 'me' ? t('export.byMe') : t('export.byPartner')}${tp.visibility === 'private' ? ` · ${t('export.privateDraft')}` : ''})${text(tp.note)}</li>`,
                  )
                  .join('')}</ul>`
              : '',
            m.preQuestions.length
              ? `<h5>${t('export.preQuestions')}</h5><ul>${m.preQuestions.map((q) => `<li>${e(q.text)}${q.answer ? `<br>→ ${e(q.answer)}` : ''}</li>`).join('')}</ul>`
              : '',
            m.checkIn ? `<h5>${t('export.checkIn')}</h5><p>${t('export.score', { score: m.checkIn.score })}</p>${text(m.checkIn.comment)}` : '',
            m.sharedNotes ? `<h5>${t('export.sharedNotes')}</h5>${text(m.sharedNotes)}` : '',
            m.minutes ? `<h5>${t('export.minutes')}</h5>${text(m.minutes.body)}${m.minutes.reportComment ? `<p>${t('export.reportComment')}</p>${text(m.minutes.reportComment)}` : ''}` : '',
            m.myPrivateNote ? `<h5>${t('export.myPrivateNote')}</h5>${text(m.myPrivateNote)}` : '',
            m.myReflection
              ? `<h5>${t('export.myReflection')}</h5><table>${[
                  m.myReflection.feltHeard !== null ? row(t('export.feltHeard'), String(m.myReflection.feltHeard)) : '',
                  m.myReflection.useful !== null ? row(t('export.useful'), String(m.myReflection.useful)) : '',
                  m.myReflection.ownListening !== null ? row(t('export.ownListening'), String(m.myReflection.ownListening)) : '',
                ].join('')}</table>${text(m.myReflection.gained)}${text(m.myReflection.improve)}`
              : '',
          ].join('');
          return `<section class="meeting"><h4>${when(m.startsAt)} — ${code('export.status', m.status)}</h4>${m.cancelReason ? text(m.cancelReason) : ''}${parts}</section>`;
        })
        .join('');
      const items = s.actionItems.length
        ? `<h4>${t('export.actionItems')}</h4><ul>${s.actionItems
            .map((i) => `<li>${e(i.title)} (${i.owner === 'me' ? t('export.byMe') : t('export.byPartner')}${i.dueDate ? ` · ${e(i.dueDate)}` : ''} · ${code('export.itemStatus', i.status)})</li>`)
            .join('')}</ul>`
        : '';
      const feedback = s.feedback.length
        ? `<h4>${t('export.feedback')}</h4><ul>${s.feedback
            .map(
              (f) =>
                `<li>${f.direction === 'given' ? t('export.feedbackGiven') : t('export.feedbackReceived')} · ${when(f.createdAt)}<br>${e(f.situation)} / ${e(f.behaviour)} / ${e(f.impact)}</li>`,
            )
            .join('')}</ul>`
        : '';
      return `<section class="series"><h3>${t(s.myRole === 'manager' ? 'export.seriesAsManager' : 'export.seriesAsReport', { partner: name(s.partner) })}</h3>${text(s.purpose)}${meetings}${items}${feedback}</section>`;
    })
    .join('');

  const goals = data.goals
    .map((g) => `<li><strong>${e(g.title)}</strong> (${e(g.kind.toUpperCase())})<ul>${g.updates.map((u) => `<li>${when(u.createdAt)} ${u.progress !== null ? `${u.progress}` : ''} ${e(u.comment)}</li>`).join('')}</ul></li>`)
    .join('');
  const consents = data.checkInConsents
    .map((c) => `<li>${t('export.consentGiven', { version: c.statementVersion })} ${when(c.givenAt)}${c.withdrawnAt ? ` — ${t('export.consentWithdrawn')} ${when(c.withdrawnAt)}` : ''}</li>`)
    .join('');
  const auditRows = data.auditEvents.map((a) => `<tr><td>${when(a.at)}</td><td>${name(a.actor)}</td><td>${e(a.action)}</td></tr>`).join('');

  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<title>${t('export.title')} — ${name(p)}</title>
<style>
body { font-family: system-ui, "Hiragino Sans", "Noto Sans JP", sans-serif; line-height: 1.6; margin: 2rem auto; max-width: 50rem; padding: 0 1rem; color: #1a1b1e; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 2px solid #ccc; margin-top: 2rem; } h3 { margin-top: 1.5rem; }
table { border-collapse: collapse; } th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; }
.text { white-space: pre-wrap; margin: .25rem 0; } .meeting { border-left: 3px solid #e9ecef; padding-left: .75rem; margin: 1rem 0; }
@media print { body { margin: 0; max-width: none; } section { break-inside: avoid-page; } }
</style>
</head>
<body>
<h1>${t('export.title')}</h1>
<p>${t('export.lead', { at: formatWhen(new Date(data.exportedAt), locale, timeZone) })}</p>
<h2>${t('export.profile')}</h2>
<table>
${row(t('export.name'), name(p))}
${row(t('export.kana'), e(`${p.familyNameKana} ${p.givenNameKana}`.trim()))}
${row(t('export.email'), e(p.email))}
${row(t('export.employeeNumber'), e(p.employeeNumber))}
${row(t('export.jobTitle'), e(p.title))}
${row(t('export.department'), e(p.department))}
${row(t('export.manager'), p.manager ? name(p.manager) : '')}
</table>
<h2>${t('export.consents')}</h2>
${consents ? `<ul>${consents}</ul>` : `<p>${t('export.none')}</p>`}
<h2>${t('export.series')}</h2>
${series || `<p>${t('export.none')}</p>`}
<h2>${t('export.goals')}</h2>
${goals ? `<ul>${goals}</ul>` : `<p>${t('export.none')}</p>`}
<h2>${t('export.audit')}</h2>
${auditRows ? `<table><tr><th>${t('export.auditAt')}</th><th>${t('export.auditWho')}</th><th>${t('export.auditAction')}</th></tr>${auditRows}</table>` : `<p>${t('export.none')}</p>`}
</body>
</html>
`;
}
