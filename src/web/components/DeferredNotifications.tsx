import { lazy, Suspense, useEffect, useState } from 'react';

/** Mantine's notification container (and its transitions) is a chunk of its own. */
const Notifications = lazy(() => import('./NotificationsContainer.js').then((m) => ({ default: m.Notifications })));

/**
 * The toasts' container, loaded once the first screen is up (when the browser is idle) rather
 * than with the entry script: nothing on a first screen needs it. A toast shown before it is
 * there waits in `@mantine/notifications`' store (which stays in the entry) and appears as soon as
 * the container mounts.
 */
export function DeferredNotifications() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    const show = () => setMounted(true);
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(show, { timeout: 2000 });
      return () => window.cancelIdleCallback(id);
    }
    const id = window.setTimeout(show, 200);
    return () => window.clearTimeout(id);
  }, []);
  if (!mounted) return null;
  return (
    <Suspense fallback={null}>
      <Notifications position="top-right" />
    </Suspense>
  );
}
