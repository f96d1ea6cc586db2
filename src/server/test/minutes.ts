import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { MinutesNode } from '../../domain/minutesDocument.js';
import { mergeIntoMinutes } from '../collaboration/persistence.js';
import { EDITOR_FIELD } from '../collaboration/plainText.js';
import type { Db } from '../db/client.js';
import { minutesDocuments } from '../db/schema.js';

/**
 * Appends a paragraph to a meeting's live minutes draft the way an editor's update reaches the
 * server (through the same durable merge the collaboration socket uses); resolves once committed.
 */
export async function typeIntoMinutes(db: Db, meetingId: string, line: string): Promise<void> {
  const [row] = await db.select({ state: minutesDocuments.state }).from(minutesDocuments).where(eq(minutesDocuments.meetingId, meetingId));
  const doc = new Y.Doc();
  if (row) Y.applyUpdate(doc, row.state);
  const before = Y.encodeStateVector(doc);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(line)]);
  const fragment = doc.getXmlFragment(EDITOR_FIELD);
  fragment.insert(fragment.length, [paragraph]);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  await mergeIntoMinutes(db, meetingId, [update]);
}

/** Every text a minutes document holds, in order (what the pair typed or the draft was assembled from). */
export function textsOf(node: MinutesNode): string[] {
  return [...(node.text ? [node.text] : []), ...(node.content ?? []).flatMap(textsOf)];
}
