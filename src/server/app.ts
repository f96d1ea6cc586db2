import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { defaultLocale, locales } from '../domain/limits.js';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { departmentsApi } from './api/departments/departments.js';
import { employeesApi } from './api/employees/employees.js';
import { employeeImportApi, IMPORT_PATH_PREFIX } from './api/employeeImport/employeeImport.js';
import { homeApi } from './api/home/home.js';
import { meApi } from './api/me/me.js';
import { meetingsApi } from './api/meetings/meetings.js';
import { prepBriefApi } from './api/prepBrief/prepBrief.js';
import { questionsApi } from './api/questions/questions.js';
import { coachingApi } from './api/coaching/coaching.js';
import { agendaTemplatesApi } from './api/agendaTemplates/agendaTemplates.js';
import { seriesApi } from './api/series/series.js';
import { topicsApi } from './api/topics/topics.js';
import { actionItemsApi } from './api/actionItems/actionItems.js';
import { feedbackApi } from './api/feedback/feedback.js';
import { goalsApi } from './api/goals/goals.js';
import { historyApi } from './api/history/history.js';
import { meetingFlowApi } from './api/meetingFlow/meetingFlow.js';
import { minutesApi } from './api/minutes/minutes.js';
import { privateNotesApi } from './api/privateNotes/privateNotes.js';
import { reflectionsApi } from './api/reflections/reflections.js';
import { roomApi } from './api/room/room.js';
import { talkApi } from './api/talk/talk.js';
import { analyticsApi } from './api/analytics/analytics.js';
import { formalityApi } from './api/formality/formality.js';
import { teamApi } from './api/team/team.js';
import { searchApi } from './api/search/search.js';
import { calendarFeedApi } from './api/calendarFeed/calendarFeed.js';
import { integrationsApi } from './api/integrations/integrations.js';
import { ssoApi } from './api/sso/sso.js';
import { apiTokensApi } from './api/apiTokens/apiTokens.js';
import { scimTokensApi } from './api/scimTokens/scimTokens.js';
import { auditApi } from './api/audit/audit.js';
import { privacyApi } from './api/privacy/privacy.js';
import { scimApp } from './scim/routes.js';
import { notificationsApi } from './api/notifications/notifications.js';
import { setupApi } from './api/setup/setup.js';
import { authHandler, registerAuthDocs } from './api/system/auth.js';
import { docsApp } from './api/system/docs.js';
import { finishDocument, sessionCookieName } from './api/openapi.js';
import { noStore, requestGuards } from './api/requestGuards.js';
import type { AppEnv, Services } from './context.js';
import { compressResponses, varyOnEncoding } from './compression.js';
import { firstScreenHtml, parseFirstScreenManifest, type FirstScreenManifest } from './firstScreenHtml.js';
import { importFileMaxBytes } from '../domain/employeeImport.js';
import { AppError, errorBody, statusOf } from './errors.js';
import { localeFromHeader } from './i18n/messages.js';
import { loadActor } from './policies/actor.js';
import { createSessionReader } from './session.js';
import { credentialAllows } from './policies/apiTokens.js';
import { bearerSecret, resolveApiToken, touchApiToken } from './apiTokens.js';

/** API paths that answer without a session: set-up, "who am I" (null for nobody), the secret-URL calendar feed, the API document and its viewer. */
const anonymousPaths = ['/api/setup', '/api/session', '/api/sign-in-options', '/api/calendar-feeds', '/api/openapi.json', '/api/docs'];

/** Builds the whole HTTP application from its parts; `main.ts` only adds the socket and start-up. */
export function createApp(services: Services) {
  const { log, config } = services;
  const app = new OpenAPIHono<AppEnv>();
  // The session cookie's employee in one statement per request (ADR 0217).
  const sessionActor = createSessionReader(services.auth, services.db);

  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64) || randomUUID();
    c.set('requestId', requestId);
    c.set('services', services);
    c.set('locale', localeFromHeader(c.req.header('accept-language')));
    c.set('actor', null);
    c.set('credential', null);
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    if (c.req.path !== '/healthz') log.info({ requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms }, 'request');
  });

  // Text answers compressed on the fly; the web client's files are precompressed at build.
  app.use('*', compressResponses());

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'same-origin',
      crossOriginEmbedderPolicy: false,
      // HSTS means something only over https; on plain http it would pin a name to a scheme it lacks.
      strictTransportSecurity: config.baseUrl.startsWith('https://') ? 'max-age=31536000; includeSubDomains' : false,
    }),
  );

  const limitTo = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => c.json(errorBody(new AppError('payload_too_large', 'errors.payload_too_large', { limit: maxSize }), c.get('locale')), 413),
    });
  const defaultLimit = limitTo(config.bodyLimitBytes);
  // An employee CSV file travels as base64 inside JSON: its routes take the file's limit, a third larger.
  const importLimit = limitTo(Math.ceil((importFileMaxBytes * 4) / 3) + 64 * 1024);
  app.use('/api/*', (c, next) => (c.req.path.startsWith(IMPORT_PATH_PREFIX) ? importLimit(c, next) : defaultLimit(c, next)));

  app.use('/api/*', noStore());
  app.use('/api/*', requestGuards(config.baseUrl));

  app.get('/healthz', async (c) => {
    const ok = await services.ping();
    return c.json({ status: ok ? 'ok' : 'unavailable' }, ok ? 200 : 503);
  });

  app.on(['GET', 'POST'], '/api/auth/*', (c) => authHandler(c));

  // Everything else under /api knows who is calling.
  app.use('/api/*', async (c, next) => {
    const bearer = bearerSecret(c.req.header('authorization'));
    if (bearer !== undefined) {
      // A request with a token is judged by the token alone, never by a cookie it also carries: it
      // skipped the Origin check (requestGuards), which only a token makes safe.
      const now = new Date();
      const token = bearer ? await resolveApiToken(services.db, bearer, now) : null;
      const actor = token ? await loadActor(services.db, token.userId) : null;
      if (!token || !actor) return c.json(errorBody(new AppError('unauthenticated', 'errors.tokenInvalid'), c.get('locale')), 401);
      const credential = { kind: 'token', tokenId: token.tokenId, scope: token.scope } as const;
      if (!credentialAllows(credential, c.req.method, c.req.path)) {
        return c.json(errorBody(new AppError('forbidden', 'errors.tokenScope', { scope: token.scope }), c.get('locale')), 403);
      }
      c.set('actor', actor);
      c.set('credential', credential);
      await touchApiToken(services.db, token, now).catch((err: unknown) => log.warn({ err, requestId: c.get('requestId') }, 'token last use not recorded'));
      return next();
    }
    c.set('actor', await sessionActor(c.req.raw.headers));
    if (c.get('actor')) c.set('credential', { kind: 'session' });
    // Who is calling is settled before what they sent: an anonymous caller learns nothing of an
    // operation's input (no field messages), only that they must sign in.
    if (!c.get('actor') && !anonymousPaths.some((p) => c.req.path === p || c.req.path.startsWith(`${p}/`))) {
      return c.json(errorBody(new AppError('unauthenticated', 'errors.unauthenticated'), c.get('locale')), 401);
    }
    await next();
  });

  app.route('/api', setupApi);
  app.route('/api', meApi);
  app.route('/api', employeesApi);
  app.route('/api', departmentsApi);
  app.route('/api', employeeImportApi);
  app.route('/api', homeApi);
  app.route('/api', seriesApi);
  app.route('/api', meetingsApi);
  app.route('/api', topicsApi);
  app.route('/api', prepBriefApi);
  app.route('/api', questionsApi);
  app.route('/api', coachingApi);
  app.route('/api', agendaTemplatesApi);
  app.route('/api', meetingFlowApi);
  app.route('/api', talkApi);
  app.route('/api', analyticsApi);
  app.route('/api', formalityApi);
  app.route('/api', teamApi);
  app.route('/api', privateNotesApi);
  app.route('/api', feedbackApi);
  app.route('/api', goalsApi);
  app.route('/api', actionItemsApi);
  app.route('/api', minutesApi);
  app.route('/api', reflectionsApi);
  app.route('/api', historyApi);
  app.route('/api', searchApi);
  app.route('/api', roomApi);
  app.route('/api', notificationsApi);
  app.route('/api', calendarFeedApi);
  app.route('/api', integrationsApi);
  app.route('/api', ssoApi);
  app.route('/api', apiTokensApi);
  app.route('/api', scimTokensApi);
  app.route('/api', auditApi);
  app.route('/api', privacyApi);

  // SCIM 2.0 provisioning (ADR 0207): outside /api, a SCIM token alone authenticates it, never a cookie.
  app.use('/scim/*', noStore());
  app.route('/scim/v2', scimApp(config.baseUrl, config.bodyLimitBytes));

  registerAuthDocs(app);
  let document: string | null = null;
  app.get('/api/openapi.json', (c) => {
    document ??= JSON.stringify(
      finishDocument(
        app.getOpenAPI31Document({
          openapi: '3.1.0',
          info: {
            title: 'Taiwa API',
            version: '0.1.0',
            description:
              'REST API of Taiwa (対話), the 1on1 meeting app. Sign in with POST /api/auth/sign-in/email; the session cookie authenticates every other call. Scripts and other systems send a personal API token instead (Authorization: Bearer taiwa_…, created on the profile page). Errors have the shape {error:{code,message,fields?}}; send Accept-Language: en for English messages.',
          },
        }),
        config,
      ),
    );
    return c.body(document, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  app.route('/api/docs', docsApp);

  app.all('/api/*', (c) => c.json(errorBody(new AppError('not_found', 'errors.notFoundRoute'), c.get('locale')), 404));

  // The built web client, with the SPA's index.html for every other path.
  const webDir = config.webDir;
  const relRoot = path.relative(process.cwd(), webDir) || '.';
  app.use(
    '/assets/*',
    serveStatic({
      root: relRoot,
      // dist/web/assets/*.br and *.gz are written at build (vite.config.ts).
      precompressed: true,
      onFound: (_p, c) => {
        c.header('cache-control', 'public, max-age=31536000, immutable');
        varyOnEncoding(c.res.headers);
      },
    }),
  );
  // The SPA's index.html for every page address (also `/`, which serveStatic would answer from the
  // directory), with the preload links of the page being opened (firstScreenHtml.ts, ADR 0221).
  let indexHtml: string | null = null;
  let firstScreen: FirstScreenManifest = parseFirstScreenManifest(null);
  const sendIndex = async (c: Context) => {
    if (indexHtml === null) {
      const file = path.join(webDir, 'index.html');
      if (!existsSync(file)) return c.text('The web client is not built. Run `npm run build`.', 503);
      const hints = path.join(webDir, 'first-screen.json');
      firstScreen = parseFirstScreenManifest(existsSync(hints) ? await readFile(hints, 'utf8') : null);
      indexHtml = await readFile(file, 'utf8');
    }
    c.header('cache-control', 'no-cache');
    c.header('vary', 'Cookie', { append: true });
    const withSession = getCookie(c, sessionCookieName(config.baseUrl)) !== undefined;
    const shown = getCookie(c, 'taiwa.lang');
    const language = (locales as readonly string[]).includes(shown ?? '') ? shown! : defaultLocale;
    return c.html(firstScreenHtml(indexHtml, firstScreen, c.req.path, { withSession, language }));
  };
  app.get('/', sendIndex);
  app.get('/index.html', sendIndex);
  app.use('*', serveStatic({ root: relRoot, precompressed: true, onFound: (_p, c) => varyOnEncoding(c.res.headers) }));
  app.get('*', sendIndex);

  app.onError((err, c) => {
    const locale = c.get('locale') ?? 'ja';
    if (err instanceof AppError) return c.json(errorBody(err, locale), statusOf[err.code]);
    if (err instanceof HTTPException && err.status === 400) {
      return c.json(errorBody(new AppError('validation', 'errors.invalidJson'), locale), 400);
    }
    if (err instanceof HTTPException && err.status < 500) {
      return c.json(errorBody(new AppError('validation', 'errors.validation'), locale), err.status);
    }
    log.error({ err, requestId: c.get('requestId'), path: c.req.path }, 'unhandled error');
    return c.json(errorBody(new AppError('internal', 'errors.internal'), locale), 500);
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
