/**
 * What the HTML of a page announces before any script has run (ADR 0221): the code of the page
 * (`modules`, source files below `src/web`; the build turns them into their chunks and the chunks
 * those import) and the API answers the page asks for first (`data`, with the page's address
 * parameters put in). The server writes them as `<link rel=modulepreload>` and
 * `<link rel=preload as=fetch>` into the page's HTML, so the browser fetches code and data at once
 * instead of after the entry script; `lib/api.ts` takes the preloaded answers over.
 *
 * Only addresses, never answers: the HTML stays the same for everyone who opens the same address.
 * Keep `modules` to what the route's `staticData.preload.chunk` imports, and `data` to what its
 * first screen asks for (`/api/session` on every page, see `lib/session.ts`) and whose answer does
 * not depend on the language (a preload sends the browser's Accept-Language, not the page's).
 *
 * Plain data and one lookup, read by the build (`scripts/firstScreen.ts`) and the client; no imports.
 */
export interface FirstScreenHint {
  /** The route's path, parameters as `$name` (as in `createRoute`). */
  path: string;
  modules: string[];
  data: string[];
  /**
   * The page renders with the first-screen part of the catalog (`i18n/firstScreen.ts`, ADR 0227):
   * its HTML preloads that part; every other page's HTML the whole catalog.
   */
  firstCatalog?: boolean;
}

const shell = 'components/AppLayout.tsx';

export const firstScreenHints: FirstScreenHint[] = [
  { path: '/sign-in', modules: ['features/auth/SignInPage.tsx'], data: ['/api/session', '/api/setup'], firstCatalog: true },
  { path: '/', modules: [shell, 'features/home/HomePage.tsx'], data: ['/api/session', '/api/home'], firstCatalog: true },
  {
    path: '/meetings/$meetingId/room',
    modules: [shell, 'features/meetingRoom/MeetingRoomPage.tsx', 'features/meetingRoom/SharedNotesEditor.tsx'],
    // The sections beside the notes ask for these as soon as the meeting is shown; the talk balance
    // only while the meeting is open, so it is not preloaded.
    data: [
      '/api/session',
      '/api/meetings/$meetingId/flow',
      '/api/meetings/$meetingId',
      '/api/meetings/$meetingId/open-action-items',
      '/api/meetings/$meetingId/private-note',
      '/api/meetings/$meetingId/feedback',
    ],
  },
  {
    path: '/meetings/$meetingId/prep',
    modules: [shell, 'features/meetings/PrepBriefPage.tsx'],
    data: ['/api/session', '/api/meetings/$meetingId/prep-brief'],
  },
  {
    path: '/meetings/$meetingId/minutes',
    modules: [shell, 'features/minutes/MinutesPage.tsx'],
    // Not /minutes: its answer is in the caller's language (Accept-Language), which a preload
    // cannot send; the page asks for it as before.
    data: ['/api/session', '/api/meetings/$meetingId'],
  },
];

/** Whether `pathname` is a page that renders with the first-screen part of the catalog (a trailing slash aside). */
export function isFirstCatalogPath(pathname: string): boolean {
  const path = pathname.replace(/(.)\/+$/, '$1');
  return firstScreenHints.some((hint) => hint.firstCatalog && hint.path === path);
}
