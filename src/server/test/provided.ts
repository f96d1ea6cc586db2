import { inject } from 'vitest';
import './providedContext.js';

/** Why database tests are skipped in this project (no system PostgreSQL), or '' when they run. */
export const dbSkipReason: string = inject('taiwaSkipReason');

/** True when this project has no database: wrap database suites in `describe.skipIf(noDatabase)`. */
export const noDatabase = dbSkipReason !== '';
