import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EDITOR_FIELD, plainTextOf } from './plainText.js';

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, string> = {}) {
  const e = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.insert(0, children);
  return e;
}

describe('plainTextOf (Tiptap content in the XmlFragment "default")', () => {
  it('puts paragraphs, headings and list items on their own lines and drops formatting', () => {
    const doc = new Y.Doc();
    const bold = new Y.XmlText();
    doc.getXmlFragment(EDITOR_FIELD).insert(0, [
      element('heading', [new Y.XmlText('議題')], { level: '2' }),
      element('paragraph', [bold]),
      element('paragraph', []),
      element('bulletList', [element('listItem', [element('paragraph', [new Y.XmlText('一つ目')])]), element('listItem', [element('paragraph', [new Y.XmlText('二つ目')])])]),
      element('orderedList', [element('listItem', [element('paragraph', [new Y.XmlText('first')]), element('paragraph', [new Y.XmlText('more')])])]),
      element('horizontalRule', []),
      element('paragraph', [new Y.XmlText('line'), element('hardBreak', []), new Y.XmlText('break')]),
    ]);
    bold.insert(0, 'こんにちは ');
    bold.insert(bold.length, '太字', { bold: {} });
    expect(plainTextOf(doc)).toBe(['議題', 'こんにちは 太字', '', '- 一つ目', '- 二つ目', '1. first', '   more', 'line\nbreak'].join('\n'));
  });

  it('is empty for an empty document', () => {
    expect(plainTextOf(new Y.Doc())).toBe('');
  });
});
