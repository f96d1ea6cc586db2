const whWords = new Set(['what', "what's", 'whats', 'how', "how's", 'hows', 'why', 'which', 'where', "where's", 'when', 'who', "who's", 'whom', 'whose']);
const auxWords = new Set([
  'is', 'are', 'am', 'was', 'were', 'do', 'does', 'did', 'can', 'could', 'have', 'has', 'had', 'will', 'would', 'should', 'shall', 'may', 'might', 'must',
  "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't", "can't", "couldn't", "haven't", "hasn't", "won't", "wouldn't", "shouldn't",
]);
/** Openers of an elliptical yes/no question (「Any blockers?」「All good?」「Feeling better?」). */
const leadingFillers = new Set(['and', 'so', 'but', 'ok', 'okay', 'well', 'also', 'now', 'then', 'oh', 'hey', 'right', 'anyway']);
const requestVerbs = /\b(tell|describe|explain|share|walk|talk|say|help me understand|give me|paint|fill me in|elaborate|expand)\b/;
const tagPattern = /,\s*(right|correct|yeah|yes|no|ok|okay|true|agreed|yep|huh|eh|(is|are|was|were|do|does|did|can|could|have|has|will|would|should|wo|ca)(n't)?( not)? (it|you|they|we|he|she|i|there|that|this))\s*\?*$/;

const words = (s: string) => s.toLowerCase().replace(/[“”"()]/g, '').split(/[\s]+/).filter(Boolean).map((w) => w.replace(/[.,;:!?]+$/, ''));

/** How an English sentence asks. */
export interface EnSentence {
  text: string;
  question: boolean;
  open: boolean;
  kind: 'request' | 'wh' | 'tag' | 'choice' | 'yesNo' | 'elliptical' | 'statement';
}

/** Reads one sentence: an open request or wh-question, or one of the yes/no shapes. */
export function readEnglish(sentence: string): EnSentence {
  const text = sentence.trim();
  const lower = text.toLowerCase();
  const question = /\?\s*$/.test(text);
  const chunks = lower.replace(/\?+\s*$/, '').split(/[,;:\u2014\u2013]|\s-\s/).map((c) => c.trim()).filter(Boolean);
  const firstWord = (c: string) => {
    const ws = words(c);
    while (ws.length > 1 && leadingFillers.has(ws[0]!)) ws.shift();
    return ws;
  };
  // "Could you tell me…", "Tell me about…", "Walk me through…": a request to talk.
  const requestChunk = chunks.find((c) => {
    const ws = firstWord(c);
    const head = ws.slice(0, 4).join(' ');
    return (
      /^(tell|describe|explain|share|walk|talk|say|help me understand|fill me in|paint|elaborate|expand|give me|let me know (what|how|why|which))\b/.test(head) ||
      (/^(can|could|would|will) you( please)? /.test(ws.slice(0, 3).join(' ') + ' ') && requestVerbs.test(ws.slice(2, 5).join(' ')) && !/\b(tell|say) (if|whether)\b/.test(c)) ||
      /^(i'd|i would) (love|like) to (hear|know|understand)\b/.test(head)
    );
  });
  if (requestChunk) return { text, question, open: true, kind: 'request' };
  if (!question) return { text, question, open: false, kind: 'statement' };
  if (tagPattern.test(lower)) return { text, question, open: false, kind: 'tag' };
  // The main clause: the first chunk that starts with an auxiliary or a question word, skipping
  // subordinate openers ("When things get busy, …", "If you could…, …") and a leading "what do you think,".
  const mainAt = chunks.findIndex((c, i) => {
    const ws = firstWord(c);
    const w = ws[0] ?? '';
    if (i < chunks.length - 1 && /^what do you think$/.test(ws.join(' '))) return false;
    if ((w === 'when' || w === 'where') && ws[1] && !auxWords.has(ws[1]) && !['and', 'or'].includes(ws[1])) return false;
    return whWords.has(w) || auxWords.has(w) || (w === 'in' && whWords.has(ws[1] ?? '')) || (w === 'to' && ws[1] === 'what');
  });
  const main = mainAt >= 0 ? chunks[mainAt] : undefined;
  const lead = main ? firstWord(main) : firstWord(chunks[0] ?? '');
  const w0 = lead[0] === 'in' || lead[0] === 'to' ? lead[1] : lead[0];
  if (main && w0 && whWords.has(w0)) {
    // "Which do you prefer, A or B?" / "What works better, mornings or evenings?": options listed after the question.
    const lastChunk = chunks.length - 1 > mainAt ? chunks.at(-1)! : '';
    const choice = / or /.test(lastChunk) && !/^or\b/.test(lastChunk) && words(lastChunk).length <= 6;
    if (choice) return { text, question, open: false, kind: 'choice' };
    if (w0 === 'how' && lead[1] === 'about' && /ing$/.test(lead[2] ?? '')) return { text, question, open: false, kind: 'yesNo' };
    return { text, question, open: true, kind: 'wh' };
  }
  if (main) return { text, question, open: false, kind: / or /.test(lower) ? 'choice' : 'yesNo' };
  // No question word and no auxiliary up front: elliptical ("Any blockers?") or declarative ("You're okay?").
  const content = /^(thoughts|ideas|plans|views|feelings|suggestions|highlights|lowlights|takeaways|reasons|your (thoughts|take|view|views|ideas|plans|sense|read))\b/;
  if (content.test(firstWord(chunks.at(-1) ?? '').join(' '))) return { text, question, open: true, kind: 'wh' };
  return { text, question, open: false, kind: 'elliptical' };
}

/** Splits English text into sentences after . ! ? (keeping the mark). */
export function englishSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Whether English text invites only yes or no: it asks, and no sentence in it asks openly. */
export function closedEnglish(text: string): { closed: boolean; sentences: EnSentence[] } {
  const sentences = englishSentences(text).map(readEnglish);
  const open = sentences.some((s) => s.open);
  return { closed: sentences.some((s) => s.question) && !open, sentences };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const pronounSwap: Record<string, string> = { i: 'I', we: 'we', you: 'you', they: 'they' };

/**
 * An open rewrite of a closed English question that keeps what it was about
 * ("Do you have any concerns about the move?" → "What concerns do you have about the move?").
 * Null when no rewrite keeps the subject; the caller then offers a bank question.
 */
export function openAlternativeEn(sentences: EnSentence[]): string | null {
  const s = sentences.find((x) => x.question && !x.open);
  if (!s) return null;
  const body = s.text.replace(/\?+\s*$/, '').trim();
  const lower = body.toLowerCase().replace(/^(and|so|but|ok|okay|well|also),?\s+/, '');
  let m: RegExpMatchArray | null;
  if (s.kind === 'tag') {
    const statement = body.replace(tagPattern, '').replace(/,\s*$/, '').replace(/\?+$/, '');
    return `How do you see it: ${statement.charAt(0).toLowerCase()}${statement.slice(1)}?`;
  }
  if (s.kind === 'choice') {
    m = lower.match(/([\w' -]+?) or ([\w' -]+)$/);
    if (m) {
      const left = m[1]!.split(/\b(?:prefer|like|want|choose|rather|use|between|for|to|be|is|are|more|better|,)\b/).at(-1)!.trim();
      return `What draws you to ${left || 'each option'} and what to ${m[2]!.trim()}?`;
    }
    return null;
  }
  // Do you know why … / Any idea how …: ask for the story behind it.
  if ((m = lower.match(/^(?:do you (?:know|understand|remember|see)|have you (?:figured out|worked out)|any idea|did you (?:notice|find out)) ((?:why|how|what|when|where|who|which)\b.+)$/))) {
    return cap(`could you walk me through ${m[1]}?`);
  }
  // Do you have any N … / Is there anything … / Any N …
  if ((m = lower.match(/^(?:(?:do|did) you have |(?:is|are) there )?any(thing|one|body)?\s*(.*)$/))) {
    const [, indefinite, rest = ''] = m;
    if (indefinite) {
      const inv = rest.match(/^(i|we|you|they) (can|could|should|would|'d like to|need to|want to) (.+)$/);
      if (inv) {
        const modal = inv[2] === "'d like to" ? 'would' : inv[2]!.split(' ')[0]!;
        const extra = inv[2] === "'d like to" ? 'like to ' : inv[2]!.includes(' ') ? `${inv[2]!.split(' ').slice(1).join(' ')} ` : '';
        return cap(`what ${modal === 'need' || modal === 'want' ? `do ${pronounSwap[inv[1]!]} ${modal} ${extra}` : `${modal} ${pronounSwap[inv[1]!]} ${extra}`}${inv[3]}`.replace(/\s+/g, ' ')) + '?';
      }
      return rest ? cap(`what ${rest} is on your mind?`) : 'What is on your mind?';
    }
    if (rest) {
      const [noun, ...more] = rest.split(' ');
      return cap(`what ${noun} ${/^(do|did)/.test(lower) ? 'do you have' : 'are you seeing'}${more.length ? ` ${more.join(' ')}` : ''}?`);
    }
  }
  // Aux + the + noun phrase + predicate: "Is the release on track?" → "How is the release going?"
  if ((m = lower.match(/^(is|are|was|were|did|does|do|has|have) ((?:the|your|our|this|that|these|those|my) [\w'-]+)\b/))) {
    const past = ['was', 'were', 'did'].includes(m[1]!);
    const verb = ['are', 'do', 'have'].includes(m[1]!) ? 'are' : 'is';
    return cap(past ? `how did ${m[2]} go?` : `how ${verb} ${m[2]} going?`);
  }
  // … with / about / on X: ask for thoughts on X.
  if ((m = lower.match(/\b(?:with|about|on|of|regarding|in) ((?:the|your|our|this|that|my|a|an) [\w' -]+)$/)) && !/\bon (track|time)\b/.test(lower)) {
    return cap(`what are your thoughts on ${m[1]!.replace(/\bmy\b/, 'your')}?`);
  }
  // Aux + you + verb + object: ask how things are going with the object.
  if ((m = lower.match(/^[\w']+ you (?:[\w']+ )?(?:get|finish|start|enjoy|like|feel|need|want|hit|reach|make|find|see|understand|manage|have|know|try) (.+)$/))) {
    return cap(`how are things going with ${m[1]!.replace(/^(to |the |that )?/, (x) => (x.trim() === 'the' || x.trim() === 'that' ? x : ''))}?`);
  }
  return null;
}
