import fc from 'fast-check';
import { decimalUnits } from '../../src/core/num';
import {
  kgiMonthlyDecimals,
  kgiMonthlyTargets,
  type MonthlySeries,
  periodMonthIndexes,
  periodProgress,
  periodTotals,
  quarterToDate,
  totalOver,
  yearToDate,
} from '../../src/core/periods';
import type { Plan } from '../../src/core/plan';
import { reportRows } from '../../src/core/report';
import { kgiTarget } from '../../src/core/validate';

const B = '' as const;
const kgi = (k: Plan['kgi'], seasonality?: number[]) => ({ kgi: k, seasonality });
/** Σ of the parts in whole units of 10^-d (exact, whatever the doubles). */
/** Equal up to a relative 1e-9 (different but equally valid orders of the same arithmetic). */
const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
const unitSum = (parts: number[], d: number) => parts.reduce((s, p) => s + decimalUnits(p, d), 0n);

describe('kgiMonthlyTargets', () => {
  test('the KGI target split flat: 1,200 → 100 a month; 100 → 9,9,9,9,8 × 8 (as KPI_MONTHLY)', () => {
    expect(kgiMonthlyTargets(kgi({ name: 'Revenue', unit: 'count', target: 1200 }))).toEqual(new Array(12).fill(100));
    const wins = kgiMonthlyTargets(kgi({ name: 'Wins', unit: 'count', target: 100 }));
    expect(wins).toEqual([9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]);
  });

  test('by the seasonality: weights 2,1,…,1 (13 in all) put 2/13 of ¥13,000,000 in the first month', () => {
    const season = [2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const revenue: Plan['kgi'] = {
      name: 'Revenue',
      unit: 'currency',
      currency: 'JPY',
      target: 13_000_000,
      unitValue: 1,
    };
    const out = kgiMonthlyTargets(kgi(revenue, season));
    expect(out).toEqual([2_000_000, ...new Array(11).fill(1_000_000)]);
  });

  test('baseline × (1 + growth) as validation computes it: ¥100M × 1.1 = ¥110M, 8 months get a yen more', () => {
    const grown: Plan['kgi'] = {
      name: 'Revenue',
      unit: 'currency',
      baseline: 100_000_000,
      growthRate: 0.1,
      unitValue: 1,
    };
    const out = kgiMonthlyTargets(kgi(grown));
    expect(out).toEqual([...new Array(8).fill(9_166_667), ...new Array(4).fill(9_166_666)]);
    expect(out.reduce((a, b) => a + b, 0)).toBe(110_000_000);
  });

  test('a KGI with decimals is split to its own decimals: 12,345 × 1.07 = 13,209.15 (not 13,209.150000000001)', () => {
    const grown: Plan['kgi'] = {
      name: 'Revenue',
      unit: 'currency',
      currency: 'USD',
      baseline: 12_345,
      growthRate: 0.07,
      unitValue: 1,
    };
    const out = kgiMonthlyTargets(kgi(grown));
    // 1,320,915 cents ÷ 12 = 110,076 rest 3: the first three months get a cent more.
    expect(out).toEqual([1100.77, 1100.77, 1100.77, ...new Array(9).fill(1100.76)]);
    expect(unitSum(out, 2)).toBe(1_320_915n);
  });

  test("kgiMonthlyDecimals: the KGI's own decimals, at most 10, fewer past 10^15 units", () => {
    expect(kgiMonthlyDecimals(1_000_000)).toBe(0);
    expect(kgiMonthlyDecimals(0)).toBe(0);
    expect(kgiMonthlyDecimals(13_209.15)).toBe(2);
    expect(kgiMonthlyDecimals(1e15)).toBe(0);
    expect(kgiMonthlyDecimals(0.1 + 0.2)).toBe(10); // 0.30000000000000004: 17 decimals, capped
    expect(kgiMonthlyDecimals(123_456_789.12345678)).toBe(6); // 8 decimals would be 1.2e16 units
    expect(() => kgiMonthlyDecimals(NaN)).toThrow('kgiMonthlyDecimals: KGI NaN is not a number');
  });

  test('a plan without a KGI target is an error', () => {
    expect(() => kgiMonthlyTargets(kgi({ name: 'Revenue', unit: 'count' }))).toThrow('plan.kgi.target');
  });

  test('property: 12 parts ≥ 0 adding up exactly to the KGI, magnitudes 1 to 1e15, any seasonality', () => {
    const digits = fc.bigInt({ min: 1n, max: 999_999_999_999_999n });
    const weight = fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 1e6, noNaN: true }));
    const weights = fc.array(weight, { minLength: 12, maxLength: 12 }).filter((w) => w.some((x) => x > 0));
    // Up to 15 significant digits and 10 decimals (what a plan's KGI can be).
    const target = fc
      .tuple(digits, fc.integer({ min: -10, max: 15 }))
      .map(([d, e]) => Number(`${d}e${e}`))
      .filter((t) => t >= 1 && t <= 1e15);
    fc.assert(
      fc.property(target, fc.option(weights, { nil: undefined }), (t, season) => {
        const out = kgiMonthlyTargets(kgi({ name: 'K', unit: 'count', target: t }, season));
        const d = kgiMonthlyDecimals(t);
        expect(out).toHaveLength(12);
        expect(out.every((p) => p >= 0 && Number.isFinite(p))).toBe(true);
        // Split to its own decimals, so the sum is the KGI itself.
        expect(unitSum(out, d)).toBe(decimalUnits(t, d));
        expect(Number(`${decimalUnits(t, d)}e-${d}`)).toBe(t);
        if (d === 0) expect(out.reduce((a, b) => a + b, 0)).toBe(t);
      }),
      { numRuns: 400 },
    );
  });

  test('property: a KGI from baseline × (1 + growth) adds up exactly to kgiTarget', () => {
    const baseline = fc.integer({ min: 1, max: 1e12 });
    const growth = fc.integer({ min: -9999, max: 50000 }).map((k) => k / 10000); // −99.99% to +500%, 4 decimals
    fc.assert(
      fc.property(baseline, growth, (b, g) => {
        const plan = kgi({ name: 'K', unit: 'count', baseline: b, growthRate: g });
        const t = kgiTarget(plan as Plan);
        fc.pre(t <= 1e15);
        const d = kgiMonthlyDecimals(t);
        expect(unitSum(kgiMonthlyTargets(plan), d)).toBe(decimalUnits(t, d));
        // baseline × (1 + g) exactly (b × (10,000 + 10,000 g) units of 10^-4) when a double holds it (15 digits).
        const exact = BigInt(b) * BigInt(Math.round(10000 + g * 10000));
        if (exact <= 10n ** 15n) expect(decimalUnits(t, 4)).toBe(exact);
      }),
      { numRuns: 300 },
    );
  });
});

// Targets 100 a month in Q1, 200 in Q2, 100 in Q3, 0 in Q4; some months without an actual.
const targets = [100, 100, 100, 200, 200, 200, 100, 100, 100, 0, 0, 0];
const actuals = [80, 120, B, 150, B, 230, B, B, B, 5, B, B];
const sumKpi: MonthlySeries = { targets, actuals };

describe('periodProgress', () => {
  test('quarters: Σ actual ÷ Σ target over the months with an actual; "" with none, or a target of 0', () => {
    // Q1 (80 + 120) ÷ (100 + 100); Q2 (150 + 230) ÷ (200 + 200), May not counted; Q3 nothing; Q4 5 ÷ 0.
    expect(periodProgress(sumKpi, 'quarter')).toEqual([1, 0.95, B, B]);
  });

  test('halves: H1 580 ÷ 600, H2 only a month with a target of 0 → ""', () => {
    const [h1, h2] = periodProgress(sumKpi, 'half');
    expect(h1).toBeCloseTo(580 / 600, 15);
    expect(h2).toBe(B);
    expect(periodProgress(sumKpi, 'half')).toHaveLength(2);
  });

  test('lower is better: 2 − ratio, never below 0', () => {
    const lower: MonthlySeries = { ...sumKpi, direction: 'lower' };
    const q = periodProgress(lower, 'quarter');
    expect(q[0]).toBe(1);
    expect(q[1]).toBeCloseTo(1.05, 15);
    expect(q.slice(2)).toEqual([B, B]);
    expect(periodProgress(lower, 'half')[0]).toBeCloseTo(2 - 580 / 600, 15);
    const over: MonthlySeries = {
      targets: new Array(12).fill(100),
      actuals: [300, 250, ...new Array(10).fill(B)],
      direction: 'lower',
    };
    expect(periodProgress(over, 'quarter')).toEqual([0, B, B, B]); // 2 − 550 / 200 < 0 → 0
  });

  test('average KPIs: mean actual ÷ mean target of the months with an actual', () => {
    // A conversion-rate KPI: 5% a month in H1, 4% in H2.
    const rate: MonthlySeries = {
      aggregate: 'average',
      targets: [...new Array(6).fill(0.05), ...new Array(6).fill(0.04)],
      actuals: [0.04, 0.06, 0.08, B, B, B, 0.02, B, B, B, B, 0.05],
    };
    const q = periodTotals(rate, 'quarter');
    expect(q[0].target).toBeCloseTo(0.05, 15);
    expect(q[0].actual).toBeCloseTo(0.06, 15); // (4% + 6% + 8%) / 3
    expect(q[0].achievement).toBeCloseTo(1.2, 12);
    expect(q[1]).toEqual({ months: [], target: B, actual: B, achievement: B });
    expect(q[2].achievement).toBeCloseTo(0.5, 12); // 2% of 4%
    expect(q[3].achievement).toBeCloseTo(1.25, 12); // 5% of 4%
    const h = periodTotals(rate, 'half');
    expect(h[1].months).toEqual([6, 11]);
    expect(h[1].actual).toBeCloseTo(0.035, 15);
    expect(h[1].achievement).toBeCloseTo(0.875, 12);
    // The same months in both: mean ÷ mean is the sum ratio.
    expect(periodProgress(rate, 'quarter')).toEqual(periodProgress({ ...rate, aggregate: 'sum' }, 'quarter'));
  });

  test("a sum KPI's period totals: the counted months, Σ target, Σ actual", () => {
    expect(periodTotals(sumKpi, 'quarter')[1]).toEqual({ months: [3, 5], target: 400, actual: 380, achievement: 0.95 });
    expect(periodTotals(sumKpi, 'year')[0]).toMatchObject({ months: [0, 1, 3, 5, 9], target: 600, actual: 585 });
  });

  test('non-numbers are "not reported" actuals and 0 targets; an actual of 0 counts', () => {
    const odd = {
      targets: ['', 100, 100, ...new Array(9).fill(100)],
      actuals: [50, null, 'n/a', 0, ...new Array(8).fill(B)],
    } as unknown as MonthlySeries;
    expect(periodTotals(odd, 'quarter')[0]).toEqual({ months: [0], target: 0, actual: 50, achievement: B });
    expect(periodTotals(odd, 'quarter')[1]).toEqual({ months: [3], target: 100, actual: 0, achievement: 0 });
  });

  test('bad input: errors naming the function and the value', () => {
    const fails = (s: MonthlySeries, period: string) => () => periodProgress(s, period as 'half');
    expect(fails({ targets: [1, 2], actuals }, 'quarter')).toThrow(
      'periodTotals: targets must be 12 monthly values (fiscal month order), got 2 values',
    );
    expect(fails({ targets, actuals: 5 as never }, 'half')).toThrow(
      'periodTotals: actuals must be 12 monthly values (fiscal month order), got 5',
    );
    expect(fails(sumKpi, 'month')).toThrow('periodTotals: period "month" is not "quarter", "half" or "year"');
    expect(fails({ ...sumKpi, aggregate: 'mean' as never }, 'half')).toThrow(
      'periodTotals: aggregate "mean" is not "sum" or "average"',
    );
    expect(fails({ ...sumKpi, direction: 'down' as never }, 'half')).toThrow(
      'periodTotals: direction "down" is not "higher" or "lower"',
    );
    const huge = { targets: new Array(12).fill(1e-300), actuals: new Array(12).fill(1e300) };
    expect(fails(huge, 'year')).toThrow(
      /^periodTotals: achievement 1\.2\d*e\+301 ÷ 1\.2e-299 is too large to compute \(overflow\)$/,
    );
  });
});

describe('quarter to date and year to date', () => {
  test("the months of the month's quarter up to it, and months 0 to it, that have an actual", () => {
    // Month 4 (fiscal month 5): its quarter is months 3–5; 3 has an actual, 4 does not.
    expect(quarterToDate(sumKpi, 4)).toEqual({ months: [3], target: 200, actual: 150, achievement: 0.75 });
    expect(quarterToDate(sumKpi, 5)).toEqual({ months: [3, 5], target: 400, actual: 380, achievement: 0.95 });
    expect(quarterToDate(sumKpi, 6)).toEqual({ months: [], target: B, actual: B, achievement: B });
    expect(quarterToDate(sumKpi, 0)).toEqual({ months: [0], target: 100, actual: 80, achievement: 0.8 });
    expect(yearToDate(sumKpi, 4)).toEqual({ months: [0, 1, 3], target: 400, actual: 350, achievement: 0.875 });
    expect(yearToDate({ ...sumKpi, direction: 'lower' }, 4).achievement).toBe(1.125);
  });

  test('a month index outside 0–11 is an error', () => {
    expect(() => quarterToDate(sumKpi, 12)).toThrow('quarterToDate: monthIndex 12 is not 0–11');
    expect(() => yearToDate(sumKpi, 1.5)).toThrow('yearToDate: monthIndex 1.5 is not 0–11');
    expect(() => totalOver(sumKpi, [-1])).toThrow('totalOver: monthIndex -1 is not 0–11');
  });

  test('periodMonthIndexes: fiscal quarters and halves', () => {
    expect(periodMonthIndexes('quarter', 1)).toEqual([3, 4, 5]);
    expect(periodMonthIndexes('half', 1)).toEqual([6, 7, 8, 9, 10, 11]);
    expect(() => periodMonthIndexes('quarter', 4)).toThrow('quarter 4 is not 0–3');
  });
});

// ---------------------------------------------------------------- properties
// Targets and actuals as a workbook holds them: 0 to 1e15, 0–10 decimals.
const withDecimals = (max: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max, noNaN: true }))
    .map(([d, x]) => Number(x.toFixed(d)));
const amount = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }),
  fc.integer({ min: 0, max: 1e15 }),
  withDecimals(1),
  withDecimals(1e6),
  withDecimals(1e15),
);
const months = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: 12, maxLength: 12 });
const maybe = (arb: fc.Arbitrary<number>) => fc.oneof(arb, fc.constant(B));
const series = fc.record({
  targets: months(amount),
  actuals: months(maybe(amount)),
  aggregate: fc.constantFrom('sum' as const, 'average' as const),
  direction: fc.constantFrom('higher' as const, 'lower' as const),
});

describe('properties', () => {
  test('every result is "" or a finite number ≥ 0; "" exactly when no month counts or targets add up to 0', () => {
    fc.assert(
      fc.property(series, (s) => {
        for (const period of ['quarter', 'half', 'year'] as const) {
          const totals = periodTotals(s, period);
          expect(totals).toHaveLength({ quarter: 4, half: 2, year: 1 }[period]);
          totals.forEach((p, k) => {
            const counted = periodMonthIndexes(period, k).filter((m) => s.actuals[m] !== '');
            expect(p.months).toEqual(counted);
            const targetSum = counted.reduce((a, m) => a + s.targets[m], 0);
            expect(p.achievement === '').toBe(!counted.length || targetSum === 0);
            if (p.achievement !== '') expect(Number.isFinite(p.achievement) && p.achievement >= 0).toBe(true);
            if (s.direction === 'lower' && p.achievement !== '') expect(p.achievement).toBeLessThanOrEqual(2);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  test('all months filled: the quarters add up to the halves and the year (whole numbers: exactly)', () => {
    const count = fc.integer({ min: 0, max: 1e12 });
    const whole = fc.record({ targets: months(count), actuals: months(count) });
    fc.assert(
      fc.property(whole, (s) => {
        const q = periodTotals(s, 'quarter');
        const h = periodTotals(s, 'half');
        const [y] = periodTotals(s, 'year');
        const total = (ps: typeof q, key: 'target' | 'actual') => ps.reduce((a, p) => a + (p[key] as number), 0);
        for (const key of ['target', 'actual'] as const) {
          expect(total(q.slice(0, 2), key)).toBe(h[0][key]);
          expect(total(q.slice(2), key)).toBe(h[1][key]);
          expect(total(q, key)).toBe(y[key]);
        }
        // The year's achievement is the quarters' weighted by their targets.
        if (y.achievement !== '') {
          const part = (p: (typeof q)[number]) => (p.achievement === '' ? 0 : p.achievement * (p.target as number));
          const weighted = q.reduce((a, p) => a + part(p), 0) / (y.target as number);
          near(weighted, y.achievement);
        }
        // Average KPIs: the year's mean is the mean of the quarters' means.
        const avgQ = periodTotals({ ...s, aggregate: 'average' }, 'quarter');
        const [avgY] = periodTotals({ ...s, aggregate: 'average' }, 'year');
        near(avgQ.reduce((a, p) => a + (p.actual as number), 0) / 4, avgY.actual as number);
      }),
      { numRuns: 300 },
    );
  });

  test('year to date agrees with the report (reportRows) for sum and average, higher and lower KPIs', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 0, max: 11 }), (s, m) => {
        const plan = { ksfs: [{ name: 'KSF', kpis: [{ name: 'K', direction: s.direction, aggregate: s.aggregate }] }] };
        const [row] = reportRows({ plan, monthIndex: m, targets: [s.targets], actuals: [s.actuals] });
        const ytd = yearToDate(s, m);
        // The report rounds its totals to 12 significant digits: equal up to that.
        const same = (a: number | '', b: number | '') => (a === '' || b === '' ? expect(a).toBe(b) : near(a, b));
        same(row.ytdAchievement, ytd.achievement);
        same(row.ytdTarget, ytd.target);
        same(row.ytdActual, ytd.actual);
      }),
      { numRuns: 300 },
    );
  });
});
