/** Shared notes of a meeting live in the Hocuspocus document `meeting:<meeting id>`. */
const pattern = /^meeting:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export const meetingDocumentName = (meetingId: string) => `meeting:${meetingId}`;

/** The meeting id in a document name, or null for anything else (unknown kinds, malformed ids). */
export function meetingIdOf(documentName: string): string | null {
  return pattern.exec(documentName)?.[1] ?? null;
}
