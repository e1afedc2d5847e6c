/**
 * "Link to data…" in the built sidebar against the real built add-on on the offline harness: a
 * HubSpot deals export loaded as a sheet, a KPI linked from the sidebar, the preview's 12 numbers
 * and unreadable rows, then the Actuals row the build writes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { launchChromium } from '../../dev/chromium.cjs';
import { loadAddon } from '../../dev/harness';
import { tables } from '../../src/sheets/workbook';
import { readExport } from '../core/sources.helpers';
import { fakeScriptRun } from '../helpers/script-run';

const root = resolve(__dirname, '../..');
const html = join(root, 'dist/sidebar.html');
const tid = (testid: string) => `[data-testid="${testid}"]`;
jest.setTimeout(120_000);

let browser: Browser;
beforeAll(async () => {
  const newest = Math.max(
    ...readdirSync(join(root, 'src/client'), { recursive: true }).map(
      (f) => statSync(join(root, 'src/client', String(f))).mtimeMs,
    ),
  );
  if (!existsSync(html) || statSync(html).mtimeMs < newest) execFileSync('node', ['scripts/build.mjs'], { cwd: root });
  browser = await launchChromium(chromium);
});
afterAll(async () => {
  await browser?.close();
});

test('link a KPI to the deals export from the sidebar: preview, save, build, the Actuals row', async () => {
  const addon = loadAddon({ locale: 'ja_JP', timeZone: 'Asia/Tokyo' });
  const rows = readExport('hubspot-deals');
  addon.spreadsheet.insertSheet('Deals').getRange(1, 1, rows.length, rows[0].length).setValues(rows);
  const page = await browser.newPage({ viewport: { width: 300, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await fakeScriptRun(page, { server: (fn, args) => ({ value: addon.run(fn, ...args) }) });
  await page.goto(`file://${html}`);
  await page.waitForSelector(tid('nav-next'));
  await page.click(tid('step-tab-ksf'));
  await page.waitForSelector(tid('step-ksf'));
  const kpiName = await page.inputValue(tid('kpi-name-0-0'));

  await page.click(tid('kpi-link-0-0'));
  await page.waitForSelector(`${tid('link-sheet-0-0')} option[value="Deals"]`, { state: 'attached' });
  // The add-on's own sheets are never offered; the export is.
  expect(await page.locator(`${tid('link-sheet-0-0')} option`).allInnerTexts()).toEqual(['—', 'Sheet1', 'Deals']);
  await page.selectOption(tid('link-sheet-0-0'), 'Deals');
  await page.waitForSelector(tid('link-preview-0-0'));
  // The date column is guessed.
  expect(await page.inputValue(tid('link-date-0-0'))).toBe('Close Date');
  await page.selectOption(tid('link-filter-0-0'), 'Deal Stage');
  await page.getByLabel('Closed Won', { exact: true }).check();
  await page.waitForSelector(tid('link-preview-0-0'));
  await page.selectOption(tid('link-measure-0-0'), 'sum');
  await page.selectOption(tid('link-sum-0-0'), 'Amount');
  await page.waitForSelector(tid('link-unreadable-0-0'));
  if (process.env.LINK_SCREENSHOT) await page.screenshot({ path: process.env.LINK_SCREENSHOT, fullPage: true });
  const shown = await page.locator(`${tid('link-preview-0-0')} td.num`).allInnerTexts();
  const hand = [1650000, 98000, 3600000, 330000, 0, 0, 0, 520000, 75000, 0, 0, 2400000];
  expect(shown.map((s) => Number(s.replace(/[^\d.-]/g, '')))).toEqual(hand);
  expect(await page.locator(tid('link-unreadable-0-0')).innerText()).toMatch(/^2行を読めませんでした/);

  await page.click(tid('link-save-0-0'));
  await page.waitForSelector(tid('kpi-linked-0-0'));
  expect(await page.locator(tid('kpi-linked-0-0')).innerText()).toContain(
    'Deals・Close Date・Deal Stage = Closed Won・Amount の合計',
  );

  await page.click(tid('step-tab-review'));
  await page.click(tid('build-button'));
  await page.waitForSelector('[data-testid=result][data-status]', { timeout: 60_000 });
  expect(await page.getAttribute(tid('result'), 'data-status')).toBe('ok');

  const t = tables().actuals;
  const actuals = addon.spreadsheet.getRangeByName('ACTUALS')!;
  const row = actuals.getSheet().getRange(actuals.getRow(), 1, 1, t.width);
  const values = row.getValues()[0];
  expect(String(values[t.offset('kpi')])).toBe(kpiName);
  expect(Array.from({ length: 12 }, (_, j) => values[t.offset('month', j)])).toEqual(hand);
  expect(row.getFormulas()[0][t.offset('month')]).toMatch(/^=/);
  expect(values[t.offset('linkUnreadable')]).toBe(2);
  expect(String(values[t.offset('link')])).toContain('Deals');
  expect(errors).toEqual([]);
  await page.close();
});
