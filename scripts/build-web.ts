/**
 * Builds the web client only when its sources changed since the last build (a content hash kept
 * in dist/web/.build-hash). `npm start` runs it first: a restart is quick, and a second start
 * against a running server does not rebuild the files the running server is serving.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const inputs = ['src/web', 'src/domain', 'vite.config.ts', 'postcss.config.cjs', 'package-lock.json'];
const out = 'dist/web';
const stampFile = path.join(out, '.build-hash');

function files(p: string): string[] {
  if (!existsSync(p)) return [];
  if (statSync(p).isFile()) return [p];
  return readdirSync(p)
    .sort()
    .flatMap((name) => (name.endsWith('.test.ts') ? [] : files(path.join(p, name))));
}

const hash = createHash('sha256');
for (const f of inputs.flatMap(files)) hash.update(f).update('\0').update(readFileSync(f)).update('\0');
const digest = hash.digest('hex');

if (existsSync(stampFile) && existsSync(path.join(out, 'index.html')) && readFileSync(stampFile, 'utf8') === digest) {
  console.log('web client is up to date');
} else {
  console.log('building the web client…');
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  writeFileSync(stampFile, digest);
}
