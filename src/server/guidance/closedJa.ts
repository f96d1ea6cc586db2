import type { IpadicFeatures } from 'kuromoji';

type Token = IpadicFeatures;

/** Question words (疑問詞) by their dictionary form; 何か・誰か・どこか and 何でも・誰も are told apart below. */
const whWords = new Set(['何', 'なに', 'なん', '誰', 'だれ', 'どこ', 'どれ', 'どちら', 'どっち', 'いつ', 'いくつ', 'いくら', 'どう', 'どの', 'どんな', 'どういう', 'なぜ', 'なんで', 'どうして', 'いかが', 'どのよう', 'どれほど', 'どれだけ', 'なにゆえ']);
/** Verbs that turn a sentence into a request to talk (「教えて」「聞かせて」): open by nature. */
const requestVerbs = new Set(['教える', '聞かせる', '話す', '説明', '共有', '書く', '伺う', '聞く']);
const requestTails = new Set(['ください', 'くださる', 'くれる', 'もらえる', 'もらう', 'いただける', 'いただく', 'ほしい', '欲しい', 'ちょうだい']);

const isPunct = (t: Token) => t.pos === '記号';
const isQuestionMark = (t: Token) => t.surface_form === '？' || t.surface_form === '?';
const isKa = (t: Token | undefined) => !!t && t.pos === '助詞' && t.surface_form === 'か';

/** How a Japanese sentence asks, as far as yes/no goes. */
export interface JaSentence {
  tokens: Token[];
  question: boolean;
  request: boolean;
  /** A question word that really asks (not 何か, 何でも, かどうか), and is not inside an embedded 〜か clause. */
  openWh: boolean;
  /** The wh-word sits in a clause embedded under a yes/no frame (「なぜ遅れたのか分かっていますか」). */
  embeddedWh: boolean;
  /** 「AとBどちら」「AかBか」: a choice between named options. */
  choice: boolean;
  /** 「進捗は？」: a topic with the predicate left out asks for content. */
  ellipticalTopic: boolean;
}

/** Splits analysed tokens into sentences at 。！？ and line breaks, keeping the closing mark. */
export function splitSentences(tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  for (const t of tokens) {
    if (/^\s+$/.test(t.surface_form)) {
      if (cur.length) out.push(cur);
      cur = [];
      continue;
    }
    cur.push(t);
    if (/^[。！？!?]+$/.test(t.surface_form)) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

function whIndexes(tokens: Token[]): number[] {
  const found: number[] = [];
  let offset = 0;
  const starts = tokens.map((t) => {
    const s = offset;
    offset += t.surface_form.length;
    return s;
  });
  const text = tokens.map((t) => t.surface_form).join('');
  tokens.forEach((t, i) => {
    const base = t.basic_form === '*' ? t.surface_form : t.basic_form;
    if (!whWords.has(base) && !whWords.has(t.surface_form)) return;
    if (t.pos === '動詞') return;
    const next = tokens[i + 1];
    const after = tokens[i + 2];
    // 何か・誰か・どこか・いつか・どれか (indefinite), but not 「何かな」「どうかな」 which still ask.
    if (isKa(next) && !(after && after.surface_form === 'な' && ['どう', 'いかが'].includes(base)) && !['どう', 'いかが'].includes(base)) return;
    // 〜かどうか: whether (yes/no) rather than how.
    if (base === 'どう' && isKa(tokens[i - 1])) return;
    // 何も・誰も・何でも・いつでも・どんなことでも (any / no-one).
    if (next && (next.surface_form === 'も' || next.surface_form === 'でも')) return;
    if (next && after && next.pos === '名詞' && (after.surface_form === 'でも' || after.surface_form === 'も')) return;
    found.push(i);
  });
  // The dictionary splits 「いつ頃」 as い+つ: find いつ in the text as well.
  for (const m of text.matchAll(/いつ(?!も|か|でも)/g)) {
    const i = starts.findIndex((s, k) => s <= m.index && m.index < s + tokens[k]!.surface_form.length);
    if (i >= 0 && !found.includes(i) && tokens[i]!.basic_form !== 'いつ') found.push(i);
  }
  return found.sort((a, b) => a - b);
}

function isRequest(tokens: Token[]): boolean {
  return tokens.some((t, i) => {
    const base = t.basic_form;
    if (!requestVerbs.has(base)) return false;
    const rest = tokens.slice(i + 1, i + 5);
    return rest.some((r) => requestTails.has(r.basic_form)) || (rest[0]?.surface_form === 'て' && rest.length === 1);
  });
}

/** Reads one sentence: whether it asks, requests, and which kind of question it is. */
export function readSentence(tokens: Token[]): JaSentence {
  const body = tokens.filter((t) => !isPunct(t));
  const last = body.at(-1);
  const endsWithMark = tokens.some(isQuestionMark);
  const finalParticle = !!last && last.pos === '助詞' && ['か', 'かな', 'かい', 'の', 'な', 'ね'].includes(last.surface_form);
  const question = endsWithMark || (finalParticle && (last.surface_form === 'か' || last.surface_form === 'かな' || last.surface_form === 'かい'));
  const request = isRequest(body);
  const wh = whIndexes(body);
  let openWh = false;
  let embeddedWh = false;
  for (const i of wh) {
    // A か after the wh-word that is not the sentence's final particle closes an embedded question.
    const kaAt = body.findIndex((t, k) => k > i && isKa(t) && k < body.length - 1 && !['な', 'ね', 'い'].includes(body[k + 1]!.surface_form));
    if (kaAt >= 0) embeddedWh = true;
    else openWh = true;
  }
  const text = body.map((t) => t.surface_form).join('');
  const choiceWord = body.findIndex((t) => ['どちら', 'どっち'].includes(t.surface_form));
  const listed = choiceWord > 0 && body.slice(0, choiceWord).some((t) => t.pos === '助詞' && (t.surface_form === 'と' || t.surface_form === 'か'));
  const choice = listed || /.+か.+か[、,]?(どちら|どっち)?/.test(text) && wh.length === 0 && /(か|かで)[、,]/.test(text);
  const ellipticalTopic = !!last && last.pos === '助詞' && (last.surface_form === 'は' || last.surface_form === 'って') && body.length > 1;
  return { tokens, question, request, openWh: openWh && !listed, embeddedWh, choice, ellipticalTopic };
}

/**
 * Whether a Japanese question invites only yes or no: no sentence in it asks openly (a real
 * question word, a request to tell, or an elliptical 「〜は？」), and at least one sentence asks.
 */
export function closedJapanese(tokens: Token[]): { closed: boolean; sentences: JaSentence[] } {
  const sentences = splitSentences(tokens).map(readSentence);
  const open = sentences.some((s) => s.request || (s.question && ((s.openWh && !s.choice) || (s.ellipticalTopic && !s.choice))));
  const asks = sentences.some((s) => s.question);
  return { closed: asks && !open, sentences };
}

/** Particle that joins 「どんなこと」 to a verb in the rewritten question (困る → に, 気になる → が, else を). */
function particleFor(verb: string): string {
  if (['困る', '悩む', '迷う', '苦労', '苦戦', '不安', '戸惑う', '満足', '興味'].includes(verb)) return 'に';
  if (['なる', 'ある', '起きる', '足りる', '引っかかる'].includes(verb)) return 'が';
  return 'を';
}

const stripAdverbs = new Set(['何', 'なに', 'なん']);

/**
 * An open rewrite of a closed Japanese question that keeps what it was about:
 * 「最近困っていることはありますか？」→「最近どんなことに困っていますか？」,
 * 「なぜ遅れたのか分かっていますか？」→「なぜ遅れたのか、聞かせてもらえますか？」.
 * Null when no rewrite keeps the subject; the caller then offers a bank question.
 */
export function openAlternativeJa(sentences: JaSentence[]): string | null {
  const s = sentences.find((x) => x.question) ?? sentences[0];
  if (!s) return null;
  const body = s.tokens.filter((t) => !isPunct(t));
  const surface = (ts: Token[]) => ts.map((t) => t.surface_form).join('');
  // (何か)〜ことは(何か)ありますか
  const koto = body.findIndex((t, i) => t.surface_form === 'こと' && ['は', 'が', 'って'].includes(body[i + 1]?.surface_form ?? '') && body.slice(i + 2).some((r) => r.basic_form === 'ある' || r.basic_form === 'ない'));
  if (koto > 0) {
    let clause = body.slice(0, koto).filter((t, i, all) => !(stripAdverbs.has(t.surface_form) && isKa(all[i + 1])) && !(isKa(t) && stripAdverbs.has(all[i - 1]?.surface_form ?? '')));
    clause = clause.filter((t) => t.surface_form !== '、');
    const verbAt = clause.findIndex((t) => t.pos === '動詞' && t.pos_detail_1 === '自立');
    const verbStart = verbAt > 0 && clause[verbAt - 1]!.pos === '名詞' && clause[verbAt]!.basic_form === 'する' ? verbAt - 1 : verbAt;
    if (verbStart >= 0) {
      let start = verbStart;
      if (clause[start]!.basic_form === 'なる' && clause[start - 1]?.surface_form === 'に' && clause[start - 2]?.surface_form === '気') start -= 2;
      const lead = surface(clause.slice(0, start));
      const pred = clause.slice(start);
      const head = pred[0]!.pos === '名詞' ? pred[0]!.surface_form : pred[0]!.basic_form;
      const particle = clause[start]?.surface_form === '気' ? 'が' : particleFor(head);
      const predText = surface(pred);
      const polite = /ている$|てる$/.test(predText)
        ? predText.replace(/て(い)?る$/, 'ています')
        : /たい$/.test(predText)
          ? `${predText}です`
          : null;
      if (polite) return `${lead}どんなこと${particle}${polite}か？`;
      return `${lead}${predText}のは、どんなことですか？`;
    }
  }
  // A wh-clause embedded under a yes/no frame: ask it directly.
  if (s.embeddedWh) {
    const ka = body.findIndex((t, i) => isKa(t) && i < body.length - 1);
    if (ka > 0) return `${surface(body.slice(0, ka + 1))}、聞かせてもらえますか？`;
  }
  // A choice: ask about each option.
  if (s.choice) {
    const at = body.findIndex((t) => ['どちら', 'どっち'].includes(t.surface_form));
    const options = surface(body.slice(0, at > 0 ? at : body.length)).replace(/[、,]$/, '').replace(/か$/, '');
    return `${options}について、それぞれどう考えていますか？`;
  }
  // A topic marked by は / って: ask how it is going.
  const topicAt = body.findIndex((t) => t.pos === '助詞' && (t.surface_form === 'は' || t.surface_form === 'って'));
  if (topicAt > 0) {
    const topic = surface(body.slice(0, topicAt)).replace(/^(もう|まだ|最近、?)/, '');
    if (topic) return `${topic}について、今どう感じていますか？`;
  }
  // A bare predicate (「もう慣れた？」「間に合いそう？」): ask about the situation around it.
  const verb = body.find((t) => (t.pos === '動詞' && t.pos_detail_1 === '自立') || t.pos === '形容詞');
  if (verb) {
    const lead = surface(body.slice(0, body.indexOf(verb))).replace(/^(もう|まだ|ちゃんと|ほんとに|本当に)/, '');
    return `${lead}${verb.basic_form}うえで、今どんなことを感じていますか？`;
  }
  return null;
}
