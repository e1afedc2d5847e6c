// `npm run screenshots`: screenshots of the offline preview for the README (docs/*.png).
// Starts the preview on a free port with a throwaway workbook, builds the planner's example
// plan from the sidebar, types three months of actuals, and captures the Progress sheet and
// the sidebar. Needs dist/ (the npm script builds it) and Chromium (/usr/bin/chromium or CHROMIUM_PATH).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import chromiumFinder from './chromium.cjs';

const { launchChromium } = chromiumFinder;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const docs = join(root, 'docs');
const tmp = mkdtempSync(join(tmpdir(), 'kpi-shots-'));
const proc = spawn(process.execPath, ['dev/start.mjs', '--port', '0', '--fresh', '--data', join(tmp, 'workbook.json')], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((ok, fail) => {
  let out = '';
  proc.stdout.on('data', (c) => {
    out += c;
    const m = /preview on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
    if (m) ok(m[1]);
  });
  proc.on('exit', (code) => fail(new Error(`the preview exited (${code}):\n${out}`)));
});

const api = async (path, body) => {
  const res = await fetch(new URL(path, url), body ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {});
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${json.error}`);
  return json;
};

const browser = await launchChromium(chromium, ['--hide-scrollbars']);
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 }, deviceScaleFactor: 1, locale: 'en-US' });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  const menu = async (fn) => {
    await page.click('#menu-extensions');
    await page.click('#menu-addon');
    await page.click(`#menu-addon-items [data-fn="${fn}"]`);
  };
  const tab = async (name) => {
    await page.click(`#tabs .tab[data-sheet="${name}"]`);
    await page.waitForSelector(`#tabs .tab[data-sheet="${name}"][aria-selected="true"]`);
  };

  // Build the example plan from the sidebar, as a newcomer would.
  await menu('showPlanner');
  const sidebar = page.frameLocator('#sidebar-frame');
  await sidebar.locator('[data-testid="step-tab-review"]').click();
  await sidebar.locator('[data-testid="build-button"]').click();
  await sidebar.locator('[data-testid="result"][data-status="ok"]').waitFor({ timeout: 60_000 });

  // Three months of actuals around the targets: some ahead, some at risk, some behind.
  const targets = await api('/api/range?ref=MONTHLY_TARGETS');
  const actualsRef = (await api('/api/workbook')).namedRanges.find((n) => n.name === 'ACTUALS').ref;
  const factors = [1.12, 0.86, 1.03, 0.64, 0.95, 1.2, 0.71, 0.9, 1.05, 0.8];
  const block = targets.values.map((row, i) => row.slice(0, 3).map((t, m) => (typeof t === 'number' ? Math.round(t * (factors[(i + m) % factors.length])) : null)));
  const first = /^(.*!)\$?([A-Z]+)\$?(\d+)/.exec(actualsRef);
  await api('/api/range', { ref: `${first[1]}${first[2]}${first[3]}`, values: block });

  await sidebar.locator('[data-testid="step-tab-funnel"]').click();
  const progress = (await api('/api/workbook')).namedRanges.find((n) => n.name === 'PROGRESS').ref.split('!')[0].replace(/^'|'$/g, '').replace(/''/g, "'");
  mkdirSync(docs, { recursive: true });
  await page.click('#sidebar-close');
  await tab(progress);
  await page.mouse.move(0, 0);
  await page.setViewportSize({ width: 1720, height: 560 });
  await page.screenshot({ path: join(docs, 'preview-workbook.png') });
  await page.setViewportSize({ width: 1280, height: 820 });

  const sheets = (await api('/api/workbook')).sheets.map((s) => s.name);
  await tab(sheets.find((n) => /KPI/.test(n)) ?? sheets[1]);
  await menu('showPlanner');
  await sidebar.locator('[data-testid="step-tab-funnel"]').click();
  await sidebar.locator('[data-testid="stage-volume-0"]').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(docs, 'preview-sidebar.png') });
  console.log('Saved docs/preview-workbook.png and docs/preview-sidebar.png');
} finally {
  await browser.close();
  proc.kill();
  rmSync(tmp, { recursive: true, force: true });
}
