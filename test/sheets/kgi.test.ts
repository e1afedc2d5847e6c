// Issue 15 on the workbook: the KGI month by month (KGI_MONTHLY_TARGETS, KGI_ACTUALS, KGI_PROGRESS),
// quarters and halves (QUARTER_PROGRESS, HALF_PROGRESS), the trend sparklines and the funnel's actual
// rates (FUNNEL_RATES_ACTUAL), all in native formulas, checked against hand-computed values and
// against src/core (periods.ts, funnel-actual.ts) over random plans and actuals.
import fc from 'fast-check';
import { loadAddon } from '../../dev/harness';
import { funnelActualRates, stageActuals } from '../../src/core/funnel-actual';
import { kgiMonthlyTargets, periodProgress, type MonthlySeries } from '../../src/core/periods';
import type { Kpi, Plan } from '../../src/core/plan';
import { progress } from '../../src/core/tracking';
import { PROGRESS_LAYOUT, SPARKLINE_OPTIONS, tables } from '../../src/sheets/workbook';
import { actualArb, basicPlan, kpiArb } from './plans';

type Addon = ReturnType<typeof loadAddon>;
type Value = number | '';

const GREEN = '#b7e1cd';
const YELLOW = '#fce8b2';
const RED = '#f4c7c3';
const WHITE = '#ffffff';
const B = '' as const;

const named = (addon: Addon, name: string) => {
  const r = addon.spreadsheet.getRangeByName(name);
  if (!r) throw new Error(`no named range ${name}`);
  return r;
};
const values = (addon: Addon, name: string) => named(addon, name).getValues() as Value[][];
const at = (addon: Addon, name: string) => {
  const r = named(addon, name);
  return `'${r.getSheet().getName()}'!${r.getA1Notation()}`;
};
/** Types a block into a named range from its top-left cell, as a person would. */
function typeInto(addon: Addon, name: string, rows: (number | string)[][]) {
  const r = named(addon, name).offset(0, 0, rows.length, rows[0].length);
  addon.type(`'${r.getSheet().getName()}'!${r.getA1Notation()}`, rows);
}
/** Equal, or both numbers within 1e-12 (relative): Sheets' sums and the core's may differ in the last bit. */
const close = (got: unknown, want: unknown) =>
  got === want ||
  (typeof got === 'number' && typeof want === 'number' && Math.abs(got - want) <= 1e-12 * Math.max(1, Math.abs(want)));
function expectClose(got: unknown[][], want: unknown[][]) {
  const bad = got.flatMap((row, i) =>
    row.flatMap((v, j) => (close(v, want[i]?.[j]) ? [] : [{ i, j, got: v, want: want[i]?.[j] }])),
  );
  expect(bad).toEqual([]);
  expect(got.map((r) => r.length)).toEqual(want.map((r) => r.length));
}

/** PRODUCT.md's plan with a $12,000,000 KGI: $1,000,000 a month, 24 wins, 120 meetings, 300 leads. */
function twelveMillion(): Plan {
  const p = basicPlan('en');
  p.kgi = { ...p.kgi, target: 12_000_000 };
  return p;
}

describe('the KGI, quarters, halves and the funnel on a hand-computed plan', () => {
  const addon = loadAddon();
  addon.run('buildWorkbook', twelveMillion());
  // KGI: Jan 1.2M, Feb 0.9M, Mar missing, Apr 0.6M.
  typeInto(addon, 'KGI_ACTUALS', [[1_200_000, 900_000, B, 600_000]]);
  // Leads, cost per lead (lower is better, average), meetings, deals won — March's leads and April's meetings missing.
  typeInto(addon, 'ACTUALS', [
    [30, 20, B, 25],
    [6000, 9000, B, B],
    [9, 10, 8, B],
    [2, 1, 3, B],
  ]);

  test('KGI_MONTHLY_TARGETS: the KGI split by the seasonality, adding up to it exactly; the KGI row on Actuals', () => {
    expect(values(addon, 'KGI_MONTHLY_TARGETS')).toEqual([new Array(12).fill(1_000_000)]);
    expect(named(addon, 'KGI_MONTHLY_TARGETS').getSheet().getName()).toBe('Plan');
    expect(named(addon, 'KGI_ACTUALS').getSheet().getName()).toBe('Actuals');
    // The KGI's row on Actuals is labelled with its name, below the KPIs.
    const row = named(addon, 'KGI_ACTUALS').getRow();
    expect(row).toBeGreaterThan(named(addon, 'ACTUALS').getLastRow());
    expect(addon.view(`'Actuals'!A${row}:C${row}`).values).toEqual([['KGI', 'New revenue', 'Amount (USD)']]);
  });

  test('KGI_PROGRESS: month achievement, YTD, forecast and status of the KGI, first on Progress, coloured', () => {
    expect(values(addon, 'KGI_PROGRESS')).toEqual([[1.2, 0.9, B, 0.6, B, B, B, B, B, B, B, B]]);
    expect(addon.view('KGI_PROGRESS').backgrounds[0].slice(0, 4)).toEqual([GREEN, YELLOW, WHITE, RED]);
    const t = tables().progress;
    const sheet = named(addon, 'KGI_PROGRESS').getSheet();
    expect(named(addon, 'KGI_PROGRESS').getRow()).toBe(PROGRESS_LAYOUT.kgi);
    expect(named(addon, 'PROGRESS').getRow()).toBe(PROGRESS_LAYOUT.kgi + 1);
    const kgi = t.read(sheet.getRange(PROGRESS_LAYOUT.kgi, 1, 1, t.width).getValues()[0]);
    expect(kgi).toMatchObject({
      ksf: 'KGI',
      kpi: 'New revenue',
      ytdTarget: 3_000_000,
      ytdActual: 2_700_000,
      ytdProgress: 0.9,
      forecast: 10_800_000,
      annualTarget: 12_000_000,
      status: 'At risk',
    });
    expect(kgi.remaining).toBeCloseTo((12_000_000 - 2_700_000) / 8, 6);
    const status = sheet.getRange(PROGRESS_LAYOUT.kgi, t.index('status'));
    expect(addon.view(`'Progress'!${status.getA1Notation()}`).backgrounds).toEqual([[YELLOW]]);
    // The KPI Tree shows the KGI's year-to-date achievement.
    expect(addon.view(`'KPI Tree'!F4`).displayValues).toEqual([['90%']]);
  });

  test('QUARTER_PROGRESS and HALF_PROGRESS: the KGI first, then the KPIs; missing months not counted', () => {
    const q = values(addon, 'QUARTER_PROGRESS');
    expect(q).toHaveLength(5);
    expect(q[0]).toEqual([2.1 / 2, 0.6, B, B]);
    // Leads: Q1 (30 + 20) ÷ (25 + 25) — March has no actual, its target drops out — Q2 25 ÷ 25.
    expect(q[1]).toEqual([1, 1, B, B]);
    // Cost per lead, lower is better: mean 7,500 of 8,000 → 2 − 0.9375.
    expect(q[2][0]).toBeCloseTo(1.0625, 12);
    expect(q[2].slice(1)).toEqual([B, B, B]);
    // Meetings 27 of 30; deals won 6 of 6.
    expect(q[3][0]).toBeCloseTo(0.9, 12);
    expect(q[4][0]).toBe(1);
    const h = values(addon, 'HALF_PROGRESS');
    expect(h.map((r) => r.length)).toEqual([2, 2, 2, 2, 2]);
    expect(h[0]).toEqual([0.9, B]);
    expect(h[1]).toEqual([1, B]);
    expect(addon.view('QUARTER_PROGRESS').backgrounds[0]).toEqual([GREEN, RED, WHITE, WHITE]);
    expect(addon.view('QUARTER_PROGRESS').backgrounds[3][0]).toBe(YELLOW);
    expect(addon.view('HALF_PROGRESS').backgrounds[0]).toEqual([YELLOW, WHITE]);
    // The headers in the plan's language.
    const header = (name: string) => {
      const r = named(addon, name);
      return r.getSheet().getRange(PROGRESS_LAYOUT.header, r.getColumn(), 1, r.getNumColumns()).getValues()[0];
    };
    expect(header('QUARTER_PROGRESS')).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
    expect(header('HALF_PROGRESS')).toEqual(['H1', 'H2']);
  });

  test('FUNNEL_RATES_ACTUAL: the YTD actual rate where both stages have an actual, the gap, red below plan', () => {
    const rates = values(addon, 'FUNNEL_RATES_ACTUAL');
    // Leads → meetings: January and February only (March has no leads): 19 of 50. Meetings → won: Jan–Mar, 6 of 27.
    expect(rates[0][0]).toBeCloseTo(0.38, 12);
    expect(rates[1][0]).toBeCloseTo(6 / 27, 12);
    const r = named(addon, 'FUNNEL_RATES_ACTUAL');
    const block = `'Plan'!${r.offset(0, 0, 2, 2).getA1Notation()}`;
    const view = addon.view(block);
    expect(view.values[0][1]).toBeCloseTo(0.38 - 0.4, 12);
    expect(view.values[1][1]).toBeCloseTo(6 / 27 - 0.2, 12);
    expect(view.displayValues.map((row) => row[1])).toEqual(['-2.0%', '+2.2%']);
    expect(view.backgrounds).toEqual([
      [RED, RED],
      ['#f1f3f4', '#f1f3f4'],
    ]);
    // The planned rate is right beside it.
    expect(values(addon, 'FUNNEL_RATES')).toEqual([[0.4], [0.2]]);
    expect(named(addon, 'FUNNEL_RATES').getRow()).toBe(r.getRow());
  });

  test('each Progress row (the KGI and every KPI) has a column sparkline of its month achievement', () => {
    const t = tables().progress;
    const sheet = named(addon, 'PROGRESS').getSheet();
    const trend = sheet.getRange(PROGRESS_LAYOUT.kgi, t.index('trend'), 5, 1).getFormulas().flat();
    expect(trend).toEqual(
      [0, 1, 2, 3, 4].map((i) => {
        const row = PROGRESS_LAYOUT.kgi + i;
        return `=SPARKLINE(${t.col('month')}${row}:${t.col('month', 11)}${row}, ${SPARKLINE_OPTIONS})`;
      }),
    );
    expect(
      addon.view(`'Progress'!${sheet.getRange(PROGRESS_LAYOUT.kgi, t.index('trend')).getA1Notation()}`).errors,
    ).toEqual([['']]);
  });

  test('typing a KGI actual runs no custom function; text and negative numbers are refused', () => {
    addon.resetCustomFunctionCalls();
    const cell = named(addon, 'KGI_ACTUALS').getCell(1, 3);
    addon.type(`'Actuals'!${cell.getA1Notation()}`, 1_500_000);
    expect(addon.customFunctionCalls).toBe(0);
    expect(values(addon, 'KGI_PROGRESS')[0][2]).toBe(1.5);
    expect(values(addon, 'QUARTER_PROGRESS')[0][0]).toBeCloseTo(3.6 / 3, 12);
    expect(() => addon.type(`'Actuals'!${cell.getA1Notation()}`, 'lots')).toThrow('Enter a number of 0 or more.');
    expect(() => addon.type(`'Actuals'!${cell.getA1Notation()}`, -1)).toThrow('Enter a number of 0 or more.');
    expect(addon.customFunctionCalls).toBe(0);
  });
});

describe('KGI_MONTHLY_TARGETS is exact', () => {
  test('a KGI with decimals, split by a seasonality: the months add up to it to the cent (as kgiMonthlyTargets)', () => {
    const addon = loadAddon({ locale: 'ja_JP' });
    const plan = basicPlan('ja');
    plan.kgi = { ...plan.kgi, target: 13_209.15, unitValue: 100 };
    plan.seasonality = [1, 2, 3, 1, 1, 1, 1, 1, 1, 1, 1, 7];
    addon.run('buildWorkbook', plan);
    const months = values(addon, 'KGI_MONTHLY_TARGETS')[0] as number[];
    expect(months).toEqual(kgiMonthlyTargets(plan));
    expect(months.reduce((s, x) => s + Math.round(x * 100), 0)).toBe(1_320_915);
    expect(addon.view('KGI_MONTHLY_TARGETS').displayValues[0][11]).toMatch(/^¥[\d,]+\.\d\d$/);
    expect(addon.view('QUARTER_PROGRESS').values[0]).toEqual([B, B, B, B]);
    const header = named(addon, 'QUARTER_PROGRESS');
    expect(header.getSheet().getRange(PROGRESS_LAYOUT.header, header.getColumn(), 1, 6).getValues()[0]).toEqual([
      '第1四半期',
      '第2四半期',
      '第3四半期',
      '第4四半期',
      '上期',
      '下期',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Random plans and actuals against src/core.

const yearArb = fc.array(actualArb(1e9, 4), { minLength: 12, maxLength: 12 });

describe('against src/core over random plans and actuals', () => {
  test('KGI_MONTHLY_TARGETS, KGI_PROGRESS, QUARTER_PROGRESS, HALF_PROGRESS and FUNNEL_RATES_ACTUAL', () => {
    const rates = [0.5, 0.25, 0.8];
    fc.assert(
      fc.property(
        fc.constantFrom('en' as const, 'ja' as const),
        // Whole KGIs and KGIs with cents, from $1,000 to $1e12.
        fc.tuple(fc.integer({ min: 100_000, max: 1e14 }), fc.boolean()).map(([x, cents]) => (cents ? x / 100 : x)),
        fc.option(fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 12, maxLength: 12 }), { nil: undefined }),
        fc
          .array(kpiArb(rates.length + 1, 1e9), { minLength: 1, maxLength: 20 })
          .chain((kpis) =>
            fc.tuple(fc.constant(kpis), fc.array(yearArb, { minLength: kpis.length, maxLength: kpis.length }), yearArb),
          ),
        (lang, kgi, seasonality, [kpis, actuals, kgiActuals]) => {
          const addon = loadAddon({ locale: lang === 'ja' ? 'ja_JP' : 'en_US' });
          const plan = basicPlan(lang);
          plan.kgi = { ...plan.kgi, target: kgi, unitValue: 10 };
          plan.seasonality = seasonality;
          plan.funnel = { stages: rates.concat(1).map((_, i) => ({ name: `Stage ${i + 1}` })), rates };
          plan.ksfs = [];
          for (let i = 0; i < kpis.length; i += 7)
            plan.ksfs.push({ name: `KSF ${i / 7 + 1}`, kpis: kpis.slice(i, i + 7) });
          addon.run('buildWorkbook', plan);
          named(addon, 'ACTUALS').setValues(actuals);
          named(addon, 'KGI_ACTUALS').setValues([kgiActuals]);

          const kgiTargets = kgiMonthlyTargets(plan);
          expect(values(addon, 'KGI_MONTHLY_TARGETS')).toEqual([kgiTargets]);
          expectClose(values(addon, 'KGI_PROGRESS'), [kgiActuals.map((a, j) => progress(a, kgiTargets[j]))]);

          const targets = values(addon, 'MONTHLY_TARGETS');
          const series: MonthlySeries[] = [
            { targets: kgiTargets, actuals: kgiActuals },
            ...kpis.map((kpi, i) => ({
              targets: targets[i],
              actuals: actuals[i],
              aggregate: kpi.aggregate,
              direction: kpi.direction,
            })),
          ];
          expectClose(
            values(addon, 'QUARTER_PROGRESS'),
            series.map((s) => periodProgress(s, 'quarter')),
          );
          expectClose(
            values(addon, 'HALF_PROGRESS'),
            series.map((s) => periodProgress(s, 'half')),
          );

          const steps = funnelActualRates({
            stages: plan.funnel.stages,
            planned: rates,
            actuals: stageActuals(plan, actuals),
          });
          expectClose(
            values(addon, 'FUNNEL_RATES_ACTUAL'),
            steps.map((s) => [s.actual]),
          );
        },
      ),
      { numRuns: 8 },
    );
  }, 300_000);
});

describe('numbers shown with the decimals they have (issue 18)', () => {
  test('Actuals, Progress and the report: 3.5 of a count reads 3.5, whole counts stay whole', () => {
    const addon = loadAddon();
    addon.run('buildWorkbook', basicPlan('en'));
    // Leads (a count): January 3.5, February 21.
    addon.type(`'Actuals'!E4:F4`, [[3.5, 21]]);
    expect(addon.view(`'Actuals'!E4:F4`).displayValues).toEqual([['3.5', '21']]);
    // Entry cells keep the Automatic format, as a plain cell.
    const actuals = addon.spreadsheet.getSheetByName('Actuals')!;
    expect(actuals.getRange('E4').getNumberFormat()).toBe(actuals.getRange('Z900').getNumberFormat());
    const t = tables().progress;
    const ytd = `'Progress'!${t.col('ytdActual')}${PROGRESS_LAYOUT.firstKpi}`;
    expect(addon.view(ytd).displayValues).toEqual([['24.5']]);
    addon.type(`'Actuals'!E4`, 3);
    expect(addon.view(ytd).displayValues).toEqual([['24']]);
    // The KGI's actual too.
    const kgi = named(addon, 'KGI_ACTUALS').getCell(1, 1);
    addon.type(`'Actuals'!${kgi.getA1Notation()}`, 1234.5);
    expect(addon.view(`'Actuals'!${kgi.getA1Notation()}`).displayValues).toEqual([['1234.5']]);

    addon.type(`'Actuals'!E4`, 3.5);
    addon.run('createMonthlyReport', '2026-02');
    const report = addon.spreadsheet.getSheetByName('Report 2026-02')!;
    const rows = report.getRange(11, 1, 4, 16).getValues();
    const leads = rows.findIndex((r) => r[0] === 'Leads');
    const shown = addon.view(`'Report 2026-02'!A${11 + leads}:P${11 + leads}`).displayValues[0];
    expect(shown[4]).toBe('21'); // February's actual: whole
    expect(shown[8]).toBe('24.5'); // year to date: 3.5 + 21
  });
});
