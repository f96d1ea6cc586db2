// `npm start`: builds what changed, then runs the bundled server in this process.
// Plain JavaScript on purpose: no TypeScript loader on the start path. Whether a build is needed
// is decided from the sizes and modification times of the inputs (milliseconds); the builds
// themselves (scripts/build-web.ts, scripts/build-server.ts) run only then.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import process from 'node:process';

const inputs = ['src', 'scripts', 'vite.config.ts', 'postcss.config.cjs', 'package-lock.json', 'tsconfig.json'];
const stampFile = 'dist/.start-stamp';
const bundle = 'dist/server/main.js';

function walk(p, out) {
  let st;
  try {
    st = statSync(p);
  } catch {
    return;
  }
  if (st.isDirectory()) {
    for (const name of readdirSync(p).sort()) if (!name.endsWith('.test.ts')) walk(path.join(p, name), out);
  } else out.push(`${p}\0${st.size}\0${st.mtimeMs}`);
}

const listing = [];
for (const p of inputs) walk(p, listing);
const stamp = createHash('sha256').update(listing.join('\n')).digest('hex');
const fresh = existsSync(bundle) && existsSync('dist/web/index.html') && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;

if (!fresh || process.argv.includes('--build')) {
  for (const script of ['scripts/build-web.ts', 'scripts/build-server.ts']) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });
    if (run.status !== 0) process.exit(run.status ?? 1);
  }
  writeFileSync(stampFile, stamp);
}

process.setSourceMapsEnabled(true);
await import(pathToFileURL(path.resolve(bundle)).href);
