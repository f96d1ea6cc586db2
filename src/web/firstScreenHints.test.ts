import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstScreenHints } from './firstScreenHints.js';

describe('firstScreenHints (the table the build turns into first-screen.json)', () => {
  const routeSources = readdirSync(path.join(import.meta.dirname, 'routes'))
    .map((f) => readFileSync(path.join(import.meta.dirname, 'routes', f), 'utf8'))
    .join('\n');

  it.each(firstScreenHints.map((h) => [h.path, h] as const))('%s is a route, its modules exist and its data are API addresses', (_p, hint) => {
    expect(routeSources).toContain(`path: '${hint.path}'`);
    for (const module of hint.modules) expect(existsSync(path.join(import.meta.dirname, module)), module).toBe(true);
    expect(hint.data[0]).toBe('/api/session');
    for (const address of hint.data) {
      expect(address).toMatch(/^\/api\//);
      for (const [, name] of address.matchAll(/\$([A-Za-z]+)/g)) expect(hint.path).toContain(`$${name}`);
    }
  });
});

