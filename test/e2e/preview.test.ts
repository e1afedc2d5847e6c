/**
 * The offline preview (`npm start`) in Chromium: the real built add-on behind the page, driven
 * as a marketer would — the menu, the planner sidebar, the grid, the report dialog.
 * The server runs as `node dev/start.mjs --port 0 --fresh --data <tmp>` (dist/ is built by `npm test`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { launchChromium } from '../../dev/chromium.cjs';
import { startPreview } from '../helpers/preview-server';
import { basicPlan } from '../sheets/plans';

const EVIL = '<img src=x onerror=alert(1)>';
const GREEN = 'rgb(183, 225, 205)'; // #b7e1cd
const RED = 'rgb(244, 199, 195)'; // #f4c7c3
const WHITE = 'rgb(255, 255, 255)';

jest.setTimeout(180_000);

/** Start the preview server; resolves with its URL once it prints it. */
const startServer = startPreview;

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let dir: string;
let page: Page;
const dialogs: string[] = [];
const errors: string[] = [];

const tid = (id: string) => `[data-testid="${id}"]`;
const sidebar = (): FrameLocator => page.frameLocator('#sidebar-frame');

async function api<T = Record<string, any>>(path: string): Promise<T> {
  const res = await fetch(new URL(path, server.url));
  return (await res.json()) as T;
}
/** The first cell of a named range, as an A1 address without the sheet, and the sheet. */
async function firstCell(name: string): Promise<{ sheet: string; cell: string }> {
  const wb = await api<{ namedRanges: { name: string; ref: string }[] }>('/api/workbook');
  const ref = wb.namedRanges.find((n) => n.name === name)?.ref;
  if (!ref) throw new Error(`no named range ${name}`);
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)/.exec(ref)!;
  return { sheet: (m[1] ?? m[2]).replace(/''/g, "'"), cell: `${m[3]}${m[4]}` };
}
const shift = (cell: string, dr: number, dc = 0) => {
  const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
  const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) + dc;
  let s = '';
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return `${s}${Number(m[2]) + dr}`;
};
const td = (cell: string) => page.locator(`#grid td[data-cell="${cell}"]`);
const background = (cell: string) => td(cell).evaluate((el) => getComputedStyle(el).backgroundColor);

async function openTab(name: string) {
  await page.click(`#tabs .tab[data-sheet="${name}"]`);
  await page.waitForSelector(`#tabs .tab[data-sheet="${name}"][aria-selected="true"]`);
}
async function menu(fn: string) {
  await page.click('#menu-extensions');
  await page.click('#menu-addon');
  await page.click(`#menu-addon-items [data-fn="${fn}"]`);
}
/** Type into a cell through the grid: select it, type, Enter. */
async function typeInto(cell: string, text: string) {
  await td(cell).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.waitForFunction((c) => document.querySelector('#namebox')?.textContent !== c, cell);
  await page.waitForFunction(() => !document.querySelector('#status')?.textContent?.startsWith('Saving'));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-e2e-'));
  server = await startServer(['--fresh', '--data', join(dir, 'workbook.json'), '--locale', 'ja_JP']);
  browser = await launchChromium(chromium);
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'ja-JP' });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]');
});

afterAll(async () => {
  await browser?.close();
  server?.proc.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the preview in a browser', () => {
  test('prints its URL, shows the empty workbook and the add-on menu in Japanese', async () => {
    expect(server.output()).toMatch(/KPI Planner preview on http:\/\/127\.0\.0\.1:\d+\//);
    expect(await page.locator('#tabs .tab').allInnerTexts()).toEqual(['Sheet1']);
    await page.click('#menu-extensions');
    await page.click('#menu-addon');
    const items = page.locator('#menu-addon-items .menu-row');
    expect(await items.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.fn))).toEqual([
      'showPlanner',
      'showReportDialog',
      'reapplyProgressColours',
      'showHelp',
    ]);
    expect(await items.allInnerTexts()).toContain('月次レポートを作成…');
    await page.keyboard.press('Escape');
    await page.mouse.click(5, 300);
  });

  test('cells are edited as in Sheets: a formula computes, the formula bar shows it, text stays text', async () => {
    await typeInto('A1', '1,200');
    await typeInto('A2', '=A1*2');
    await typeInto('A3', "'=A1");
    expect(await td('A2').innerText()).toBe('2400');
    await td('A2').click();
    expect(await page.inputValue('#formula')).toBe('=A1*2');
    expect(await td('A3').innerText()).toBe('=A1');
    // the formula bar edits too, and dependants follow
    await td('A1').click();
    await page.fill('#formula', '600');
    await page.press('#formula', 'Enter');
    await page.waitForFunction(() => document.querySelector('td[data-cell="A2"]')?.textContent === '1200');
    await typeInto('B1', '10%');
    expect(await td('B1').innerText()).toBe('10%');
    expect((await api<{ values: unknown[][] }>('/api/range?ref=Sheet1!A1:B2')).values).toEqual([
      [600, 0.1],
      [1200, ''],
    ]);
    // a block pasted from another spreadsheet (tab-separated) lands from the selected cell, typed
    await td('D1').click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '5\t=D1*2\r\n1,000\t\r\n');
      document
        .querySelector('#grid-wrap')!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelector('td[data-cell="E1"]')?.textContent === '10');
    expect((await api<{ values: unknown[][] }>('/api/range?ref=Sheet1!D1:E2')).values).toEqual([
      [5, 10],
      [1000, ''],
    ]);
    // Delete clears the selected cell
    await td('B1').click();
    await page.keyboard.press('Delete');
    await page.waitForFunction(() => document.querySelector('td[data-cell="B1"]')?.textContent === '');
  });

  test('open the planner from the menu, fill a Japanese plan, build: KPI Tree and Progress with values and colours', async () => {
    await menu('showPlanner');
    const sb = sidebar();
    await sb.locator(tid('nav-next')).waitFor();
    expect(await sb.locator(tid('lang-select')).inputValue()).toBe('ja');
    expect(await sb.locator(tid('start-month')).inputValue()).toBe('4');
    expect(await page.locator('#sidebar-title').innerText()).not.toBe('');

    await sb.locator(tid('plan-name')).fill('テスト計画');
    await sb.locator(tid('step-tab-kgi')).click();
    await sb.locator(tid('kgi-name')).fill('売上');
    await sb.locator(tid('kgi-mode')).selectOption('target');
    await sb.locator(tid('kgi-target')).fill('1億2000万');
    await sb.locator(tid('step-tab-ksf')).click();
    await sb.locator(tid('kpi-name-0-2')).fill(EVIL);
    await sb.locator(tid('step-tab-review')).click();
    await sb.locator(tid('build-button')).click();
    await sb.locator('[data-testid=result][data-status]').waitFor({ timeout: 60_000 });
    expect(await sb.locator(tid('result')).getAttribute('data-status')).toBe('ok');
    const sheets = await sb.locator(`${tid('result-sheets')} li`).allInnerTexts();
    expect(sheets).toEqual(expect.arrayContaining(['KPIツリー', '計画', '実績', '進捗']));

    // the page shows the new sheets as tabs
    await page.waitForFunction(() => document.querySelectorAll('#tabs .tab').length >= 5);
    expect(await page.locator('#tabs .tab').allInnerTexts()).toEqual(expect.arrayContaining(sheets));

    // KPI Tree: the KGI target, linked by formula, displayed with its format
    await openTab('KPIツリー');
    const kgi = await api<{ values: unknown[][] }>('/api/range?ref=KGI_TARGET');
    expect(kgi.values).toEqual([[120_000_000]]);
    const tree = await page.locator('#grid').innerText();
    expect(tree).toContain('売上');
    expect(tree).toContain('120,000,000');

    // the hostile KPI name is text on the sheet, and nothing ran
    expect(await page.locator('#grid td', { hasText: EVIL }).count()).toBeGreaterThan(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(await sb.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);

    // type actuals for the first month through the grid: way above target, and zero
    const actuals = await firstCell('ACTUALS');
    await openTab(actuals.sheet);
    await typeInto(actuals.cell, '1,000,000');
    await typeInto(shift(actuals.cell, 1), '0');

    // Progress: green for the first KPI, red for the second, white where nothing was entered
    const progress = await firstCell('PROGRESS');
    await openTab(progress.sheet);
    expect(await background(progress.cell)).toBe(GREEN);
    expect(await background(shift(progress.cell, 1))).toBe(RED);
    expect(await background(shift(progress.cell, 0, 1))).toBe(WHITE);
    const view = await api<{ displayValues: string[][] }>(`/api/range?ref=PROGRESS`);
    expect(await td(progress.cell).innerText()).toBe(view.displayValues[0][0]);
    expect(view.displayValues[0][0]).toMatch(/%$/);
    // columns the builder hid are not drawn
    const drawn = await api<{ hiddenColumns: number[] }>(`/api/sheet?name=${encodeURIComponent(progress.sheet)}`);
    for (const c of drawn.hiddenColumns) expect(await page.locator(`#grid thead th[data-col="${c}"]`).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test('Progress shows the KGI first, its quarters and halves, and a trend sparkline per row', async () => {
    // the KGI's actual for the first month, typed on Actuals
    const kgiActual = await firstCell('KGI_ACTUALS');
    await openTab(kgiActual.sheet);
    await typeInto(kgiActual.cell, '12,000,000');
    const progress = await firstCell('PROGRESS');
    const kgi = await firstCell('KGI_PROGRESS');
    await openTab(kgi.sheet);
    // the KGI's row is right above the KPIs, its achievement shown and coloured like theirs
    expect(kgi.cell).toBe(shift(progress.cell, -1));
    const kgiView = await api<{ displayValues: string[][] }>('/api/range?ref=KGI_PROGRESS');
    expect(await td(kgi.cell).innerText()).toBe(kgiView.displayValues[0][0]);
    expect(kgiView.displayValues[0][0]).toMatch(/^\d+%$/);
    expect(await background(kgi.cell)).not.toBe(WHITE);
    // quarters and halves, headed 第1四半期 … and 上期・下期, the KGI first
    const quarter = await firstCell('QUARTER_PROGRESS');
    const half = await firstCell('HALF_PROGRESS');
    expect(/\d+$/.exec(quarter.cell)![0]).toBe(/\d+$/.exec(kgi.cell)![0]);
    expect(await td(shift(quarter.cell, -1)).innerText()).toBe('第1四半期');
    expect(await td(shift(half.cell, -1, 1)).innerText()).toBe('下期');
    const quarters = await api<{ displayValues: string[][] }>('/api/range?ref=QUARTER_PROGRESS');
    expect(await td(quarter.cell).innerText()).toBe(quarters.displayValues[0][0]);
    expect(quarters.displayValues[0][0]).toMatch(/%$/);
    // the trend column right of the halves: a column sparkline in every row, the KGI's and the KPIs'
    const trend = shift(half.cell, 0, 2);
    for (const row of [0, 1, 2]) {
      expect(await td(shift(trend, row)).locator('svg[data-testid="sparkline"]').count()).toBe(1);
    }
    expect(await td(trend).locator('svg[data-testid="sparkline"] rect').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  test('the google.script shim in the sidebar: handlers, user object, failures, no access to the page', async () => {
    const frame = page.frames().find((f) => /\/ui\/\d+$/.test(f.url()))!;
    expect(frame).toBeDefined();
    const out = await frame.evaluate(
      () =>
        new Promise((done) => {
          const g = (window as unknown as { google: { script: { run: any } } }).google;
          const results: unknown[] = [];
          g.script.run
            .withUserObject({ n: 1 })
            .withSuccessHandler((r: { lang?: string }, user: unknown) => {
              results.push(['ok', r.lang, user]);
              g.script.run
                .withFailureHandler((e: Error, user: unknown) =>
                  done([...results, ['failed', e instanceof Error, e.message, user]]),
                )
                .withUserObject('u2')
                .withSuccessHandler(() => done([...results, 'unexpected success']))
                .eval('1');
            })
            .getPlannerDefaults();
        }),
    );
    expect(out).toEqual([
      ['ok', 'ja', { n: 1 }],
      ['failed', true, 'eval is not a function the add-on exposes to google.script.run or its menu', 'u2'],
    ]);
    // a sandboxed frame: another origin than the page, so it cannot reach the sheet's page
    expect(
      await frame.evaluate(() => {
        try {
          return String(window.parent.document.title);
        } catch {
          return 'blocked';
        }
      }),
    ).toBe('blocked');
  });

  test('a monthly report from the menu: the dialog asks for the month, the report sheet appears', async () => {
    await menu('showReportDialog');
    const dialog = page.frameLocator('#dialog-frame');
    await page.waitForSelector('#dialog:not([hidden])');
    const month = dialog.locator(tid('report-month'));
    await month.locator('option').first().waitFor({ state: 'attached' });
    const first = await month.locator('option').first().getAttribute('value');
    expect(first).toMatch(/^\d{4}-\d{2}$/);
    await month.selectOption(first!);
    await dialog.locator(tid('report-create')).click();
    // the dialog closes itself (google.script.host.close) and the report is shown
    await page.waitForSelector('#dialog', { state: 'hidden', timeout: 60_000 });
    const name = `月次レポート ${first}`;
    await page.waitForSelector(`#tabs .tab[data-sheet="${name}"]`);
    await page.waitForSelector(`#tabs .tab[data-sheet="${name}"][aria-selected="true"]`);
    const grid = await page.locator('#grid').innerText();
    expect(grid).toContain(EVIL);
    expect(grid).toContain('遅れ'); // the zero actual is off track
    // the report's charts are drawn over the sheet: the KGI by month, then the KPIs vs the thresholds, labels as text
    const chart = page.locator('[data-testid=chart]');
    expect(await chart.count()).toBe(2);
    expect(await chart.first().locator('rect[fill="#4285f4"]').count()).toBeGreaterThan(0);
    expect(await chart.first().innerHTML()).toContain('KGI');
    expect(await chart.nth(1).innerHTML()).toContain('&lt;img');
    expect(await page.locator('img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('the workbook survives a restart of the server', async () => {
    server.proc.kill();
    await new Promise((ok) => server.proc.once('exit', ok));
    server = await startServer(['--data', join(dir, 'workbook.json'), '--locale', 'ja_JP']);
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.locator('#tabs .tab').allInnerTexts()).toEqual(
      expect.arrayContaining(['KPIツリー', '進捗', '実績']),
    );
    const progress = await firstCell('PROGRESS');
    await openTab(progress.sheet);
    expect(await background(progress.cell)).toBe(GREEN);
  });

  test('after a rejected value and its alert, the next values typed land in the cells', async () => {
    const actuals = await firstCell('ACTUALS');
    await openTab(actuals.sheet);
    const cell = shift(actuals.cell, 2);
    await td(cell).click();
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#alert:not([hidden])');
    // dismissed with the keyboard: the next keys go to the grid, not the page
    await page.keyboard.press('Enter');
    await page.waitForSelector('#alert', { state: 'hidden' });
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (c) => document.querySelector(`td[data-cell="${c}"]`)?.textContent === '7',
      shift(cell, 1),
    );
    // dismissed with a click: the same
    await td(shift(cell, 2)).click();
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#alert:not([hidden])');
    await page.click('#alert-ok');
    await page.keyboard.type('8');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (c) => document.querySelector(`td[data-cell="${c}"]`)?.textContent === '8',
      shift(cell, 3),
    );
    const written = await api<{ values: unknown[][] }>(
      `/api/range?ref=${encodeURIComponent(`'${actuals.sheet}'!${cell}:${shift(cell, 3)}`)}`,
    );
    expect(written.values.flat()).toEqual(['', 7, '', 8]);
    expect(errors).toEqual([]);
  });

  test('a block: select by shift-click, drag or shift-arrows; paste, copy and delete it', async () => {
    await openTab('Sheet1');
    // paste a tab-separated block: it lands from the selected cell and stays selected
    await td('G1').click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', '1\t2\t3\n4\t5\t6\n');
      document
        .querySelector('#grid-wrap')!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelector('td[data-cell="I2"]')?.textContent === '6');
    expect((await api<{ values: unknown[][] }>('/api/range?ref=Sheet1!G1:I2')).values).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    await page.waitForFunction(() => document.querySelector('#namebox')?.textContent === 'G1:I2');
    expect(await page.locator('#grid td.in-block').count()).toBe(6);

    const copy = () =>
      page.evaluate(() => {
        const data = new DataTransfer();
        document
          .querySelector('#grid-wrap')!
          .dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
        return data.getData('text/plain');
      });
    expect(await copy()).toBe('1\t2\t3\n4\t5\t6');
    // a SPARKLINE cell is drawn as a small line through its range's numbers
    await typeInto('J1', '=SPARKLINE(G1:I1)');
    const line = td('J1').locator('svg[data-testid="sparkline"] polyline');
    expect(await line.count()).toBe(1);
    expect((await line.getAttribute('points'))!.split(' ')).toHaveLength(3);
    // shift-arrows
    await td('G1').click();
    await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    expect(await page.locator('#namebox').innerText()).toBe('G1:H2');
    expect(await copy()).toBe('1\t2\n4\t5');
    // a drag
    const box = async (cell: string) => (await td(cell).boundingBox())!;
    const from = await box('H1');
    const to = await box('I2');
    await page.mouse.move(from.x + 5, from.y + 5);
    await page.mouse.down();
    await page.mouse.move(to.x + 5, to.y + 5, { steps: 4 });
    await page.mouse.up();
    expect(await page.locator('#namebox').innerText()).toBe('H1:I2');
    expect(await copy()).toBe('2\t3\n5\t6');
    // shift-click, then Delete clears the whole block and nothing else
    await td('G1').click();
    await td('H2').click({ modifiers: ['Shift'] });
    expect(await page.locator('#namebox').innerText()).toBe('G1:H2');
    await page.keyboard.press('Delete');
    await page.waitForFunction(() => document.querySelector('td[data-cell="H2"]')?.textContent === '');
    expect((await api<{ values: unknown[][] }>('/api/range?ref=Sheet1!G1:I2')).values).toEqual([
      ['', '', 3],
      ['', '', 6],
    ]);
    // a plain arrow collapses the block to one cell again
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#namebox').innerText()).toBe('G2');
    expect(await page.locator('#grid td.in-block').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test("a tab clicked is the active sheet: the monthly report is made for that tab's plan", async () => {
    // a second plan, in English, next to the Japanese one
    const second = await fetch(new URL('/api/run', server.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ fn: 'buildWorkbook', args: [basicPlan('en')] }),
    });
    expect(second.status).toBe(200);
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    const report = async (tab: string): Promise<string> => {
      await openTab(tab);
      expect((await api<{ activeSheet: string }>('/api/workbook')).activeSheet).toBe(tab);
      const before = await page.locator('#tabs .tab').allInnerTexts();
      await menu('showReportDialog');
      const dialog = page.frameLocator('#dialog-frame');
      await page.waitForSelector('#dialog:not([hidden])');
      await dialog.locator(tid('report-month')).locator('option').first().waitFor({ state: 'attached' });
      await dialog.locator(tid('report-create')).click();
      await page.waitForSelector('#dialog', { state: 'hidden', timeout: 60_000 });
      await page.waitForFunction((n) => document.querySelectorAll('#tabs .tab').length > n, before.length);
      return page.locator('#tabs .tab[aria-selected="true"]').innerText();
    };
    const wb = await api<{ namedRanges: { name: string; ref: string }[] }>('/api/workbook');
    const sheetOf = (name: string) => {
      const ref = wb.namedRanges.find((n) => n.name === name)!.ref;
      return ref.slice(0, ref.lastIndexOf('!')).replace(/^'|'$/g, '').replace(/''/g, "'");
    };
    const english = sheetOf(wb.namedRanges.map((n) => n.name).find((n) => /^ACTUALS_\d+$/.test(n))!);
    const japanese = sheetOf('ACTUALS');
    expect(english).not.toBe(japanese);
    // the Japanese plan's report first (the English one was built last, so it would be the default)
    await page.click(`#tabs .tab[data-sheet="${english}"]`);
    const ja = await report(japanese);
    const en = await report(english);
    const names = await page.locator('#tabs .tab').allInnerTexts();
    expect(names).toEqual(expect.arrayContaining([ja, en]));
    // each report reads its own plan: KPI names of that plan only
    const text = async (name: string) => {
      await openTab(name);
      return page.locator('#grid').innerText();
    };
    const enKpi = basicPlan('en').ksfs[0].kpis[1].name;
    const enReport = await text(en);
    const jaReport = await text(ja);
    expect(enReport).toContain(enKpi);
    expect(enReport).not.toContain(EVIL);
    expect(jaReport).toContain(EVIL); // the Japanese plan's hostile KPI name, as text
    expect(jaReport).not.toContain(enKpi);
    expect(errors).toEqual([]);
  });

  test('drawn as Sheets draws: the tree keeps its indentation, charts pass under frozen headers, no empty hint by the sidebar', async () => {
    // the tree: the sheet whose cells draw branches (a KPI of the last KSF starts with spaces)
    const sheets = (await api<{ sheets: { name: string }[] }>('/api/workbook')).sheets.map((x) => x.name);
    const drawn = await Promise.all(
      sheets.map((n) => api<{ displayValues: string[][] }>(`/api/sheet?name=${encodeURIComponent(n)}`)),
    );
    const tree = sheets.find((_, i) => drawn[i].displayValues.flat().some((v) => /^ +└─ /.test(v)))!;
    expect(tree).toBeDefined();
    await openTab(tree);
    const indented = await page.evaluate(() => {
      const spans = [...document.querySelectorAll('#grid td > span')].filter((e) => /^ +\S/.test(e.textContent ?? ''));
      return spans.map((e) => ({ text: e.textContent, whiteSpace: getComputedStyle(e).whiteSpace }));
    });
    expect(indented.length).toBeGreaterThan(0);
    for (const s of indented) expect(s.whiteSpace).toBe('pre');
    // a report's chart is under the frozen rows' and columns' headers when the grid scrolls
    const report = (await page.locator('#tabs .tab').allInnerTexts()).find((n) => n.startsWith('月次レポート'))!;
    await openTab(report);
    const z = await page.evaluate(() => ({
      chart: Number(getComputedStyle(document.querySelector('.chart-box')!).zIndex),
      header: Number(getComputedStyle(document.querySelector('#grid thead th')!).zIndex),
      rowHeader: Number(getComputedStyle(document.querySelector('#grid tbody th')!).zIndex),
    }));
    expect(z.chart).toBeLessThan(z.header);
    expect(z.chart).toBeLessThan(z.rowHeader);
    // the empty-workbook hint never shows next to the open sidebar
    const show = (ids: Record<string, boolean>) =>
      page.evaluate((ids) => {
        for (const [id, shown] of Object.entries(ids)) document.getElementById(id)!.hidden = !shown;
      }, ids);
    await show({ empty: true, sidebar: true });
    expect(await page.isVisible('#empty')).toBe(false);
    await show({ sidebar: false });
    expect(await page.isVisible('#empty')).toBe(true);
    await show({ empty: false });
  });
});
