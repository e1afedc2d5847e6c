/**
 * The built sidebar (dist/sidebar.html) alone in Chromium, with a mocked google.script.run:
 * the wizard, validation as you type, the funnel preview, the health check, the build flow and
 * markup safety. (The preview's browser tests drive the same file against the real add-on.)
 */
import type { Browser, Page } from 'playwright-core';
import { loadAddon } from '../../dev/harness';
import { SIDEBAR_HTML, sidebarBrowser } from '../helpers/sidebar-browser';
import { fakeScriptRun, type Response, scriptRunCalls, settle } from '../helpers/script-run';

const html = SIDEBAR_HTML;

jest.setTimeout(60_000);

let browser: Browser;

beforeAll(async () => {
  browser = await sidebarBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface MockOptions {
  lang?: 'ja' | 'en';
  responses?: Record<string, Response>;
  /** No google.script.run at all (the file opened on its own). */
  noGoogle?: boolean;
}

async function open(opts: MockOptions = {}): Promise<{ page: Page; errors: string[]; dialogs: string[] }> {
  const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  // Nothing may be fetched: the sidebar is one self-contained file.
  await page.route(/^(?!file:)/, (route) => {
    errors.push(`request: ${route.request().url()}`);
    void route.abort();
  });
  const lang = opts.lang ?? 'en';
  const responses: Record<string, Response> = {
    getPlannerDefaults: {
      value: {
        lang,
        locale: lang === 'ja' ? 'ja_JP' : 'en_US',
        timeZone: 'Asia/Tokyo',
        startYear: 2026,
        startMonth: lang === 'ja' ? 4 : 1,
      },
    },
    checkPlan: { value: { findings: [] } },
    buildWorkbook: { value: { sheets: ['KPI Tree', 'Plan', 'Actuals', 'Progress'], warnings: [] } },
    ...opts.responses,
  };
  if (!opts.noGoogle) await fakeScriptRun(page, { responses });
  await page.goto(`file://${html}`);
  await page.waitForSelector('[data-testid=nav-next]');
  return { page, errors, dialogs };
}

const calls = scriptRunCalls;
const text = (page: Page, testid: string) => page.locator(`[data-testid="${testid}"]`).innerText();
const tid = (testid: string) => `[data-testid="${testid}"]`;

async function goTo(page: Page, step: string) {
  await page.click(tid(`step-tab-${step}`));
  await page.waitForSelector(tid(`step-${step}`));
}

describe('sidebar (dist/sidebar.html, mocked google.script.run)', () => {
  test('starts from the server defaults: Japanese, April start, the example plan; nothing fetched', async () => {
    const { page, errors } = await open({ lang: 'ja' });
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await text(page, 'step-title')).toBe('基本設定');
    expect(await page.inputValue(tid('lang-select'))).toBe('ja');
    expect(await page.inputValue(tid('start-month'))).toBe('4');
    expect(await page.inputValue(tid('start-year'))).toBe('2026');
    expect(await text(page, 'fy-range')).toBe('2026年4月～2027年3月');
    expect(await page.inputValue(tid('plan-name'))).toBe('2026年度 マーケティングKPI計画');
    // No plan in the spreadsheet (listPlans answers nothing): the example plan.
    expect((await calls(page)).map((c) => c.fn)).toEqual(['getPlannerDefaults', 'listPlans']);
    expect(await text(page, 'nav-next')).toBe('次へ');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('validation as you type: numbers with separators and 万, rates as 25 / 25% / 0.25, errors in the current language', async () => {
    const { page, errors } = await open({ lang: 'ja' });
    await goTo(page, 'kgi');
    await page.fill(tid('kgi-baseline'), 'たくさん');
    expect(await text(page, 'error-kgi-baseline')).toBe('数値を入力してください（例：10,000,000）。');
    expect(await page.getAttribute(tid('kgi-baseline'), 'aria-invalid')).toBe('true');
    await page.fill(tid('kgi-baseline'), '1億2000万');
    expect(await text(page, 'error-kgi-baseline')).toBe('');
    expect(await text(page, 'hint-kgi-baseline')).toBe('＝ 120,000,000');
    await page.locator(tid('kgi-baseline')).blur();
    expect(await page.inputValue(tid('kgi-baseline'))).toBe('120,000,000');
    await page.fill(tid('kgi-growth'), '１０');
    expect(await text(page, 'hint-kgi-growth')).toBe('＝ 10%');
    expect(await text(page, 'kgi-computed')).toContain('¥132,000,000');

    await goTo(page, 'funnel');
    await page.fill(tid('rate-0'), '25');
    expect(await text(page, 'hint-rate-0')).toBe('＝ 25%');
    await page.locator(tid('rate-0')).blur();
    expect(await page.inputValue(tid('rate-0'))).toBe('25%');
    await page.fill(tid('rate-1'), '0.5');
    expect(await text(page, 'hint-rate-1')).toBe('＝ 50%');
    await page.fill(tid('rate-2'), '140%');
    expect(await text(page, 'error-rate-2')).toBe('転換率は 0% より大きく 100% 以下で入力してください。');
    await page.fill(tid('rate-3'), '0,4');
    expect(await text(page, 'error-rate-3')).toContain('小数点');
    // Next refuses while the step has errors, and says why.
    await page.click(tid('nav-next'));
    expect(await page.getAttribute(tid('step-title'), 'data-step')).toBe('funnel');
    await page.fill(tid('rate-2'), '40%');
    await page.fill(tid('rate-3'), '0.4');
    await page.click(tid('nav-next'));
    expect(await page.getAttribute(tid('step-title'), 'data-step')).toBe('ksf');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('English errors in English; a required field left blank says so once touched', async () => {
    const { page } = await open({ lang: 'en' });
    await goTo(page, 'kgi');
    await page.fill(tid('kgi-name'), '');
    expect(await text(page, 'error-kgi-name')).toBe('Required.');
    await page.fill(tid('kgi-unit-value'), '0,5');
    expect(await text(page, 'error-kgi-unit-value')).toBe(
      'Use a point for decimals (0.25), commas only between thousands.',
    );
    await page.close();
  });

  test('the funnel preview back-calculates as you type (¥10,000,000 at ¥500,000, 40% and 20% → 250, 100, 20)', async () => {
    const { page } = await open({ lang: 'ja' });
    await goTo(page, 'kgi');
    await page.selectOption(tid('kgi-mode'), 'target');
    await page.fill(tid('kgi-target'), '1,000万');
    await page.fill(tid('kgi-unit-value'), '500,000');
    expect(await text(page, 'kgi-computed')).toBe('目標：¥10,000,000 · 必要な受注件数：20');
    await goTo(page, 'funnel');
    await page.selectOption(tid('preset-select'), 'inquiry');
    expect(await page.inputValue(tid('stage-name-0'))).toBe('リード');
    expect(await page.inputValue(tid('stage-name-2'))).toBe('受注');
    await page.fill(tid('rate-0'), '40%');
    await page.fill(tid('rate-1'), '20');
    expect([
      await text(page, 'stage-volume-0'),
      await text(page, 'stage-volume-1'),
      await text(page, 'stage-volume-2'),
    ]).toEqual(['250', '100', '20']);
    expect(await text(page, 'funnel-preview-row-0')).toContain('250');
    // add a stage (inserted before the win), then remove it again
    await page.click(tid('add-stage'));
    expect(await page.locator('[data-testid^="stage-name-"]').count()).toBe(4);
    expect(await page.inputValue(tid('stage-name-3'))).toBe('受注');
    expect(await text(page, 'stage-volume-0')).toBe('');
    await page.click(tid('remove-stage-2'));
    expect(await page.locator('[data-testid^="stage-name-"]').count()).toBe(3);
    expect(await text(page, 'stage-volume-0')).toBe('250');
    await page.close();
  });

  test('KSFs and KPIs: add, fill, point at a funnel stage, remove', async () => {
    const { page } = await open({ lang: 'en' });
    await page.click(tid('clear-plan'));
    await goTo(page, 'ksf');
    expect(await page.locator('[data-testid^="ksf-name-"]').count()).toBe(1);
    await page.fill(tid('ksf-name-0'), 'More inquiries');
    await page.fill(tid('kpi-name-0-0'), 'Inquiries');
    await page.click(tid('add-kpi-0'));
    await page.fill(tid('kpi-name-0-1'), 'Cost per inquiry');
    await page.fill(tid('kpi-target-0-1'), '$150');
    await page.locator(tid('kpi-more-0-1')).locator('summary').click();
    await page.selectOption(tid('kpi-direction-0-1'), 'lower');
    await page.selectOption(tid('kpi-aggregate-0-1'), 'average');
    await page.click(tid('add-ksf'));
    await page.fill(tid('ksf-name-1'), 'Close more');
    await page.fill(tid('kpi-name-1-0'), 'Deals');
    await page.selectOption(tid('kpi-source-1-0'), '2');
    expect(await page.locator(tid('kpi-target-1-0')).count()).toBe(0);
    // the first KPI's target field reflects what was typed, across re-renders
    expect(await page.inputValue(tid('kpi-target-0-1'))).toBe('150'); // read and rewritten on blur
    expect(await page.inputValue(tid('kpi-direction-0-1'))).toBe('lower');
    await page.click(tid('add-ksf'));
    expect(await page.locator('[data-testid^="ksf-name-"]').count()).toBe(3);
    await page.click(tid('remove-ksf-2'));
    expect(await page.locator('[data-testid^="ksf-name-"]').count()).toBe(2);
    expect(await page.inputValue(tid('kpi-name-1-0'))).toBe('Deals');
    await page.close();
  });

  test('a KPI named <img src=x onerror=…> shows as text everywhere and runs nothing', async () => {
    const evil = '<img src=x onerror="window.__xss=1;alert(1)">';
    const { page, errors, dialogs } = await open({ lang: 'en' });
    await goTo(page, 'ksf');
    await page.fill(tid('kpi-name-0-2'), evil);
    await page.fill(tid('kpi-target-0-2'), ''); // no target: the health check names the KPI
    await page.fill(tid('ksf-name-1'), evil);
    await goTo(page, 'review');
    const findings = await text(page, 'findings');
    expect(findings).toContain(evil);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await goTo(page, 'ksf');
    expect(await page.inputValue(tid('kpi-name-0-2'))).toBe(evil);
    await page.close();
  });

  test('review: findings grouped by criterion; errors block Build, warnings do not', async () => {
    const { page } = await open({ lang: 'ja' });
    await goTo(page, 'ksf');
    await page.fill(tid('kpi-target-0-2'), ''); // quantitative error
    await goTo(page, 'review');
    expect(await page.locator(`${tid('findings-quantitative')} [data-level=error]`).count()).toBeGreaterThan(0);
    expect(await page.locator(tid('findings-achievable')).count()).toBe(1);
    expect(await page.locator(tid('findings-relevant')).count()).toBe(1);
    expect(await text(page, 'findings-quantitative')).toContain('定量性');
    expect(await page.isDisabled(tid('build-button'))).toBe(true);
    expect(await text(page, 'build-status')).toBe('エラーを修正するとワークブックを作成できます。');

    // The finding's "修正" link leads to the field; fix it there.
    await page
      .locator(`${tid('findings-quantitative')} [data-level=error] ${tid('finding-edit')}`)
      .first()
      .click();
    expect(await page.getAttribute(tid('step-title'), 'data-step')).toBe('ksf');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('kpi-target-0-2');
    await page.fill(tid('kpi-target-0-2'), '8,000');
    // ...and make a warning instead (KGI growth far beyond doubling).
    await goTo(page, 'kgi');
    await page.fill(tid('kgi-growth'), '300%');
    await goTo(page, 'review');
    expect(await page.locator('[data-testid=finding][data-level=error]').count()).toBe(0);
    expect(await page.locator('[data-testid=finding][data-level=warning]').count()).toBeGreaterThan(0);
    expect(await page.isDisabled(tid('build-button'))).toBe(false);
    await page.close();
  });

  test('field errors are listed on review and link back to the field', async () => {
    const { page } = await open({ lang: 'en' });
    await goTo(page, 'funnel');
    await page.fill(tid('rate-1'), 'abc');
    await goTo(page, 'review');
    const input = page.locator(tid('findings-input'));
    expect(await input.locator('[data-testid=finding]').count()).toBe(1);
    expect(await input.innerText()).toContain('Conversion rate from Leads to MQL');
    expect(await page.isDisabled(tid('build-button'))).toBe(true);
    await input.locator('button').click();
    expect(await page.getAttribute(tid('step-title'), 'data-step')).toBe('funnel');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('rate-1');
    expect(await text(page, 'error-rate-1')).toBe('Enter a rate, e.g. 25%.');
    await page.close();
  });

  test('build: checkPlan then buildWorkbook(plan), busy state, then the sheets created', async () => {
    const { page, errors } = await open({ lang: 'ja', responses: { checkPlan: 'hold', buildWorkbook: 'hold' } });
    await goTo(page, 'review');
    await page.click(tid('build-button'));
    await page.waitForFunction(
      () => (window as unknown as { __scriptRun: { pending: unknown[] } }).__scriptRun.pending.length === 1,
    );
    expect(await text(page, 'build-status')).toBe('計画をチェックしています…');
    expect(await page.isDisabled(tid('build-button'))).toBe(true);
    await settle(page, 'checkPlan', { value: { findings: [] } });
    await page.waitForFunction(
      () =>
        (window as unknown as { __scriptRun: { pending: { fn: string }[] } }).__scriptRun.pending[0]?.fn ===
        'buildWorkbook',
    );
    expect(await text(page, 'build-status')).toBe('作成中…');
    expect(await page.isDisabled(tid('build-button'))).toBe(true);
    expect(await text(page, 'build-button')).toBe('作成中…');
    expect(await page.locator(`${tid('build-button')} .spinner`).count()).toBe(1);
    expect(await page.isDisabled(tid('nav-back'))).toBe(true);
    // a second click does nothing while building
    await page.click(tid('build-button'), { force: true });
    const sent = (await calls(page)).filter((c) => c.fn !== 'listPlans');
    expect(sent.map((c) => c.fn)).toEqual(['getPlannerDefaults', 'checkPlan', 'buildWorkbook']);
    const plan = sent[2].args[0] as {
      locale: string;
      fiscalYear: unknown;
      ksfs: unknown[];
      funnel: { rates: number[] };
      kgi: { baseline: number; growthRate: number };
    };
    expect(sent[1].args[0]).toEqual(plan);
    expect(plan.locale).toBe('ja');
    expect(plan.fiscalYear).toEqual({ startYear: 2026, startMonth: 4 });
    expect(plan.ksfs).toHaveLength(4);
    expect(plan.funnel.rates).toEqual([0.02, 0.3, 0.25, 0.5, 0.2]);
    expect(plan.kgi).toMatchObject({ baseline: 100_000_000, growthRate: 0.1 });

    await settle(page, 'buildWorkbook', {
      value: {
        sheets: ['KPIツリー', '計画', '実績', '進捗'],
        warnings: ['「計画」は既にあるため「計画 (2)」を作成しました'],
      },
    });
    await page.waitForSelector('[data-testid=result][data-status=ok]');
    expect(await page.locator(`${tid('result-sheets')} li`).allInnerTexts()).toEqual([
      'KPIツリー',
      '計画',
      '実績',
      '進捗',
    ]);
    expect(await text(page, 'result-warnings')).toContain('計画 (2)');
    // Built: what was built and a link to Progress, no Build button (no second build by accident) …
    expect(await page.locator(tid('build-button')).count()).toBe(0);
    expect(await text(page, 'edit-to-apply')).toContain('変更を反映');
    expect(await page.getAttribute(tid('open-progress'), 'data-sheet')).toBe('進捗');
    await page.click(tid('open-progress'));
    await page.waitForFunction(() =>
      (window as unknown as { __scriptRun: { calls: { fn: string }[] } }).__scriptRun.calls.some(
        (c) => c.fn === 'showSheet',
      ),
    );
    expect((await calls(page)).find((c) => c.fn === 'showSheet')!.args).toEqual(['進捗']);
    // … and after an edit, building again asks first: the spreadsheet has a plan now.
    await goTo(page, 'basics');
    await page.fill(tid('plan-name'), '2026年度 計画（第2版）');
    await goTo(page, 'review');
    await page.click(tid('build-button'));
    expect(await text(page, 'confirm-new')).toContain('2026年度');
    expect((await calls(page)).filter((c) => c.fn === 'buildWorkbook')).toHaveLength(1);
    await page.click(tid('confirm-cancel'));
    expect(await page.locator(tid('confirm-new')).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a server failure is shown and nothing typed is lost', async () => {
    const { page } = await open({
      lang: 'en',
      responses: { buildWorkbook: { error: 'plan.kgi.target: missing <b>bold</b>' } },
    });
    await goTo(page, 'kgi');
    await page.fill(tid('kgi-name'), 'Revenue 2026');
    await goTo(page, 'review');
    await page.click(tid('build-button'));
    await page.waitForSelector('[data-testid=result][data-status=error]');
    expect(await text(page, 'result-error')).toBe('plan.kgi.target: missing <b>bold</b>');
    expect(await page.locator('b').count()).toBe(0);
    expect(await page.isDisabled(tid('build-button'))).toBe(false);
    await goTo(page, 'kgi');
    expect(await page.inputValue(tid('kgi-name'))).toBe('Revenue 2026');
    await page.close();
  });

  test('errors from the server-side health check stop the build and are shown', async () => {
    const serverFinding = { level: 'error', criterion: 'relevant', kpi: 'Leads', message: 'Server says no' };
    const { page } = await open({ lang: 'en', responses: { checkPlan: { value: { findings: [serverFinding] } } } });
    await goTo(page, 'review');
    await page.click(tid('build-button'));
    await page.waitForSelector('[data-testid=result][data-status=error]');
    expect((await calls(page)).map((c) => c.fn)).toEqual(['getPlannerDefaults', 'listPlans', 'checkPlan']);
    expect(await text(page, 'findings-relevant')).toContain('Server says no');
    expect(await text(page, 'result-error')).toBe('The plan has errors; nothing was written.');
    await page.close();
  });

  test('switching language re-localises the untouched example plan and the whole UI', async () => {
    const { page } = await open({ lang: 'en' });
    expect(await page.inputValue(tid('start-month'))).toBe('1');
    await page.selectOption(tid('lang-select'), 'ja');
    expect(await text(page, 'step-title')).toBe('基本設定');
    expect(await page.inputValue(tid('start-month'))).toBe('4');
    await goTo(page, 'funnel');
    expect(await page.inputValue(tid('stage-name-1'))).toBe('リード');
    await goTo(page, 'kgi');
    expect(await page.inputValue(tid('kgi-currency'))).toBe('JPY');
    await page.close();
  });

  test('opened on its own (no google.script.run) it still works, and Build says why it cannot run', async () => {
    const { page, errors } = await open({ noGoogle: true });
    expect(await page.locator(tid('lang-select')).count()).toBe(1);
    await goTo(page, 'review');
    await page.click(tid('build-button'));
    await page.waitForSelector('[data-testid=result][data-status=error]');
    expect(await text(page, 'result-error')).toContain('google.script.run');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('against the real built add-on (offline harness): defaults, health check and buildWorkbook from the wizard', async () => {
    const addon = loadAddon({ locale: 'ja_JP' });
    const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await fakeScriptRun(page, { server: (fn, args) => ({ value: addon.run(fn, ...args) }) });
    await page.goto(`file://${html}`);
    await page.waitForSelector(tid('nav-next'));
    expect(await page.inputValue(tid('lang-select'))).toBe('ja');
    expect(await page.inputValue(tid('start-month'))).toBe('4');
    // a hostile KPI name travels as text
    await goTo(page, 'ksf');
    await page.fill(tid('kpi-name-0-2'), '<img src=x onerror=alert(1)>');
    await goTo(page, 'review');
    await page.click(tid('build-button'));
    await page.waitForSelector('[data-testid=result][data-status]', { timeout: 30_000 });
    expect(await page.getAttribute(tid('result'), 'data-status')).toBe('ok');
    const sheets = await page.locator(`${tid('result-sheets')} li`).allInnerTexts();
    expect(sheets.length).toBeGreaterThanOrEqual(4);
    for (const name of sheets) expect(addon.spreadsheet.getSheetByName(name)).not.toBeNull();
    expect(addon.spreadsheet.getRangeByName('KGI_TARGET')?.getValue()).toBeCloseTo(110_000_000, 3); // baseline ¥100,000,000 + 10%
    expect(await page.locator('img').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('sidebar: the planner’s rough edges (issue 18)', () => {
  test('a funnel preset switch keeps KPIs on stages of the same meaning and says which it unlinked', async () => {
    const { page, errors } = await open({ lang: 'en' });
    await goTo(page, 'funnel');
    expect(await page.locator(tid('preset-unlinked')).count()).toBe(0);
    await page.selectOption(tid('preset-select'), 'inquiry');
    const notice = await text(page, 'preset-unlinked');
    for (const stage of ['Visitors', 'MQL', 'SQL']) expect(notice).toContain(`on the stage “${stage}”`);
    expect(notice).not.toContain('“Leads”');
    await goTo(page, 'ksf');
    // Leads stays on Leads (0), Opportunities goes to Meetings (1), Won to Won (2); the others are by hand.
    expect(await page.inputValue(tid('kpi-source-0-0'))).toBe('');
    expect(await page.inputValue(tid('kpi-source-0-1'))).toBe('0');
    expect(await page.inputValue(tid('kpi-source-2-0'))).toBe('1');
    expect(await page.inputValue(tid('kpi-source-2-1'))).toBe('2');
    expect(await page.locator(tid('preset-unlinked')).count()).toBe(0); // the notice went with the step
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a clean plan says “no problems found” once; plurals are right', async () => {
    const { page } = await open({ lang: 'ja' });
    await goTo(page, 'review');
    await page.waitForSelector(tid('findings-summary'));
    const findings = await text(page, 'findings');
    expect(await page.getAttribute(tid('findings-summary'), 'data-warnings')).toBe('0'); // the example plan is clean
    expect(findings.split('問題は見つかりませんでした').length - 1).toBe(1);
    for (const c of ['quantitative', 'achievable', 'relevant']) {
      expect(await page.getAttribute(tid(`findings-${c}`), 'data-ok')).toBe('true');
    }
    await page.close();
    const en = await open({ lang: 'en' });
    await goTo(en.page, 'funnel');
    await en.page.fill(tid('rate-1'), 'abc');
    await goTo(en.page, 'review');
    expect(await text(en.page, 'findings-summary')).toBe('1 error, 0 warnings');
    await en.page.close();
  });

  test('a rate field’s error sits under the field and its label, overlapping neither', async () => {
    const { page } = await open({ lang: 'ja' });
    await goTo(page, 'funnel');
    await page.fill(tid('rate-1'), 'abc');
    await page.locator(tid('rate-1')).blur();
    const error = await page.locator(tid('error-rate-1')).boundingBox();
    const input = await page.locator(tid('rate-1')).boundingBox();
    const side = await page.locator(tid('hint-rate-1')).boundingBox(); // “to next stage”
    expect(await text(page, 'error-rate-1')).toBe('率を入力してください（例：25%）。');
    for (const box of [input!, side!]) expect(error!.y).toBeGreaterThanOrEqual(box.y + box.height - 0.5);
    await page.close();
  });

  test('a long KSF name wraps inside the 300 px sidebar instead of being cut', async () => {
    const { page } = await open({ lang: 'en' });
    await goTo(page, 'ksf');
    const long = 'Win more referrals and upsells from existing customers through the partner programme';
    await page.fill(tid('ksf-name-0'), long);
    const size = await page.locator(tid('ksf-name-0')).evaluate((el) => ({
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
      scrollHeight: el.scrollHeight,
      clientHeight: el.clientHeight,
      height: el.getBoundingClientRect().height,
    }));
    expect(size.scrollWidth).toBeLessThanOrEqual(size.clientWidth);
    expect(size.scrollHeight).toBeLessThanOrEqual(size.clientHeight + 1);
    expect(size.height).toBeGreaterThan(40); // more than one line
    expect(await page.inputValue(tid('ksf-name-0'))).toBe(long);
    await page.keyboard.press('Enter'); // a name stays one paragraph
    expect(await page.inputValue(tid('ksf-name-0'))).toBe(long);
    await page.close();
  });
});
