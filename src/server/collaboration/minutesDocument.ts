import * as Y from 'yjs';
import type { MinutesNode } from '../../domain/minutesDocument.js';
import { EDITOR_FIELD } from './plainText.js';

type Attrs = Record<string, unknown>;

function fill(parent: Y.XmlElement | Y.XmlFragment, nodes: MinutesNode[]) {
  const children: (Y.XmlElement | Y.XmlText)[] = [];
  let text: Y.XmlText | null = null;
  let textLength = 0;
  for (const node of nodes) {
    if (node.type === 'text') {
      // Consecutive text runs are one Y.XmlText with marks as formatting attributes (y-prosemirror's layout).
      if (!text) {
        text = new Y.XmlText();
        textLength = 0;
        children.push(text);
      }
      const marks: Attrs = {};
      for (const m of node.marks ?? []) marks[m.type] = m.attrs ?? {};
      const value = node.text ?? '';
      text.insert(textLength, value, marks);
      textLength += value.length;
      continue;
    }
    text = null;
    const element = new Y.XmlElement(node.type);
    for (const [k, v] of Object.entries(node.attrs ?? {})) if (v !== null && v !== undefined) element.setAttribute(k, v as string);
    fill(element, node.content ?? []);
    children.push(element);
  }
  parent.insert(0, children);
}

/**
 * The Yjs state of a document, laid out as the editor's y-prosemirror binding lays it out, so the
 * draft assembled on the server opens in Tiptap as if it had been typed there.
 */
export function yjsStateOf(doc: MinutesNode): Uint8Array {
  const ydoc = new Y.Doc();
  try {
    const fragment = ydoc.getXmlFragment(EDITOR_FIELD);
    // Build detached, then insert: a Y.XmlText can take formatted text only once it is in a document.
    ydoc.transact(() => {
      fill(fragment, doc.content ?? []);
    });
    return Y.encodeStateAsUpdate(ydoc);
  } finally {
    ydoc.destroy();
  }
}

function nodesOf(parent: Y.XmlElement | Y.XmlFragment): MinutesNode[] {
  const out: MinutesNode[] = [];
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert?: unknown; attributes?: Attrs }[]) {
        if (typeof op.insert !== 'string' || op.insert === '') continue;
        const marks = Object.entries(op.attributes ?? {})
          .filter(([k]) => k !== 'ychange')
          // y-prosemirror suffixes overlapping marks of one kind with `--<hash>`.
          .map(([k, v]) => {
            const attrs = v && typeof v === 'object' && Object.keys(v).length ? (v as Attrs) : undefined;
            return attrs ? { type: k.split('--')[0]!, attrs } : { type: k.split('--')[0]! };
          });
        out.push(marks.length ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert });
      }
    } else if (child instanceof Y.XmlElement) {
      const attrs = child.getAttributes() as Attrs;
      const node: MinutesNode = { type: child.nodeName };
      if (Object.keys(attrs).length) node.attrs = attrs;
      const content = nodesOf(child);
      if (content.length) node.content = content;
      out.push(node);
    }
  }
  return out;
}

/** The editor content of a Yjs document as JSON (what sharing freezes, and what the export renders). */
export function documentOf(ydoc: Y.Doc): MinutesNode {
  return { type: 'doc', content: nodesOf(ydoc.getXmlFragment(EDITOR_FIELD)) };
}

/** The editor content of a stored Yjs state as JSON. */
export function documentOfState(state: Uint8Array): MinutesNode {
  const ydoc = new Y.Doc();
  try {
    Y.applyUpdate(ydoc, state);
    return documentOf(ydoc);
  } finally {
    ydoc.destroy();
  }
}
