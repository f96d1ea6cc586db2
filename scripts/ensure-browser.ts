/**
 * Makes sure the end-to-end tests have a browser and Japanese fonts. With neither CHROME_PATH,
 * /usr/bin/chromium nor Playwright's own Chromium, it installs Debian's `chromium` and
 * `fonts-noto-cjk` with apt when running as root on Debian/Ubuntu, and otherwise runs
 * `npx playwright install chromium` (which needs an open internet).
 */
import { execSync } from 'node:child_process';
import { canApt, findBrowser, hasJapaneseFont } from '../e2e/browser.js';

function run(cmd: string) {
  console.log(`ensure-browser: ${cmd}`);
  execSync(cmd, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

const missing: string[] = [];
if (!findBrowser()) missing.push('chromium');
if (!hasJapaneseFont()) missing.push('fonts-noto-cjk');
// The talk-balance test speaks its test audio with espeak-ng and pads it with sox.
const has = (bin: string) => {
  try {
    execSync(`command -v ${bin}`, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
if (!has('espeak-ng')) missing.push('espeak-ng');
if (!has('sox')) missing.push('sox');

if (missing.length === 0) {
  console.log(`ensure-browser: using ${findBrowser()}`);
} else if (canApt()) {
  run('apt-get update -qq -o DPkg::Lock::Timeout=600');
  // Waits for another apt run (e.g. a second checkout's test setup) instead of failing at once.
  run(`apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends ${missing.join(' ')}`);
} else if (missing.includes('chromium')) {
  run('npx playwright install chromium');
} else {
  console.log('ensure-browser: no Japanese font found and apt is not available; Japanese text may render as boxes in screenshots');
}
const found = findBrowser();
if (!found) {
  console.error('ensure-browser: no browser could be found or installed; set CHROME_PATH to a Chromium binary');
  process.exit(1);
}
console.log(`ensure-browser: browser ${found}`);
