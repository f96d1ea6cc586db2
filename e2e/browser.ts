import { execFileSync, execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/**
 * Finds a Chromium for the end-to-end tests: CHROME_PATH, else Debian's /usr/bin/chromium, else
 * Playwright's own download. Returns null when there is none.
 */
export function findBrowser(): string | null {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) if (existsSync(p)) return p;
  try {
    const out = execFileSync(process.execPath, ['-e', "process.stdout.write(require('playwright-core').chromium.executablePath())"], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    if (out && existsSync(out)) return out;
  } catch {
    /* no Playwright browser */
  }
  return null;
}

/** Whether a font with Japanese glyphs is installed (else Japanese renders as boxes in screenshots). */
export function hasJapaneseFont(): boolean {
  try {
    return /CJK|Japanese|JP/i.test(execSync('fc-list :lang=ja family', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return false;
  }
}

/** Whether apt can install Debian packages here (root on Debian or Ubuntu). */
export function canApt(): boolean {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) return false;
  try {
    return /ID(_LIKE)?=.*(debian|ubuntu)/i.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}
