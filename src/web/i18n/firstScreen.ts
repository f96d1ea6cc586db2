/**
 * The part of each catalog the first screens need (ADR 0227): sign-in, home and the signed-in
 * shell around it, and the error pages. Opening one of those pages loads this part only; the whole
 * catalog follows before any other page renders (the root route waits for it, and loads it on a
 * link's intent), and at once if a key is ever missing. Entries are whole sections (`home`) or
 * single keys (`room.start`); a key brings its plural forms (`count_one`, `count_other`).
 * `firstScreen.test.ts` checks that every key the first screens' code names is here, and the build
 * fails on an entry the catalog does not have.
 *
 * Plain data and one pure function: read by the build (`scripts/firstScreen.ts`) and the tests.
 */
export const firstScreenCatalog: readonly string[] = [
  // Everywhere
  'app',
  'language',
  'actions',
  'common',
  'status',
  'errors',
  'fields',
  'roles',
  'pagination',
  'notFound',
  'errorPage',
  'meetingStatus',
  // Sign-in
  'signIn',
  // The signed-in shell: navigation, header search, notification bell
  'nav',
  'search.label',
  'search.landmark',
  'search.placeholder',
  'search.submit',
  'audit.adminNav',
  'employeeImport.nav',
  'notify.nav',
  'notify.bell',
  'scim.nav',
  'sso.nav',
  'webhooks.nav',
  // Home
  'home',
  'series.setUp',
  'meeting.extra',
  'meeting.keptOnHoliday',
  'meeting.movedForHoliday',
  'meeting.rescheduled',
  'room.earlyBody',
  'room.earlyConfirm',
  'room.earlyTitle',
  'room.open',
  'room.start',
  'room.startFailed',
  'room.toMinutes',
  'formality.homeLead',
  'formality.homeTitle',
  'formality.noNudges',
  'formality.team',
  'formality.withReport',
  'formality.finding',
  'formality.try',
];

type Catalog = { [key: string]: unknown };

function isCatalog(value: unknown): value is Catalog {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The entries of `catalog` that `entries` name, in the catalog's own shape. Throws on an entry the
 * catalog does not have, so the list cannot point at a key that was renamed or removed.
 */
export function pickCatalog(catalog: Catalog, entries: readonly string[]): Catalog {
  const picked: Catalog = {};
  for (const entry of entries) {
    const path = entry.split('.');
    const leaf = path.pop()!;
    let from: unknown = catalog;
    let into = picked;
    for (const part of path) {
      from = isCatalog(from) ? from[part] : undefined;
      if (!isCatalog(from)) throw new Error(`first-screen catalog: "${entry}" is not in the catalog`);
      into = (isCatalog(into[part]) ? into[part] : (into[part] = {})) as Catalog;
    }
    if (!isCatalog(from)) throw new Error(`first-screen catalog: "${entry}" is not in the catalog`);
    const keys = Object.keys(from).filter((key) => key === leaf || key.startsWith(`${leaf}_`));
    if (keys.length === 0) throw new Error(`first-screen catalog: "${entry}" is not in the catalog`);
    for (const key of keys) into[key] = from[key];
  }
  return picked;
}
