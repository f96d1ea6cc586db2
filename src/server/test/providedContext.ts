/** What the global set-ups provide to the test files (type only: globalSetup cannot import `vitest`'s runtime). */
declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the PostgreSQL the project's tests run against. */
    taiwaAdminUrl: string;
    /** The migrated template database each test file is cloned from. */
    taiwaTemplate: string;
    /** Prefix of every database this run creates (the teardown drops them by it). */
    taiwaDbPrefix: string;
    /** Why this project's database tests are skipped; empty when they run. */
    taiwaSkipReason: string;
    /** Which project runs: its own embedded PostgreSQL, or the machine's. */
    taiwaProject: 'embedded' | 'system-pg';
  }
}

export {};
