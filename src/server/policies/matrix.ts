/**
 * The authorisation matrix: for every operation of `/api/openapi.json`, who may call it, declared
 * next to the policies. `src/server/policies/matrix.test.ts` builds a factory organisation (a report
 * `self`, their manager `partner`, `otherReport`, `skipLevel`, `hr`, `admin`, and anonymous), runs
 * every operation for every relation against the report's series, meeting and records, and compares
 * the answers with this table. An operation of the API document without a row fails the test, so a
 * new endpoint cannot ship without saying who may call it.
 *
 * Adding an endpoint = one line: `'METHOD /api/path/{id}': preset,` (see `docs/architecture.md`).
 */

/** The people around the report whose records are looked at (the factory organisation). */
export const matrixRelations = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'] as const;
export type MatrixRelation = (typeof matrixRelations)[number];

/** Who gets an answer (2xx); everyone else is refused (401 anonymous, 403/404 signed in). */
export type Allowed = readonly MatrixRelation[];

const signedIn: Allowed = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin'];
/** Presets for the rows: the usual shapes of "who may". */
export const who = {
  /** Anyone, signed in or not (set-up status, sign-in). */
  everyone: [...signedIn, 'anonymous'] as Allowed,
  /** Every signed-in employee; lists answer with what is theirs. */
  signedIn,
  /** The two people of the series (SPEC §2 `pair`). */
  pair: ['self', 'partner'] as Allowed,
  /** The series' manager only (prep brief, pre-questions). */
  manager: ['partner'] as Allowed,
  /** The report only (check-in, reflection, answering a pending series). */
  report: ['self'] as Allowed,
  /** The pair, and hr/admin as practice metadata (no content). */
  pairAndMetadata: ['self', 'partner', 'hr', 'admin'] as Allowed,
  /** hr and admin. */
  hrAdmin: ['hr', 'admin'] as Allowed,
  /** Administrators only. */
  admin: ['admin'] as Allowed,
  /** The report's primary manager, hr and admin (starting a series for the report). */
  managerOrHrAdmin: ['partner', 'hr', 'admin'] as Allowed,
} as const;

/**
 * One row per operation. Reads are run for every relation and must answer exactly as declared;
 * writes are run for every relation that is refused (and must change nothing) and from a foreign
 * Origin (always refused).
 */
export const authorisationMatrix: Record<string, Allowed> = {
  // signed-in person or nobody (null), the secret-URL calendar feed
  'GET /api/session': who.everyone,
  // Anyone holding a valid secret URL reads that feed; the matrix has no token, so every relation
  // gets 404 here (notifications.test.ts proves a valid, a replaced and a revoked URL).
  'GET /api/calendar-feeds/{token}': [],
  // the live room, coaching and templates inside a meeting
  'GET /api/meetings/{id}/events': who.pair,
  'GET /api/meetings/{id}/coaching': who.pair,
  'POST /api/meetings/{id}/apply-template': who.pair,
  // talk balance: the pair's own figure; the manager's own trend; hr only over five managers or more
  'GET /api/meetings/{id}/talk': who.pair,
  'PUT /api/meetings/{id}/talk': who.pair,
  'POST /api/meetings/{id}/talk/intervals': who.pair,
  'GET /api/me/talk-trend': who.signedIn,
  'GET /api/talk-balance/aggregate': who.hrAdmin,
  'GET /api/analytics/departments': who.hrAdmin,
  'GET /api/analytics/departments/csv': who.hrAdmin,
  // formality signals: the series' manager; per manager, counts only, for hr and admin
  'GET /api/analytics/practice': who.hrAdmin,
  'GET /api/series/{id}/signals': who.manager,
  // the manager's team view: whoever is someone's primary manager or holds a series as manager
  // (the factory's skip-level manager is the partner's manager); never the report, hr or admin
  'GET /api/team': ['partner', 'skipLevel'],
  // guidance kept by hr
  'GET /api/agenda-templates': who.signedIn,
  'PATCH /api/agenda-templates/{id}': who.hrAdmin,
  'GET /api/question-bank/manage': who.hrAdmin,
  'POST /api/question-bank': who.hrAdmin,
  'PATCH /api/question-bank/{id}': who.hrAdmin,
  // each person's own notifications, settings and calendar feed
  'GET /api/notifications': who.signedIn,
  'GET /api/notifications/unread-count': who.signedIn,
  'POST /api/notifications/{id}/read': who.signedIn,
  'POST /api/notifications/read-all': who.signedIn,
  'GET /api/notification-settings': who.signedIn,
  'PUT /api/notification-settings': who.signedIn,
  'GET /api/me/calendar-feed': who.signedIn,
  'POST /api/me/calendar-feed': who.signedIn,
  'DELETE /api/me/calendar-feed': who.signedIn,
  // each person's own API tokens (created from a session only; see policies/apiTokens.ts)
  'GET /api/me/api-tokens': who.signedIn,
  'POST /api/me/api-tokens': who.signedIn,
  'DELETE /api/me/api-tokens/{id}': who.signedIn,
  // administration: the mail outbox and webhooks
  'GET /api/admin/outbox': who.admin,
  'GET /api/admin/webhooks': who.admin,
  'POST /api/admin/webhooks': who.admin,
  'PATCH /api/admin/webhooks/{id}': who.admin,
  'DELETE /api/admin/webhooks/{id}': who.admin,
  'GET /api/admin/webhooks/{id}/deliveries': who.admin,
  // single sign-on: the provider's settings and discovery test for admins; the sign-in page's options for anyone
  'GET /api/admin/sso': who.admin,
  'PUT /api/admin/sso': who.admin,
  'POST /api/admin/sso/discovery': who.admin,
  'GET /api/sign-in-options': who.everyone,
  // SCIM provisioning tokens (the /scim/v2 endpoint itself is outside /api, tested in scim.test.ts)
  'GET /api/admin/scim-tokens': who.admin,
  'POST /api/admin/scim-tokens': who.admin,
  'DELETE /api/admin/scim-tokens/{id}': who.admin,
  // auth (better-auth; only these four are switched on)
  'POST /api/auth/sign-in/email': who.everyone,
  // Anyone may start single sign-on (404 while no provider is set up; sso.test.ts covers both).
  'POST /api/auth/sign-in/social': who.everyone,
  'POST /api/auth/sign-out': who.everyone,
  'POST /api/auth/change-password': who.signedIn,
  'GET /api/auth/get-session': who.everyone,
  // set-up
  'GET /api/setup': who.everyone,
  'POST /api/setup': [],
  // me, home, search
  'GET /api/me': who.signedIn,
  'PATCH /api/me': who.signedIn,
  'GET /api/home': who.signedIn,
  'GET /api/search': who.signedIn,
  // organisation
  'GET /api/employees': who.signedIn,
  'POST /api/employees': who.admin,
  'GET /api/employees/{id}': who.signedIn,
  'PATCH /api/employees/{id}': who.admin,
  'PUT /api/employees/{id}/manager': who.admin,
  'GET /api/departments': who.signedIn,
  'POST /api/departments': who.admin,
  'PATCH /api/departments/{id}': who.admin,
  // employee CSV import and export (SPEC §9)
  'POST /api/admin/employee-import/analyse': who.admin,
  'POST /api/admin/employee-import/dry-run': who.admin,
  'POST /api/admin/employee-import/apply': who.admin,
  'GET /api/admin/employee-export': who.admin,
  // series
  'GET /api/series': who.signedIn,
  'POST /api/series': who.managerOrHrAdmin,
  'POST /api/series/bulk': who.hrAdmin,
  'GET /api/series/{id}': who.pairAndMetadata,
  'PATCH /api/series/{id}': who.pair,
  'POST /api/series/{id}/pause': who.manager,
  'POST /api/series/{id}/resume': who.manager,
  'POST /api/series/{id}/end': who.manager,
  'POST /api/series/{id}/accept': who.report,
  'POST /api/series/{id}/decline': who.report,
  'GET /api/series/{id}/meetings': who.pair,
  'POST /api/series/{id}/meetings': who.pair,
  'GET /api/series/{id}/history': who.pair,
  'POST /api/series/{id}/feedback': who.pair,
  // meetings and preparation
  'GET /api/meetings/{id}': who.pair,
  'POST /api/meetings/{id}/reschedule': who.pair,
  'POST /api/meetings/{id}/cancel': who.pair,
  'POST /api/meetings/{id}/keep-original-date': who.pair,
  'POST /api/meetings/{id}/topics': who.pair,
  'PUT /api/meetings/{id}/topics/order': who.pair,
  'PATCH /api/topics/{id}': who.pair,
  'DELETE /api/topics/{id}': who.pair,
  'POST /api/topics/{id}/discussed': who.pair,
  'POST /api/meetings/{id}/pre-questions': who.manager,
  'PUT /api/pre-questions/{id}/answer': who.report,
  'DELETE /api/pre-questions/{id}': who.manager,
  'PUT /api/meetings/{id}/check-in': who.report,
  'GET /api/meetings/{id}/prep-brief': who.manager,
  'GET /api/question-bank': who.signedIn,
  'POST /api/question-bank/check': who.signedIn,
  // the meeting and its follow-up
  'GET /api/meetings/{id}/flow': who.pair,
  'POST /api/meetings/{id}/start': who.pair,
  'POST /api/meetings/{id}/finish': who.pair,
  'GET /api/meetings/{id}/private-note': who.pair,
  'PUT /api/meetings/{id}/private-note': who.pair,
  'GET /api/meetings/{id}/feedback': who.pair,
  'POST /api/meetings/{id}/feedback': who.pair,
  'PATCH /api/feedback/{id}': who.pair,
  'DELETE /api/feedback/{id}': who.pair,
  'GET /api/action-items': who.signedIn,
  'POST /api/meetings/{id}/action-items': who.pair,
  'PATCH /api/action-items/{id}': who.pair,
  'DELETE /api/action-items/{id}': who.pair,
  'GET /api/meetings/{id}/open-action-items': who.pair,
  'GET /api/meetings/{id}/minutes': who.pair,
  'GET /api/meetings/{id}/minutes.md': who.pair,
  'POST /api/meetings/{id}/minutes/share': who.pair,
  'POST /api/meetings/{id}/minutes/acknowledge': who.report,
  'POST /api/meetings/{id}/minutes/corrections': who.pair,
  'GET /api/meetings/{id}/minutes/revisions': who.pair,
  'GET /api/meetings/{id}/reflection': who.pair,
  'PUT /api/meetings/{id}/reflection': who.pair,
  'GET /api/reflections/summary': who.signedIn,
  // goals (ADR 0206): the owner, and their partners in the series where the owner is the report
  'GET /api/goals': who.signedIn,
  'POST /api/goals': who.signedIn,
  'GET /api/goals/{id}': who.pair,
  'PATCH /api/goals/{id}': who.report,
  // the partner may comment (progress values are the owner's; goals.test.ts proves the 403)
  'POST /api/goals/{id}/updates': who.pair,
  // the audit log (ADR 0210): who read my records, for everyone; administrative actions for admins
  'GET /api/me/audit': who.signedIn,
  'GET /api/admin/audit': who.admin,
  // each person's own feedback log, from their own pairs
  'GET /api/feedback-log': who.signedIn,
  // personal data rights (APPI, ADR 0213): my own export and consent; anonymisation by admins only
  'GET /api/me/export': who.signedIn,
  'GET /api/me/export.html': who.signedIn,
  'GET /api/me/check-in-consent': who.signedIn,
  'PUT /api/me/check-in-consent': who.signedIn,
  'POST /api/me/check-in-consent/withdraw': who.signedIn,
  'POST /api/employees/{id}/anonymise': who.admin,
};
