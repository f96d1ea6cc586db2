const uuid = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
/** Shared notes of a meeting live in the Hocuspocus document `meeting:<meeting id>`. */
const notesPattern = new RegExp(`^meeting:${uuid}$`);
/** The minutes draft of a meeting lives in `minutes:<meeting id>` (ADR 0110). */
const minutesPattern = new RegExp(`^minutes:${uuid}$`);

export const meetingDocumentName = (meetingId: string) => `meeting:${meetingId}`;
export const minutesDocumentName = (meetingId: string) => `minutes:${meetingId}`;

/** The meeting id in a shared-notes document name, or null for anything else (other kinds, malformed ids). */
export function meetingIdOf(documentName: string): string | null {
  return notesPattern.exec(documentName)?.[1] ?? null;
}

/** What a document name names: a meeting's shared notes or its minutes draft; null for anything else. */
export function documentKindOf(documentName: string): { kind: 'notes' | 'minutes'; meetingId: string } | null {
  const notes = meetingIdOf(documentName);
  if (notes) return { kind: 'notes', meetingId: notes };
  const minutes = minutesPattern.exec(documentName)?.[1];
  return minutes ? { kind: 'minutes', meetingId: minutes } : null;
}
