// Progress on Sheets' own formulas: typing an actual runs no custom function, and every value
// equals what src/core's tracking functions give (the values the KPI_* cells gave before);
// the report computes its targets from Plan's inputs exactly as KPI_FUNNEL / KPI_MONTHLY do.
import fc from 'fast-check';
import { loadAddon } from '../../dev/harness';
import type { Kpi, Plan } from '../../src/core/plan';
import { forecast, progress, remaining, status } from '../../src/core/tracking';
import { planTargets } from '../../src/sheets/plan-inputs';
import { REPORT, reportTable } from '../../src/sheets/report';
import { kgiRow, PROGRESS_LAYOUT, tables } from '../../src/sheets/workbook';
import { actualArb, basicPlan, kpiArb } from './plans';

type Addon = ReturnType<typeof loadAddon>;
type Value = number | '';

const named = (addon: Addon, name: string) => addon.spreadsheet.getRangeByName(name)!;
const isNumber = (v: unknown): v is number => typeof v === 'number';

/** A plan of `kpis`, each with a hand target or a funnel stage. */
function randomPlan(
  lang: 'en' | 'ja',
  kpis: Kpi[],
  kgi: number,
  rates: number[],
  thresholds = { warn: 0.8, ok: 1 },
): Plan {
  const p = basicPlan(lang);
  p.thresholds = thresholds;
  p.kgi = { ...p.kgi, target: kgi, unitValue: 1000 };
  p.funnel = { stages: rates.concat(1).map((_, i) => ({ name: `Stage ${i + 1}` })), rates };
  p.ksfs = [];
  for (let i = 0; i < kpis.length; i += 7) p.ksfs.push({ name: `KSF ${i / 7 + 1}`, kpis: kpis.slice(i, i + 7) });
  return p;
}

describe('Progress in native formulas equals src/core on the same plan and actuals', () => {
  test('random plans (1–60 KPIs, lower-is-better and average KPIs, missing months, values up to 1e12)', () => {
    const rates = [0.5, 0.25];
    fc.assert(
      fc.property(
        fc.constantFrom('en' as const, 'ja' as const),
        fc.integer({ min: 1_000_000, max: 1e12 }),
        fc
          .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }))
          .map(([x, y]) => ({ warn: Math.min(x, y) / 100, ok: Math.max(x, y) / 100 })),
        fc.array(kpiArb(rates.length + 1), { minLength: 1, maxLength: 60, size: 'max' }).chain((kpis) =>
          fc.tuple(
            fc.constant(kpis),
            fc.array(fc.array(actualArb(), { minLength: 12, maxLength: 12 }), {
              minLength: kpis.length,
              maxLength: kpis.length,
            }),
          ),
        ),
        (lang, kgi, thresholds, [kpis, actuals]) => {
          const addon = loadAddon({ locale: lang === 'ja' ? 'ja_JP' : 'en_US' });
          const plan = randomPlan(lang, kpis, kgi, rates, thresholds);
          addon.run('buildWorkbook', plan);
          named(addon, 'ACTUALS').setValues(actuals);
          const targets = named(addon, 'MONTHLY_TARGETS').getValues() as Value[][];

          // The report's targets, computed from Plan's inputs, are the sheet's KPI_MONTHLY output.
          const planSheet = named(addon, 'MONTHLY_TARGETS').getSheet();
          const firstKpi = named(addon, 'MONTHLY_TARGETS').getRow();
          const box = planSheet.getRange(1, 1, firstKpi + kpis.length - 1, tables().plan.width);
          const computed = planTargets({
            values: box.getValues(),
            formulas: box.getFormulas(),
            firstKpi,
            kpis: kpis.length,
            rates: named(addon, 'FUNNEL_RATES')
              .getValues()
              .map((r) => r[0]),
            lang,
          });
          expect(computed.targets).toEqual(targets);

          const t = tables().progress;
          const sheet = named(addon, 'PROGRESS').getSheet();
          const rows = sheet
            .getRange(PROGRESS_LAYOUT.firstKpi, 1, kpis.length, t.width)
            .getValues()
            .map((r) => t.read(r));
          const monthCells = sheet.getRange(PROGRESS_LAYOUT.firstKpi, t.index('month'), kpis.length, 12).getValues();
          const reported = Math.max(
            0,
            ...actuals.map((row) => Math.max(0, ...row.map((v, j) => (v === '' ? 0 : j + 1)))),
          );
          const left = 12 - reported;
          kpis.forEach((kpi, i) => {
            const lower = kpi.direction === 'lower';
            const avg = kpi.aggregate === 'average';
            const a = actuals[i] as Value[];
            const tg = targets[i];
            expect(monthCells[i]).toEqual(a.map((x, j) => progress(x, tg[j], lower)));
            const filled = a.filter(isNumber);
            const count = filled.length;
            const sumOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
            const targetSum = sumOf(a.flatMap((x, j) => (x === '' ? [] : [tg[j] as number])));
            const ytdTarget = count ? (avg ? targetSum / count : targetSum) : '';
            const ytdActual = count ? (avg ? sumOf(filled) / count : sumOf(filled)) : '';
            const ytd = progress(ytdActual, ytdTarget, lower);
            const annual = rows[i].annualTarget as Value;
            const expected = {
              ytdTarget,
              ytdActual,
              ytdProgress: ytd,
              forecast: forecast(a, avg ? 1 : 12),
              remaining:
                left === 0 || annual === ''
                  ? ''
                  : remaining(avg ? annual * (count + left) : annual, sumOf(filled), left),
              status: status(ytd, plan.thresholds!.warn, plan.thresholds!.ok, lang),
            };
            const got = Object.fromEntries(Object.keys(expected).map((k) => [k, rows[i][k]]));
            expect(got).toEqual(expected);
          });
        },
      ),
      { numRuns: 10 },
    );
  }, 300_000);
});

describe('pace: this month so far against its target pro-rated to today', () => {
  afterEach(() => jest.useRealTimers());

  test('15 May: May actual ÷ (May target × 15/31); blank before May has an actual; the level of an average KPI is not pro-rated', () => {
    jest.useFakeTimers({
      now: new Date(2026, 4, 15, 12),
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval'],
    });
    const addon = loadAddon();
    addon.run('buildWorkbook', basicPlan('en'));
    const t = tables().progress;
    const pace = (i: number) =>
      named(addon, 'PROGRESS')
        .getSheet()
        .getRange(PROGRESS_LAYOUT.firstKpi + i, t.index('pace'))
        .getValue();
    const targets = named(addon, 'MONTHLY_TARGETS').getValues() as number[][];
    expect(pace(0)).toBe('');
    // Leads: April done, May under way.
    addon.type(`'Actuals'!E4`, 30);
    expect(pace(0)).toBe('');
    addon.type(`'Actuals'!I4`, 10);
    expect(pace(0)).toBeCloseTo(10 / ((targets[0][4] * 15) / 31), 12);
    // Cost per lead (lower is better, an average): 6,000 against a level of 8,000 → 2 − 0.75.
    addon.type(`'Actuals'!I5`, 6000);
    expect(pace(1)).toBeCloseTo(1.25, 12);
    // Outside the fiscal year there is no current month: blank.
    jest.setSystemTime(new Date(2027, 1, 1, 12));
    addon.type(`'Actuals'!I4`, 11);
    expect(pace(0)).toBe('');
  });
});

describe('typing an actual runs no custom function', () => {
  test("zero KPI_* evaluations while actuals are typed (counted on the add-on's functions)", () => {
    const addon = loadAddon();
    addon.run('buildWorkbook', basicPlan('en'));
    const calls: string[] = [];
    const g = addon.global as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const name of Object.keys(g).filter((n) => /^KPI_[A-Z]+$/.test(n))) {
      const fn = g[name];
      g[name] = (...args: unknown[]) => {
        calls.push(name);
        return fn(...args);
      };
    }
    addon.type(`'Actuals'!E4`, 21);
    addon.type(`'Actuals'!F4`, 17);
    addon.type(`'Actuals'!E5`, 6000);
    addon.type(`'Actuals'!G7`, 3);
    expect(named(addon, 'PROGRESS').getValues()[0][0]).toBe(1);
    expect(calls).toEqual([]);
    // The counter counts: editing the KGI re-runs the funnel and the monthly split (Plan only).
    addon.type(`'Plan'!B${kgiRow('typedTarget')}`, 20_000_000);
    expect(calls.length).toBeGreaterThan(0);
    expect(new Set(calls)).toEqual(new Set(['KPI_FUNNEL', 'KPI_MONTHLY']));
    expect(named(addon, 'PROGRESS').getValues()[0][0]).toBe(0.5);
  });

  test('no Progress, Actuals or KPI Tree cell calls KPI_*; no KPI_* formula has a volatile argument', () => {
    const addon = loadAddon();
    addon.run('buildWorkbook', basicPlan('en'));
    const formulas = addon.spreadsheet
      .getSheets()
      .map((s) => ({ name: s.getName(), f: s.getDataRange().getFormulas().flat().filter(Boolean) }));
    for (const { name, f } of formulas) {
      const custom = f.filter((x) => /\bKPI_[A-Z]+\(/.test(x));
      // KPI_FUNNEL, the KPIs' KPI_MONTHLY and the KGI's.
      expect(custom.length).toBe(name === 'Plan' ? 3 : 0);
      for (const x of custom) expect(x).not.toMatch(/\b(TODAY|NOW|RAND|RANDBETWEEN|RANDARRAY)\(/);
      // Nothing the harness would refuse in real Sheets.
      for (const x of f) expect(x).not.toMatch(/\b(LAMBDA|LET|MAP|INDIRECT)\(/);
    }
    // The monthly targets do not depend on ACTUALS: KPI_MONTHLY reads only Plan.
    const monthly = formulas.find((s) => s.name === 'Plan')!.f.find((x) => x.includes('KPI_MONTHLY'))!;
    expect(monthly).not.toMatch(/ACTUALS|Actuals/);
  });
});

describe('the report reads inputs, never KPI_* output', () => {
  test('with the monthly targets showing "Loading…" (a pending recalculation), the report is unchanged', () => {
    const make = (pending: boolean) => {
      const addon = loadAddon();
      // The same ids in both builds (a built plan's ids are random otherwise).
      const plan = basicPlan('en');
      plan.id = 'plan1';
      plan.ksfs.forEach((ksf, i) => {
        ksf.id = `ksf${i}`;
        ksf.kpis.forEach((kpi, j) => (kpi.id = `kpi${i}${j}`));
      });
      addon.run('buildWorkbook', plan);
      addon.type(`'Actuals'!E4`, 21);
      addon.type(`'Actuals'!F4`, 17);
      addon.type(`'Actuals'!E7`, 2);
      if (pending) {
        // What Sheets hands back while KPI_MONTHLY / KPI_FUNNEL are still computing.
        named(addon, 'MONTHLY_TARGETS').setValues(Array.from({ length: 4 }, () => new Array(12).fill('Loading…')));
        named(addon, 'FUNNEL_TARGETS').setValues([['Loading…'], ['Loading…'], ['Loading…']]);
      }
      addon.run('createMonthlyReport', '2026-02');
      const sheet = addon.spreadsheet.getSheetByName('Report 2026-02')!;
      const v = sheet.getDataRange().getValues();
      return v.filter((row) => !String(row[0]).startsWith('Made') && row[0] !== 'Made');
    };
    const normal = make(false);
    expect(normal.flat()).toContain('Leads');
    expect(make(true)).toEqual(normal);
  });
});

describe('the KGI target the report uses', () => {
  test('last year × (1 + growth), rounded as the Plan formula, when the target is not typed', () => {
    const addon = loadAddon();
    const plan = basicPlan('en');
    plan.kgi = { ...plan.kgi, target: undefined, baseline: 8_000_000, growthRate: 0.25 };
    addon.run('buildWorkbook', plan);
    const firstKpi = named(addon, 'MONTHLY_TARGETS').getRow();
    const sheet = named(addon, 'MONTHLY_TARGETS').getSheet();
    expect(sheet.getRange(kgiRow('kgiTarget'), 2).getValue()).toBe(10_000_000);
    const box = sheet.getRange(1, 1, firstKpi + 3, tables().plan.width);
    const { targets } = planTargets({
      values: box.getValues(),
      formulas: box.getFormulas(),
      firstKpi,
      kpis: 4,
      rates: [0.4, 0.2],
      lang: 'en',
    });
    expect(targets).toEqual(named(addon, 'MONTHLY_TARGETS').getValues());
  });
});

describe('the report says what Progress says', () => {
  test('for the latest reported month: month and YTD achievement and status equal Progress', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 11 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 12, maxLength: 12 }), {
          minLength: 4,
          maxLength: 4,
        }),
        (m, typed) => {
          const addon = loadAddon();
          addon.run('buildWorkbook', basicPlan('en'));
          // Every KPI reported up to month m, nothing after.
          named(addon, 'ACTUALS').setValues(typed.map((row) => row.map((v, j) => (j <= m ? v : ''))));
          const month = `2026-${String(m + 1).padStart(2, '0')}`;
          addon.run('createMonthlyReport', month);
          const report = addon.spreadsheet.getSheetByName(`Report ${month}`)!;
          const rt = reportTable();
          const lines = report
            .getRange(REPORT.first, 1, 4, rt.width)
            .getValues()
            .map((r) => rt.read(r));
          const t = tables().progress;
          const progressRows = named(addon, 'PROGRESS')
            .getSheet()
            .getRange(PROGRESS_LAYOUT.firstKpi, 1, 4, t.width)
            .getValues();
          const names = named(addon, 'KPI_NAMES')
            .getValues()
            .map((r) => r[0]);
          names.forEach((name, i) => {
            const line = lines.find((l) => l.kpi === name)!;
            const row = t.read(progressRows[i]);
            const blank = (v: unknown) => (v === '' ? '' : v);
            expect([line.achievement, line.ytdProgress, line.status]).toEqual([
              blank(progressRows[i][t.offset('month', m)]),
              row.ytdProgress,
              row.status || 'No data',
            ]);
          });
        },
      ),
      { numRuns: 8 },
    );
  }, 120_000);
});
