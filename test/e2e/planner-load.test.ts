/**
 * The planner opens on the plan in the spreadsheet (dist/sidebar.html in Chromium, mocked google.script.run):
 * the active sheet's plan or the only one loads with its ids; several plans ask which; Apply changes sends the
 * plan with its ids once, however often it is clicked, and shows what changed with a link to Progress; Save as a
 * new plan asks first and sends no ids.
 */
import type { Browser, Page } from 'playwright-core';
import { samplePlanFor } from '../../src/client/draft';
import type { Plan } from '../../src/core/plan';
import { samplePlan } from '../../src/core/sample';
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

const tid = (testid: string) => `[data-testid="${testid}"]`;
const text = (page: Page, testid: string) => page.locator(tid(testid)).innerText();
const calls = scriptRunCalls;

/** A plan as getPlan returns it: ids on the plan, its KSFs and KPIs, and a field the sidebar has no input for. */
function storedPlan(id: string, name: string): Plan {
  const plan = samplePlan('en');
  plan.id = id;
  plan.name = name;
  plan.ksfs.forEach((ksf, i) => {
    ksf.id = `${id}-s${i}`;
    ksf.kpis.forEach((kpi, j) => {
      kpi.id = `${id}-k${i}-${j}`;
    });
  });
  (plan.ksfs[0].kpis[0] as { source?: unknown }).source = { sheet: 'CRM', date: 'Created' };
  return plan;
}

const SHEETS = (n: string) => [`KPI Tree${n}`, `Plan${n}`, `Actuals${n}`, `Progress${n}`];
const PLANS = [
  { id: 'p1', name: 'FY2026 plan', lang: 'en', sheets: SHEETS('') },
  { id: 'p2', name: 'FY2026 plan (EU)', lang: 'en', sheets: SHEETS(' (2)') },
];

async function open(
  responses: Record<string, Response>,
  activeSheet = 'Sheet1',
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await fakeScriptRun(page, {
    responses: {
      getPlannerDefaults: {
        value: { lang: 'en', locale: 'en_US', timeZone: 'Asia/Tokyo', startYear: 2026, startMonth: 1, activeSheet },
      },
      checkPlan: { value: { findings: [] } },
      ...responses,
    },
  });
  await page.goto(`file://${html}`);
  return { page, errors };
}

async function goTo(page: Page, step: string) {
  await page.click(tid(`step-tab-${step}`));
  await page.waitForSelector(tid(`step-${step}`));
}

describe('the planner opens on the plan in the spreadsheet', () => {
  test('one plan: it loads with every field and its ids; Apply changes sends it back once and shows what changed', async () => {
    const { page, errors } = await open({
      listPlans: { value: [PLANS[0]] },
      getPlan: { value: storedPlan('p1', 'FY2026 plan') },
      updateWorkbook: 'hold',
    });
    await page.waitForSelector(tid('loaded-plan'));
    expect(await page.getAttribute(tid('loaded-plan'), 'data-plan-id')).toBe('p1');
    expect(await page.inputValue(tid('plan-name'))).toBe('FY2026 plan');
    expect((await calls(page)).find((c) => c.fn === 'getPlan')!.args).toEqual(['p1']);

    // Add a KPI, then Apply changes (twice, quickly).
    await goTo(page, 'ksf');
    await page.click(tid('add-kpi-0'));
    const j = (await page.locator(`${tid('ksf-0')} [data-testid^="kpi-name-0-"]`).count()) - 1;
    await page.fill(tid(`kpi-name-0-${j}`), 'Downloads');
    await page.fill(tid(`kpi-target-0-${j}`), '1200');
    await goTo(page, 'review');
    expect(await text(page, 'apply-button')).toBe('Apply changes');
    expect(await text(page, 'build-button')).toBe('Save as a new plan');
    await page.click(tid('apply-button'));
    await page.click(tid('apply-button'), { force: true });
    await page.waitForFunction(
      () =>
        (window as unknown as { __scriptRun: { pending: { fn: string }[] } }).__scriptRun.pending[0]?.fn ===
        'updateWorkbook',
    );
    expect(await page.isDisabled(tid('apply-button'))).toBe(true);
    expect(await page.isDisabled(tid('build-button'))).toBe(true);
    const sent = (await calls(page)).filter((c) => c.fn === 'updateWorkbook');
    expect(sent).toHaveLength(1);
    const plan = sent[0].args[0] as Plan;
    const expected = storedPlan('p1', 'FY2026 plan');
    expected.ksfs[0].kpis.push({ name: 'Downloads', target: 1200 });
    expect(plan).toEqual(expected);

    await settle(page, 'updateWorkbook', {
      value: {
        sheets: SHEETS(''),
        warnings: ['Downloads has no actuals yet'],
        changes: {
          added: [{ id: 'p1-new', name: 'Downloads' }],
          removed: [],
          moved: [
            {
              id: 'p1-k0-0',
              name: 'Visits',
              from: { id: 'p1-s0', name: 'Traffic' },
              to: { id: 'p1-s1', name: 'Leads' },
            },
          ],
        },
      },
    });
    await page.waitForSelector('[data-testid=result][data-status=ok]');
    expect(await page.getAttribute(tid('result'), 'data-applied')).toBe('true');
    expect(await text(page, 'result')).toContain('Changes applied');
    expect(await text(page, 'result-changes')).toContain('KPIs added');
    expect(await text(page, 'result-changes')).toContain('Downloads');
    expect(await text(page, 'result-changes')).not.toContain('KPIs removed');
    expect(await page.locator('[data-change="moved"] li').allInnerTexts()).toEqual(['Visits: Traffic → Leads']);
    expect(await text(page, 'result-warnings')).toContain('Downloads has no actuals yet');
    expect(await page.getAttribute(tid('open-progress'), 'data-sheet')).toBe('Progress');
    // No active button until the plan is edited again; the plan is read back (new KPIs get their ids).
    expect(await page.locator(tid('apply-button')).count()).toBe(0);
    expect(await page.locator(tid('build-button')).count()).toBe(0);
    expect((await calls(page)).filter((c) => c.fn === 'getPlan')).toHaveLength(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('several plans: the active sheet’s plan opens; in none of them, the sidebar asks which', async () => {
    const own = await open(
      { listPlans: { value: PLANS }, getPlan: { value: storedPlan('p2', 'FY2026 plan (EU)') } },
      'Actuals (2)',
    );
    await own.page.waitForSelector(tid('loaded-plan'));
    expect((await calls(own.page)).find((c) => c.fn === 'getPlan')!.args).toEqual(['p2']);
    expect(await own.page.locator(tid('open-other-plan')).count()).toBe(1);
    await own.page.close();

    const { page, errors } = await open({
      listPlans: { value: PLANS },
      getPlan: { value: storedPlan('p2', 'FY2026 plan (EU)') },
    });
    await page.waitForSelector(tid('plan-chooser'));
    expect((await calls(page)).map((c) => c.fn)).toEqual(['getPlannerDefaults', 'listPlans']);
    expect(await page.locator('[data-testid^="plan-choice-"]').allInnerTexts()).toEqual([
      expect.stringContaining('FY2026 plan'),
      expect.stringContaining('FY2026 plan (EU)'),
      'Start a new plan from the example',
    ]);
    await page.click(tid('plan-choice-1'));
    await page.waitForSelector(tid('loaded-plan'));
    expect((await calls(page)).find((c) => c.fn === 'getPlan')!.args).toEqual(['p2']);
    expect(await page.inputValue(tid('plan-name'))).toBe('FY2026 plan (EU)');
    // A new plan instead: the example, and Build asks first (the spreadsheet has plans).
    await page.click(tid('load-sample'));
    await page.waitForSelector(tid('clear-plan'));
    await goTo(page, 'review');
    expect(await page.locator(tid('apply-button')).count()).toBe(0);
    await page.click(tid('build-button'));
    expect(await text(page, 'confirm-new')).toContain('“FY2026 plan (EU)”');
    expect(await page.locator('[data-testid^="confirm-open-"]').allInnerTexts()).toEqual([
      'Update “FY2026 plan” instead',
      'Update “FY2026 plan (EU)” instead',
    ]);
    expect((await calls(page)).some((c) => c.fn === 'buildWorkbook' || c.fn === 'checkPlan')).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('Save as a new plan from a loaded plan asks first, then builds without ids', async () => {
    const { page, errors } = await open({
      listPlans: { value: [PLANS[0]] },
      getPlan: { value: storedPlan('p1', 'FY2026 plan') },
      buildWorkbook: { value: { sheets: SHEETS(' (2)'), warnings: [] } },
    });
    await page.waitForSelector(tid('loaded-plan'));
    await goTo(page, 'review');
    await page.click(tid('build-button'));
    await page.waitForSelector(tid('confirm-new'));
    expect(await text(page, 'confirm-update')).toBe('Apply changes');
    await page.dblclick(tid('confirm-new-yes'));
    await page.waitForSelector('[data-testid=result][data-status=ok]');
    const built = (await calls(page)).filter((c) => c.fn === 'buildWorkbook');
    expect(built).toHaveLength(1);
    const plan = built[0].args[0] as Plan;
    expect(plan.id).toBeUndefined();
    expect(plan.ksfs.flatMap((s) => [s.id, ...s.kpis.map((k) => k.id)]).every((x) => x === undefined)).toBe(true);
    expect((plan.ksfs[0].kpis[0] as { source?: unknown }).source).toEqual({ sheet: 'CRM', date: 'Created' });
    expect(await text(page, 'result')).toContain('Workbook built');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a plan that cannot be read: the example plan, and the reason', async () => {
    const { page, errors } = await open({
      listPlans: { value: [PLANS[0]] },
      getPlan: { error: 'Plan sheet is missing' },
    });
    await page.waitForSelector(tid('load-notice'));
    expect(await text(page, 'load-notice')).toContain('Plan sheet is missing');
    expect(await page.inputValue(tid('plan-name'))).toBe(samplePlanFor('en', 2026).name);
    expect(errors).toEqual([]);
    await page.close();
  });
});
