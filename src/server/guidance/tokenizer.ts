import { createRequire } from 'node:module';
import path from 'node:path';
import kuromoji, { type IpadicFeatures, type Tokenizer } from 'kuromoji';

let building: Promise<Tokenizer<IpadicFeatures>> | null = null;

/**
 * The Japanese morphological analyser, built once per process on first use: building it reads the
 * 18 MB dictionary and takes about three seconds, so nothing pays for it until a Japanese question
 * is checked. It never leaves the server.
 */
export function japaneseTokenizer(): Promise<Tokenizer<IpadicFeatures>> {
  building ??= new Promise((resolve, reject) => {
    const dicPath = path.join(path.dirname(createRequire(import.meta.url).resolve('kuromoji/package.json')), 'dict');
    kuromoji.builder({ dicPath }).build((err, tokenizer) => {
      if (err) {
        building = null;
        reject(err);
      } else resolve(tokenizer);
    });
  });
  return building;
}
