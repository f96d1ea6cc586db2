import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app.js';

const WebhooksPage = lazy(() => import('../features/webhooks/WebhooksPage.js').then((m) => ({ default: m.WebhooksPage })));
const WebhookLogPage = lazy(() => import('../features/webhooks/WebhookLogPage.js').then((m) => ({ default: m.WebhookLogPage })));

/** /admin/webhooks — the organisation's outgoing webhooks (admins). */
export const webhooksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/webhooks',
  component: WebhooksPage,
});

/** /admin/webhooks/$id — one webhook's delivery log (admins). */
export const webhookLogRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/webhooks/$id',
  component: function WebhookLogRoute() {
    const { id } = webhookLogRoute.useParams();
    return <WebhookLogPage id={id} />;
  },
});
