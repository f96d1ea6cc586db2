import { describe, expect, it } from 'vitest';
import { assembleMinutesDocument } from '../../domain/minutesDocument.js';
import { documentOfState, yjsStateOf } from './minutesDocument.js';

describe('minutes document ↔ Yjs', () => {
  it('a document survives the trip into Yjs and back: nodes, attributes, marks and keyed nodes', () => {
    const doc = assembleMinutesDocument({
      discussedTopics: [{ title: '評価', note: '一行目\n二行目' }],
      actionItems: [{ title: '資料を送る', owner: '田中 美咲', dueDate: '2026-12-01', support: true, done: true }],
      feedback: [{ kind: 'constructive', giver: 'A', receiver: 'B', situation: 's', behaviour: 'b', impact: 'i' }],
      sharedNotes: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: '見出し' }] },
        { type: 'paragraph', content: [{ type: 'text', text: '太字', marks: [{ type: 'bold' }] }, { type: 'text', text: 'と普通' }] },
      ],
    });
    expect(documentOfState(yjsStateOf(doc))).toEqual(doc);
  });
});
