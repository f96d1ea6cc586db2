/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy next to every text file of the built web client,
 * at the highest levels: the server sends the copy the browser accepts, without compressing on
 * each request (`serveStatic({ precompressed: true })` in `src/server/app.ts`).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const compressible = /\.(?:js|mjs|css|html|svg|json|txt|map|webmanifest)$/;

/** Files below `dir` worth compressing (text, 1 kB or more). */
function candidates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return candidates(full);
    return compressible.test(entry.name) && statSync(full).size >= 1024 ? [full] : [];
  });
}

/** Compresses every text file of `dir` into `.br` and `.gz` siblings; returns how many files. */
export function precompressDir(dir: string): number {
  const files = candidates(dir);
  for (const file of files) {
    const plain = readFileSync(file);
    writeFileSync(
      `${file}.br`,
      zlib.brotliCompressSync(plain, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
        },
      }),
    );
    writeFileSync(`${file}.gz`, zlib.gzipSync(plain, { level: 9 }));
  }
  return files.length;
}

/** Vite plugin: precompresses the output directory once the bundle is written. */
export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'taiwa-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      precompressDir(outDir);
    },
  };
}
