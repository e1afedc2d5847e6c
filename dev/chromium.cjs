// Which Chromium the browser tests and `npm run screenshots` launch, in this order:
//   1. CHROMIUM_PATH, when set (it must exist: a wrong path is an error, not a fallback);
//   2. a Chrome or Chromium installed on the system (on PATH, or where installers put it);
//   3. the Chromium that the devDependency @sparticuz/chromium ships for Linux x64, unpacked once
//      into node_modules/.cache/kpi-chromium/ (about 2 s the first time).
// Only when none exists does launching fail, with a message that says what to install.
// CHROMIUM_SOURCE=packaged skips 1 and 2 (CI uses it to prove 3 on a machine that has a system one).
// CommonJS so that both jest (TypeScript tests) and plain Node (.mjs scripts) can load it.
'use strict';
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } = require('node:fs');
const { delimiter, join, resolve } = require('node:path');
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');

const root = resolve(__dirname, '..');
const COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const USUAL_PLACES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];
// Flags every launch uses: no sandbox (CI runs as root), nothing fetched in the background.
const COMMON_ARGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// @sparticuz/chromium's own flags, except those that switch off the browser's security (the tests
// check that a sandboxed sidebar cannot reach the page), --single-process (for AWS Lambda: here
// it makes the browser crash when a test closes a page) and its headless mode, which Playwright sets.
const DROPPED_ARGS = new RegExp(
  '^--(disable-web-security|allow-running-insecure-content|disable-site-isolation-trials|single-process|headless)',
);

const INSTALL_HINT =
  'No Chromium found for the browser tests. Any one of these fixes it:\n' +
  '  - npm install (installs the devDependency @sparticuz/chromium, which ships Chromium for Linux x64), or\n' +
  '  - install Chrome or Chromium (Debian/Ubuntu: apt-get install -y chromium;\n' +
  '    macOS: brew install --cask chromium), or\n' +
  '  - set CHROMIUM_PATH=/path/to/chrome';

function isFile(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** A system Chrome/Chromium: the first of COMMANDS on PATH, else the first of `places`. */
function systemChromium(env = process.env, places = USUAL_PLACES) {
  const dirs = String(env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean);
  for (const command of COMMANDS) {
    for (const dir of dirs) {
      const path = join(dir, command);
      if (isFile(path)) return path;
    }
  }
  return places.find(isFile);
}

/** @sparticuz/chromium, when installed and usable on this platform, else undefined. */
function packagedChromium() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  try {
    return require('@sparticuz/chromium');
  } catch {
    return undefined;
  }
}

/**
 * Unpack the packaged Chromium once. @sparticuz/chromium unpacks into os.tmpdir() and takes any
 * file already there as done, so parallel test workers could launch a half-written binary:
 * here each unpacks into its own directory, which is then renamed into place (the first wins).
 */
async function unpackPackagedChromium() {
  // Its package.json is not exported: read it next to the module's entry (build/cjs/index.cjs).
  const manifest = join(require.resolve('@sparticuz/chromium'), '..', '..', '..', 'package.json');
  const version = JSON.parse(readFileSync(manifest, 'utf8')).version;
  const cache = join(root, 'node_modules', '.cache', 'kpi-chromium');
  const dir = join(cache, version);
  const binary = join(dir, 'chromium');
  if (isFile(binary)) return binary;
  const partial = join(cache, `${version}.partial-${process.pid}`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  // In a child process with TMPDIR pointing there (jest's process.env is not the one os.tmpdir reads).
  const unpack = "require('@sparticuz/chromium').executablePath().then((p) => process.stdout.write(p))";
  const env = { ...process.env, TMPDIR: partial };
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', unpack], { cwd: root, env });
  const expected = join(partial, 'chromium');
  if (stdout !== expected) throw new Error(`@sparticuz/chromium unpacked to ${stdout}, expected ${expected}`);
  try {
    renameSync(partial, dir);
  } catch (e) {
    // Another worker renamed its copy first: use that one.
    rmSync(partial, { recursive: true, force: true });
    if (!isFile(binary)) throw e;
  }
  return binary;
}

/**
 * The Chromium to launch: `{ executablePath, args, source }`, where `source` says which of the
 * three it is. Throws with INSTALL_HINT when there is none. `places` is for tests.
 */
async function findChromium(env = process.env, places = USUAL_PLACES) {
  const packagedOnly = env.CHROMIUM_SOURCE === 'packaged';
  if (env.CHROMIUM_SOURCE !== undefined && env.CHROMIUM_SOURCE !== '' && !packagedOnly) {
    throw new Error(`CHROMIUM_SOURCE is ${JSON.stringify(env.CHROMIUM_SOURCE)}: the only value it takes is "packaged"`);
  }
  if (env.CHROMIUM_PATH && !packagedOnly) {
    if (!isFile(env.CHROMIUM_PATH)) {
      throw new Error(`CHROMIUM_PATH is ${env.CHROMIUM_PATH}, which is not a file.\n${INSTALL_HINT}`);
    }
    return { executablePath: env.CHROMIUM_PATH, args: COMMON_ARGS, source: 'CHROMIUM_PATH' };
  }
  const system = packagedOnly ? undefined : systemChromium(env, places);
  if (system) return { executablePath: system, args: COMMON_ARGS, source: 'system' };
  const Chromium = packagedChromium();
  if (Chromium) {
    const executablePath = await unpackPackagedChromium();
    const args = [...Chromium.args.filter((a) => !DROPPED_ARGS.test(a)), ...COMMON_ARGS];
    const dir = join(executablePath, '..');
    // A machine without fontconfig of its own uses the font that comes with it.
    const own = existsSync('/etc/fonts/fonts.conf') || !existsSync(join(dir, 'fonts', 'fonts.conf'));
    const fontconfig = own ? {} : { FONTCONFIG_PATH: join(dir, 'fonts') };
    return { executablePath, args: [...new Set(args)], env: fontconfig, source: '@sparticuz/chromium' };
  }
  throw new Error(INSTALL_HINT);
}

/**
 * Launch headless Chromium with Playwright:
 * `launchChromium(require('playwright-core').chromium, ['--hide-scrollbars'])`.
 */
async function launchChromium(playwrightChromium, extraArgs = []) {
  const found = await findChromium();
  return playwrightChromium.launch({
    executablePath: found.executablePath,
    headless: true,
    args: [...found.args, ...extraArgs],
    env: { ...process.env, ...(found.env ?? {}) },
  });
}

module.exports = { findChromium, launchChromium, systemChromium, INSTALL_HINT };
