import { expect } from 'vitest';
import type { Db } from '../db/client.js';
import { sharedNotes } from '../db/schema.js';
import type { CallResult } from './app.js';
import { expectError } from './expect.js';

export type Viewer = 'self' | 'partner' | 'otherReport' | 'skipLevel' | 'hr' | 'admin' | 'anonymous';
export const viewers: Viewer[] = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];
/** Everyone who is not one of the pair (self = the report, partner = their manager). */
export const outsiders: Viewer[] = ['otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** 401 for anonymous callers, else 404: outsiders cannot even tell the record exists. */
export function expectRefused(viewer: Viewer, res: CallResult<unknown>): void {
  if (viewer === 'anonymous') expectError(res, 401, 'unauthenticated');
  else expectError(res, 404, 'not_found');
}

/** Writes the plain text of a meeting's shared notes (the real-time editor keeps it; tests set it). */
export async function setSharedNotes(db: Db, meetingId: string, text: string): Promise<void> {
  await db
    .insert(sharedNotes)
    .values({ meetingId, state: Buffer.alloc(0), text })
    .onConflictDoUpdate({ target: sharedNotes.meetingId, set: { text } });
}

/** Asserts that nothing in the answer carries a rating of the report's (felt heard, useful). */
export function expectNoReportRatings(res: CallResult<unknown>): void {
  expect(res.text).not.toMatch(/"feltHeard":\s*\d/);
  expect(res.text).not.toMatch(/"useful":\s*\d/);
}
