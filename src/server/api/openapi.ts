import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Config } from '../config.js';

type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;
type Operation = { operationId?: string; security?: Record<string, string[]>[] };

/** The name of the security scheme: better-auth's HttpOnly session cookie. */
export const SESSION_SCHEME = 'sessionCookie';

/** The name of the security scheme of personal API tokens (`Authorization: Bearer taiwa_…`). */
export const TOKEN_SCHEME = 'apiToken';

/** The session cookie's name as better-auth sets it (prefix `taiwa`; `__Secure-` over https). */
export function sessionCookieName(baseUrl: string): string {
  return `${baseUrl.startsWith('https://') ? '__Secure-' : ''}taiwa.session_token`;
}

/**
 * Every operation's stable name, in one place: generated clients (openapi-typescript, SDK
 * generators) name their functions after these, so renaming one breaks callers. An operation
 * missing here gets a name derived from its method and path (see `derivedOperationId`).
 */
export const operationIds: Record<string, string> = {
  'GET /api/setup': 'getSetupStatus',
  'POST /api/setup': 'setUpOrganisation',
  'GET /api/me': 'getMe',
  'GET /api/analytics/departments': 'getDepartmentAnalytics',
  'PATCH /api/me': 'updateMe',
  'GET /api/employees': 'listEmployees',
  'POST /api/employees': 'createEmployee',
  'GET /api/employees/{id}': 'getEmployee',
  'PATCH /api/employees/{id}': 'updateEmployee',
  'PUT /api/employees/{id}/manager': 'setEmployeeManager',
  'GET /api/departments': 'listDepartments',
  'POST /api/departments': 'createDepartment',
  'PATCH /api/departments/{id}': 'updateDepartment',
  'POST /api/admin/employee-import/analyse': 'analyseEmployeeImport',
  'POST /api/admin/employee-import/dry-run': 'dryRunEmployeeImport',
  'POST /api/admin/employee-import/apply': 'applyEmployeeImport',
  'GET /api/admin/employee-export': 'exportEmployees',
  'GET /api/home': 'getHome',
  'GET /api/series': 'listSeries',
  'POST /api/series': 'createSeries',
  'POST /api/series/bulk': 'createSeriesForDepartment',
  'GET /api/series/{id}': 'getSeries',
  'PATCH /api/series/{id}': 'updateSeries',
  'POST /api/series/{id}/pause': 'pauseSeries',
  'POST /api/series/{id}/resume': 'resumeSeries',
  'POST /api/series/{id}/end': 'endSeries',
  'GET /api/series/{id}/meetings': 'listSeriesMeetings',
  'POST /api/series/{id}/meetings': 'requestExtraMeeting',
  'GET /api/series/{id}/history': 'getSeriesHistory',
  'POST /api/series/{id}/feedback': 'recordSeriesFeedback',
  'GET /api/meetings/{id}': 'getMeeting',
  'POST /api/meetings/{id}/reschedule': 'rescheduleMeeting',
  'POST /api/meetings/{id}/cancel': 'cancelMeeting',
  'POST /api/meetings/{id}/keep-original-date': 'keepMeetingOriginalDate',
  'POST /api/meetings/{id}/topics': 'addTopic',
  'PUT /api/meetings/{id}/topics/order': 'reorderTopics',
  'PATCH /api/topics/{id}': 'updateTopic',
  'DELETE /api/topics/{id}': 'removeTopic',
  'POST /api/topics/{id}/discussed': 'markTopicDiscussed',
  'POST /api/meetings/{id}/pre-questions': 'askPreQuestion',
  'PUT /api/pre-questions/{id}/answer': 'answerPreQuestion',
  'DELETE /api/pre-questions/{id}': 'removePreQuestion',
  'PUT /api/meetings/{id}/check-in': 'saveCheckIn',
  'GET /api/meetings/{id}/prep-brief': 'getPrepBrief',
  'GET /api/question-bank': 'listBankQuestions',
  'POST /api/question-bank/check': 'checkQuestion',
  'GET /api/meetings/{id}/flow': 'getMeetingFlow',
  'POST /api/meetings/{id}/start': 'startMeeting',
  'POST /api/meetings/{id}/finish': 'finishMeeting',
  'GET /api/meetings/{id}/private-note': 'getPrivateNote',
  'PUT /api/meetings/{id}/private-note': 'savePrivateNote',
  'GET /api/meetings/{id}/feedback': 'listMeetingFeedback',
  'POST /api/meetings/{id}/feedback': 'recordMeetingFeedback',
  'PATCH /api/feedback/{id}': 'updateFeedback',
  'DELETE /api/feedback/{id}': 'removeFeedback',
  'GET /api/feedback-log': 'getFeedbackLog',
  'GET /api/goals': 'listGoals',
  'POST /api/goals': 'createGoal',
  'GET /api/goals/{id}': 'getGoal',
  'PATCH /api/goals/{id}': 'updateGoal',
  'POST /api/goals/{id}/updates': 'postGoalUpdate',
  'GET /api/action-items': 'listActionItems',
  'POST /api/meetings/{id}/action-items': 'addActionItem',
  'PATCH /api/action-items/{id}': 'updateActionItem',
  'DELETE /api/action-items/{id}': 'removeActionItem',
  'GET /api/meetings/{id}/open-action-items': 'listOpenActionItems',
  'GET /api/meetings/{id}/minutes': 'getMinutes',
  'POST /api/meetings/{id}/minutes/share': 'shareMinutes',
  'POST /api/meetings/{id}/minutes/acknowledge': 'acknowledgeMinutes',
  'POST /api/meetings/{id}/minutes/corrections': 'correctMinutes',
  'GET /api/meetings/{id}/minutes/revisions': 'listMinutesRevisions',
  'GET /api/meetings/{id}/minutes.md': 'downloadMinutesMarkdown',
  'GET /api/meetings/{id}/reflection': 'getReflection',
  'PUT /api/meetings/{id}/reflection': 'saveReflection',
  'GET /api/reflections/summary': 'getReflectionSummary',
  'GET /api/search': 'search',
  'POST /api/auth/sign-in/email': 'signInWithEmail',
  'POST /api/auth/sign-out': 'signOut',
  'POST /api/auth/change-password': 'changePassword',
  'GET /api/auth/get-session': 'getSession',
  'GET /api/session': 'getSignedInPerson',
  'GET /api/calendar-feeds/{token}': 'getCalendarFeed',
  'GET /api/me/api-tokens': 'listApiTokens',
  'POST /api/me/api-tokens': 'createApiToken',
  'DELETE /api/me/api-tokens/{id}': 'revokeApiToken',
};

/** Operations anyone may call; `optional` ones also accept the cookie or a token. Every other needs one of them. */
const publicOperations: Record<string, 'public' | 'optional'> = {
  'GET /api/setup': 'public',
  'POST /api/setup': 'public',
  'POST /api/auth/sign-in/email': 'public',
  'GET /api/auth/get-session': 'optional',
  'GET /api/session': 'optional',
  'GET /api/calendar-feeds/{token}': 'public',
};

/**
 * Operations a token cannot call: better-auth's own routes read the cookie only, and new tokens are
 * made from a session (policies/apiTokens.ts).
 */
const sessionOnly = (key: string) => key.includes(' /api/auth/') || key === 'POST /api/me/api-tokens';

const pascal = (s: string) => s.replace(/(^|[-_.])([a-z0-9])/g, (_, _sep: string, ch: string) => ch.toUpperCase());

/** A readable, stable name from method and path, for an operation not (yet) in `operationIds`. */
export function derivedOperationId(method: string, path: string): string {
  const parts = path
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
    .map((seg) => (seg.startsWith('{') ? `By${pascal(seg.slice(1, -1))}` : pascal(seg)));
  return `${method.toLowerCase()}${parts.join('')}`;
}

const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The finishing touches no route declares itself: servers, the session cookie and API tokens as
 * security schemes applied to every operation that needs one, and an `operationId` for every operation.
 * Applied once to the generated document (mutates and returns it).
 */
export function finishDocument(doc: OpenApiDocument, config: Pick<Config, 'baseUrl'>): OpenApiDocument {
  doc.servers = [{ url: config.baseUrl, description: 'This installation' }];
  doc.components ??= {};
  doc.components.securitySchemes = {
    ...doc.components.securitySchemes,
    [SESSION_SCHEME]: {
      type: 'apiKey',
      in: 'cookie',
      name: sessionCookieName(config.baseUrl),
      description: 'The HttpOnly session cookie set by POST /api/auth/sign-in/email. Requests that carry it must also send an Origin header.',
    },
    [TOKEN_SCHEME]: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'taiwa_…',
      description:
        'A personal API token, created on the profile page (POST /api/me/api-tokens) and shown once. It acts as its owner, limited by its scope: read allows GET, write every method, admin also administration (for administrators only). It expires, can be revoked, and stops working when its owner is deactivated. Requests with a token need no Origin header; the cookie is ignored when a token is sent.',
    },
  };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of methods) {
      const op = (item as Partial<Record<(typeof methods)[number], Operation>>)[method];
      if (!op) continue;
      const key = `${method.toUpperCase()} ${path}`;
      op.operationId = operationIds[key] ?? derivedOperationId(method, path);
      const access = publicOperations[key];
      const either: Record<string, string[]>[] = sessionOnly(key) ? [{ [SESSION_SCHEME]: [] }] : [{ [SESSION_SCHEME]: [] }, { [TOKEN_SCHEME]: [] }];
      op.security = access === 'public' ? [] : access === 'optional' ? [{}, ...either] : either;
    }
  }
  return doc;
}
