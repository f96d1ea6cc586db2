import { defineConfig } from 'vitest/config';

/**
 * Two projects run the same server tests: `embedded` on one embedded PostgreSQL 18 started for the
 * run, `system-pg` on the machine's PostgreSQL at 127.0.0.1:5432 (skipped, with a one-line reason,
 * when nothing answers there). Each test file gets its own database cloned from a migrated template.
 */
export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each worker loads the application's modules once for all its files instead of once per file
    // (a third of the run went to importing them again). Files share no state through modules: each
    // builds its own app and database, and the few module caches hold pure values (dictionaries,
    // formatters). Fake timers are put back after each test that uses them.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: { label: 'embedded', color: 'cyan' },
          include: ['src/**/*.test.ts'],
          globalSetup: ['src/server/test/globalSetup.embedded.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: { label: 'system-pg', color: 'magenta' },
          include: ['src/server/**/*.test.ts'],
          globalSetup: ['src/server/test/globalSetup.systemPg.ts'],
        },
      },
    ],
  },
});
