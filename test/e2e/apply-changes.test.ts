/**
 * Issue 14 in the offline preview (`npm start`) in Chromium, against the real built add-on: a plan built and used
 * (actuals typed), the planner opened from the menu loads it, a KPI is added, Apply changes: the new KPI is on
 * every sheet of the plan and every actual typed before is still there, on its KPI.
 * Needs listPlans / getPlan / updateWorkbook (the identity branch).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { launchChromium } from '../../dev/chromium.cjs';
import { startPreview } from '../helpers/preview-server';
import { basicPlan } from '../sheets/plans';

jest.setTimeout(180_000);

const startServer = startPreview;

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;
let page: Page;
const errors: string[] = [];

const tid = (id: string) => `[data-testid="${id}"]`;
const sidebar = (): FrameLocator => page.frameLocator('#sidebar-frame');

async function api<T = Record<string, any>>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(
    new URL(path, server.url),
    body === undefined
      ? {}
      : {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        },
  );
  const json = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(`${path}: ${res.status} ${json.error ?? ''}`);
  return json;
}
const range = (ref: string) =>
  api<{ values: unknown[][] }>(`/api/range?ref=${encodeURIComponent(ref)}`).then((r) => r.values);
/** A sheet's whole grid as the preview draws it (values). */
async function sheetValues(name: string): Promise<unknown[][]> {
  const wb = await api<{ sheets: { name: string; rows: number; columns: number }[] }>('/api/workbook');
  const sheet = wb.sheets.find((s) => s.name === name)!;
  const quoted = `'${name.replace(/'/g, "''")}'`;
  return range(`${quoted}!A1:${String.fromCharCode(64 + Math.min(sheet.columns, 26))}${sheet.rows}`);
}
/** Each KPI's 12 actuals on Actuals, by KPI name (the Actuals rows name their KPI). */
async function actualsByKpi(): Promise<Map<string, unknown[]>> {
  const names = (await range('KPI_NAMES')).map((r) => String(r[0]));
  const actuals = await range('ACTUALS');
  return new Map(names.map((n, i) => [n, actuals[i]]));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-apply-'));
  server = await startServer(['--fresh', '--data', join(dir, 'workbook.json'), '--locale', 'en_US']);
  browser = await launchChromium(chromium);
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
});

afterAll(async () => {
  await browser?.close();
  server?.proc.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('open the planner on a built plan, add a KPI, Apply changes: it is on every sheet, the old actuals stay', async () => {
  // A plan built and used for three months.
  const built = await api<{ result: { sheets: string[] } }>('/api/run', {
    fn: 'buildWorkbook',
    args: [basicPlan('en')],
  });
  const [tree, plan, actualsSheet, progress] = built.result.sheets;
  const kpis = (await range('KPI_NAMES')).map((r) => String(r[0]));
  const typed = kpis.map((_, i) => [10 + i, 20 + i, 30 + i]);
  const ref = (await api<{ namedRanges: { name: string; ref: string }[] }>('/api/workbook')).namedRanges.find(
    (n) => n.name === 'ACTUALS',
  )!.ref;
  const m = /^'?(.+?)'?!\$?([A-Z]+)\$?(\d+)/.exec(ref)!;
  const first = Number(m[3]);
  const col = m[2];
  const last = String.fromCharCode(col.charCodeAt(0) + 2);
  await api('/api/range', { ref: `'${m[1]}'!${col}${first}:${last}${first + kpis.length - 1}`, values: typed });
  const before = await actualsByKpi();
  expect([...before.values()].map((r) => r.slice(0, 3))).toEqual(typed);

  // The planner opens on it.
  await page.click('#menu-extensions');
  await page.click('#menu-addon');
  await page.click('#menu-addon-items [data-fn="showPlanner"]');
  const sb = sidebar();
  await sb.locator(tid('loaded-plan')).waitFor({ timeout: 60_000 });
  expect(await sb.locator(tid('plan-name')).inputValue()).toBe(basicPlan('en').name);

  // Add a KPI to the first KSF, then Apply changes.
  await sb.locator(tid('step-tab-ksf')).click();
  await sb.locator(tid('add-kpi-0')).click();
  const j = (await sb.locator(`${tid('ksf-0')} [data-testid^="kpi-name-0-"]`).count()) - 1;
  await sb.locator(tid(`kpi-name-0-${j}`)).fill('Downloads');
  await sb.locator(tid(`kpi-target-0-${j}`)).fill('1,200');
  await sb.locator(tid('step-tab-review')).click();
  expect(await sb.locator(tid('build-button')).innerText()).toBe('Save as a new plan');
  await sb.locator(tid('apply-button')).click();
  await sb.locator('[data-testid=result][data-status]').waitFor({ timeout: 60_000 });
  expect(await sb.locator(tid('result')).getAttribute('data-status')).toBe('ok');
  expect(await sb.locator(tid('result')).getAttribute('data-applied')).toBe('true');
  expect(await sb.locator(tid('apply-button')).count()).toBe(0);

  // No second set of sheets; the new KPI is on every sheet of the plan.
  const wb = await api<{ sheets: { name: string }[] }>('/api/workbook');
  const names = wb.sheets.map((s) => s.name);
  expect(names).toEqual(expect.arrayContaining(['Sheet1', tree, plan, actualsSheet, progress]));
  for (const sheet of [tree, plan, actualsSheet, progress]) expect(names).not.toContain(`${sheet} (2)`);
  for (const sheet of [tree, plan, actualsSheet, progress]) {
    const cells = (await sheetValues(sheet)).flat().map(String);
    expect(cells.some((c) => c.includes('Downloads'))).toBe(true);
  }
  // Every actual typed before is still on its KPI; the new KPI has none.
  const after = await actualsByKpi();
  for (const [name, row] of before) expect(after.get(name)).toEqual(row);
  expect(after.get('Downloads')).toEqual(Array(12).fill(''));
  expect(after.size).toBe(before.size + 1);

  // The link opens Progress.
  await sb.locator(tid('open-progress')).click();
  await page.waitForSelector(`#tabs .tab[data-sheet="${progress}"][aria-selected="true"]`);
  expect(errors).toEqual([]);
});
