import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestServer } from './server';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/**
 * The Chromium that @sparticuz/chromium ships inside its npm tarball, decompressed once per package version.
 * The package itself always unpacks to $TMPDIR/chromium and reuses whatever is there, which would mix versions
 * and let a second test run start a half-written binary; so it unpacks into a private folder here and the
 * folder is renamed into place whole.
 */
async function packagedChromium(): Promise<string> {
  const require = createRequire(import.meta.url);
  const pkgRoot = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '..', '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(pkgRoot, 'package.json'), 'utf8')) as { version: string };
  const dir = path.join(os.tmpdir(), `sparticuz-chromium-${version}`);
  const exe = path.join(dir, 'chromium');
  if (fs.existsSync(exe)) return exe;
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), `sparticuz-chromium-${version}-`));
  const tmpdir = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    const { default: sparticuz } = await import('@sparticuz/chromium');
    await sparticuz.executablePath(path.join(pkgRoot, 'bin'));
  } finally {
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
  }
  fs.chmodSync(staging, 0o755);
  try {
    fs.renameSync(staging, dir);
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(exe)) throw e;
  }
  return exe;
}

/** CHROMIUM_PATH if set, else the system's Chromium, else the packaged one. */
export async function chromiumPath(): Promise<string> {
  if (process.env.CHROMIUM_PATH) {
    if (!fs.existsSync(process.env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.`);
    return process.env.CHROMIUM_PATH;
  }
  return fs.existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : packagedChromium();
}

/**
 * Headless, with the flags that keep it off the network. The packaged build needs none of the package's own
 * `args` here: its `--single-process` and `--no-zygote` are for AWS Lambda, and multi-process runs it reliably.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumPath(), headless: true, args: FLAGS });
}

export function clientBuilt(): boolean {
  return fs.existsSync(new URL('../../dist/client/index.html', import.meta.url));
}

/**
 * The before/after hooks of a browser journey: once the client is known to be built, `start` starts the
 * server, a browser launches, and `use` hands both to the suite. After the last test the browser closes,
 * the server stops, then `stopped` runs.
 */
export function journeyHooks<S extends { t: TestServer }>(start: () => Promise<S>, use: (s: S & { browser: Browser }) => void, stopped?: () => void): void {
  let s: S | undefined;
  let browser: Browser | undefined;
  before(async function () {
    this.timeout(60_000);
    if (!clientBuilt()) throw new Error('dist/client is missing: run `npm run build` first (npm test does).');
    s = await start();
    browser = await launchBrowser();
    use({ ...s, browser });
  });
  after(async () => {
    await browser?.close();
    await s?.t.stop();
    stopped?.();
  });
}

/** A new browser context logged in through the login page with the test users' password. */
export async function loggedIn(browser: Browser, baseUrl: string, email: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill('correct-horse-battery');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}
