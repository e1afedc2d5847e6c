/**
 * The report dialog (dist/report.html, as showReportDialog shows it) in Chromium, its
 * google.script.run wired to the real add-on on the offline harness: month list and default,
 * the create flow, errors, Japanese, markup safety.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { launchChromium } from '../../dev/chromium.cjs';
import { loadAddon } from '../../dev/harness';
import { fakeScriptRun, hostClosed } from '../helpers/script-run';
import { basicPlan } from '../sheets/plans';

type Addon = ReturnType<typeof loadAddon>;
jest.setTimeout(60_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium(chromium);
});
afterAll(async () => {
  await browser?.close();
});

/** Opens the dialog the add-on showed, with google.script.run calling the add-on. */
async function open(addon: Addon, lang = 'en-US'): Promise<{ page: Page; errors: string[] }> {
  addon.run('showReportDialog');
  const dialog = addon.ui.dialogs.at(-1);
  if (!dialog) throw new Error(`no dialog; alerts: ${JSON.stringify(addon.ui.alerts)}`);
  const context = await browser.newContext({ locale: lang });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    errors.push(`alert: ${d.message()}`);
    void d.dismiss();
  });
  await page.route(/^(?!file:)/, (route) => {
    errors.push(`request: ${route.request().url()}`);
    void route.abort();
  });
  await fakeScriptRun(page, { server: (fn, args) => ({ value: addon.run(fn, ...args) }) });
  const file = join(mkdtempSync(join(tmpdir(), 'report-dialog-')), 'report.html');
  writeFileSync(file, dialog.html);
  await page.goto(`file://${file}`);
  return { page, errors };
}

const closed = hostClosed;

function planned(lang: 'en' | 'ja' = 'en', name?: string): Addon {
  const addon = loadAddon({ locale: lang === 'ja' ? 'ja_JP' : 'en_US' });
  const plan = basicPlan(lang);
  if (name) plan.name = name;
  addon.run('buildWorkbook', plan);
  addon.type(`'${lang === 'ja' ? '実績' : 'Actuals'}'!E4:F4`, [[20, 25]]);
  return addon;
}

test('lists the 12 fiscal months, creates the chosen month’s report and closes', async () => {
  const addon = planned('en', 'Plan <img src=x onerror="window.__pwned=1">');
  const { page, errors } = await open(addon);
  const select = page.getByTestId('report-month');
  await page.waitForFunction(() => (document.getElementById('month') as HTMLSelectElement).options.length === 12);
  const options = await select.locator('option').allTextContents();
  expect(options[0]).toBe('Jan 2026 (2026-01)');
  expect(options[11]).toBe('Dec 2026 (2026-12)');
  const defaults = addon.run('getReportDefaults') as { defaultMonth: string };
  expect(await select.inputValue()).toBe(defaults.defaultMonth);
  expect(await page.getByTestId('report-plan').textContent()).toBe('Plan: Plan <img src=x onerror="window.__pwned=1">');
  expect(await page.locator('img').count()).toBe(0);
  await select.selectOption('2026-02');
  await page.getByTestId('report-create').click();
  await page.waitForFunction(() => (window as unknown as { __scriptRun: { closed: boolean } }).__scriptRun.closed);
  expect(addon.spreadsheet.getSheetByName('Report 2026-02')).not.toBeNull();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});

test('an error from the server stays in the dialog, which can try again', async () => {
  const addon = planned('en');
  const { page, errors } = await open(addon);
  await page.waitForFunction(() => !(document.getElementById('create') as HTMLButtonElement).disabled);
  addon.lock.busy = true;
  await page.getByTestId('report-create').click();
  await page.waitForFunction(() => document.getElementById('status')!.className === 'error');
  expect(await page.getByTestId('report-status').textContent()).toMatch(/Another build or report/);
  expect(await closed(page)).toBe(false);
  expect(await page.getByTestId('report-create').isEnabled()).toBe(true);
  addon.lock.busy = false;
  await page.getByTestId('report-create').click();
  await page.waitForFunction(() => (window as unknown as { __scriptRun: { closed: boolean } }).__scriptRun.closed);
  expect(errors).toEqual([]);
});

test('Japanese plan: Japanese dialog, months from April', async () => {
  const addon = planned('ja');
  const { page, errors } = await open(addon, 'en-US');
  await page.waitForFunction(() => (document.getElementById('month') as HTMLSelectElement).options.length === 12);
  expect(await page.getByTestId('report-create').textContent()).toBe('レポートを作成');
  expect(await page.locator('label[for=month]').textContent()).toBe('レポートの対象月');
  expect((await page.getByTestId('report-month').locator('option').allTextContents())[0]).toBe('2026年4月 (2026-04)');
  expect(errors).toEqual([]);
});
