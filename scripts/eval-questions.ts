import { evaluate, labelledSet } from '../src/server/guidance/evaluate.js';

// Prints the closed-question detector's precision and recall per language on the labelled sets;
// `--misses` lists the questions it gets wrong. Exits 1 below the 0.9 target.
const showMisses = process.argv.includes('--misses');
let ok = true;
for (const lang of ['ja', 'en'] as const) {
  const r = await evaluate(labelledSet(lang));
  console.log(`${lang}: ${r.total} questions, precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}`);
  if (showMisses) for (const m of r.misses) console.log(`  expected ${m.expected ? 'closed' : 'open'}: ${m.text}`);
  if (r.precision < 0.9 || r.recall < 0.9) ok = false;
}
process.exit(ok ? 0 : 1);
