import fc from 'fast-check';
import {
  type FunnelActualInput,
  type FunnelStepActual,
  funnelActualRates,
  stageActuals,
  stageKpiRows,
  weakestStep,
} from '../../src/core/funnel-actual';

const B = '' as const;
/** 12 months: the given ones first, the rest not reported. */
const months = (...values: (number | '')[]) => [...values, ...new Array<''>(12 - values.length).fill(B)];

const plan = {
  funnel: { stages: [{ name: 'Leads' }, { name: 'Opportunities' }, { name: 'Won' }] },
  ksfs: [
    { name: 'Pipeline', kpis: [{ name: 'Opportunities', stage: 1 }, { name: 'Calls' }] },
    {
      name: 'Marketing',
      kpis: [
        { name: 'Leads', stage: 0 },
        { name: 'Opportunities (partner)', stage: 1 },
      ],
    },
  ],
};

describe('stage links', () => {
  test('each stage → the first KPI in plan order linked to it (row of ACTUALS), -1 when none', () => {
    expect(stageKpiRows(plan)).toEqual([2, 0, -1]);
  });
  test('stageActuals picks those rows of an ACTUALS block, null for an unlinked stage', () => {
    const block = [months(5), months(), months(100), months(7)];
    expect(stageActuals(plan, block)).toEqual([months(100), months(5), null]);
    expect(() => stageActuals(plan, block.slice(0, 2))).toThrow(
      'stageActuals: actuals has no row 3 (one row per KPI, plan order)',
    );
  });
});

const stages = ['Leads', 'Opportunities', 'Won'];
// Leads missing in month 3, opportunities in month 4, wins in month 2 and 4.
const input: FunnelActualInput = {
  stages,
  planned: [0.1, 0.5],
  actuals: [months(1000, 1000, B, 500), months(50, 60, 40, B), months(20, B, 20, B)],
};

describe('funnelActualRates', () => {
  test('Σ lower ÷ Σ upper over the months where both stages have an actual; gap and below-plan flag', () => {
    const [s0, s1] = funnelActualRates(input);
    // Leads → Opportunities: months 1 and 2 only: 110 ÷ 2,000.
    expect(s0).toMatchObject({ step: 0, from: 'Leads', to: 'Opportunities', planned: 0.1, below: true });
    expect(s0).toMatchObject({ months: [0, 1], upstream: 2000, downstream: 110 });
    expect(s0.actual).toBeCloseTo(0.055, 15);
    expect(s0.gap).toBeCloseTo(-0.045, 15);
    // Opportunities → Won: months 1 and 3: 40 ÷ 90.
    expect(s1).toMatchObject({ step: 1, from: 'Opportunities', to: 'Won', planned: 0.5, below: true });
    expect(s1).toMatchObject({ months: [0, 2], upstream: 90, downstream: 40 });
    expect(s1.actual).toBeCloseTo(4 / 9, 15);
    expect(s1.gap).toBeCloseTo(4 / 9 - 0.5, 15);
  });

  test('through a month: only the months up to it', () => {
    const [s0, s1] = funnelActualRates({ ...input, throughMonth: 0 });
    expect([s0.actual, s1.actual]).toEqual([0.05, 0.4]);
  });

  test('"" where a stage has no linked KPI, no month has both actuals, or the upstream is 0', () => {
    const none = { months: [], upstream: B, downstream: B, actual: B, gap: B, below: false };
    expect(funnelActualRates({ ...input, actuals: [input.actuals[0], null, input.actuals[2]] })).toEqual([
      { step: 0, from: 'Leads', to: 'Opportunities', planned: 0.1, ...none },
      { step: 1, from: 'Opportunities', to: 'Won', planned: 0.5, ...none },
    ]);
    const apart = funnelActualRates({ ...input, actuals: [months(100), months(B, 10), months(B, 5)] });
    expect(apart[0]).toMatchObject(none);
    expect(apart[1]).toMatchObject({ actual: 0.5, below: false, gap: 0 });
    const zero = funnelActualRates({ ...input, actuals: [months(0, 0), months(0, 3), months(0, 1)] });
    expect(zero[0]).toMatchObject({ months: [0, 1], upstream: 0, downstream: 3, actual: B, gap: B, below: false });
    expect(zero[1].actual).toBeCloseTo(1 / 3, 15);
  });

  test('at or above plan is not below; a rate above 1 (more wins than opportunities counted) reads as it is', () => {
    const out = funnelActualRates({ stages, planned: [0.1, 0.5], actuals: [months(100), months(10), months(12)] });
    expect(out.map((s) => [s.actual, s.below])).toEqual([
      [0.1, false],
      [1.2, false],
    ]);
  });

  test('non-numbers are not reported; stage names from { name } too', () => {
    const odd = [['x', 100, null, ...months()].slice(0, 12), months(1, 10), months(0, 0)] as never;
    const named = [{ name: 'A' }, { name: 'B' }, { name: 'C' }];
    const out = funnelActualRates({ stages: named, planned: [0.5, 0.5], actuals: odd });
    expect(out[0]).toMatchObject({ from: 'A', to: 'B', months: [1], actual: 0.1 });
    expect(out[1]).toMatchObject({ from: 'B', to: 'C', months: [0, 1], actual: 0, below: true });
  });

  test('bad input: errors naming the function, the field and the value', () => {
    const fails = (change: Partial<FunnelActualInput>) => () => funnelActualRates({ ...input, ...change });
    expect(fails({ stages: ['Leads'] })).toThrow(
      'funnelActualRates: stages must list at least 2 stages, got ["Leads"]',
    );
    expect(fails({ planned: [0.1] })).toThrow('funnelActualRates: planned must be 2 rates for 3 stages, got [0.1]');
    expect(fails({ planned: [0.1, 1.5] })).toThrow('funnelActualRates: planned rate 2 1.5 is not in (0, 1]');
    expect(fails({ actuals: input.actuals.slice(1) })).toThrow('funnelActualRates: actuals must be 3 rows');
    expect(fails({ actuals: [[1, 2], null, null] })).toThrow(
      'funnelActualRates: actuals of stage 1 must be 12 monthly values or null, got [1,2]',
    );
    expect(fails({ throughMonth: 12 })).toThrow('funnelActualRates: throughMonth 12 is not 0–11');
  });
});

/** weakestStep of a funnel with these planned rates and one month of actuals per stage (null: no KPI). */
const weakest = (planned: number[], ...volumes: (number | null)[]) => {
  const actuals = volumes.map((v) => (v === null ? null : months(v)));
  const names = volumes.length === 3 ? stages : volumes.map((_, i) => `S${i}`);
  return weakestStep(funnelActualRates({ stages: names, planned, actuals }));
};

describe('weakestStep', () => {
  test("the doc comment's worked example: 2,000 leads, 100 opportunities, 40 wins; plan 10% and 50%", () => {
    const w = weakest([0.1, 0.5], 2000, 100, 40)!;
    // Closing Leads → Opportunities: 2,000 × 0.1 × 0.4 = 80 (+40);
    // closing Opportunities → Won: 2,000 × 0.05 × 0.5 = 50 (+10).
    expect(w).toMatchObject({ step: 0, from: 'Leads', to: 'Opportunities', actual: 0.05, planned: 0.1 });
    expect(w).toMatchObject({ runStart: 0, runEnd: 1, topVolume: 2000 });
    expect(w.gap).toBeCloseTo(-0.05, 15);
    expect(w.projectedWins).toBeCloseTo(40, 12);
    expect(w.winsIfClosed).toBeCloseTo(80, 12);
    expect(w.winsGained).toBeCloseTo(40, 12);
  });

  test('with missing months: the volumes counted per step', () => {
    // 2,000 × 0.055 × 4/9 = 48.9 wins; closing step 0: 2,000 × 0.1 × 4/9 = 88.9 (+40);
    // closing step 1: 2,000 × 0.055 × 0.5 = 55 (+6.1).
    const w = weakestStep(funnelActualRates(input))!;
    expect(w.step).toBe(0);
    expect(w.projectedWins).toBeCloseTo(440 / 9, 10);
    expect(w.winsGained).toBeCloseTo(40, 10);
  });

  test('a stage without a KPI splits the funnel in runs; later steps count at their planned rate, in wins', () => {
    const planned = [0.5, 0.5, 0.5, 0.5];
    // Stage S2 has no KPI. Run [0]: 1,000 × 0.4 × (0.5 × 0.5 planned) × 0.2 actual = 20 → closed 25 (+5).
    // Run [3]: 100 × 0.2 = 20 → 100 × 0.5 = 50 (+30).
    const a = weakest(planned, 1000, 400, null, 100, 20)!;
    expect(a).toMatchObject({ step: 3, from: 'S3', to: 'S4', runStart: 3, runEnd: 3, topVolume: 100 });
    expect(a.winsGained).toBeCloseTo(30, 12);
    // Run [0] now 10,000 × 0.1 × 0.25 × 0.2 = 50 → 10,000 × 0.5 × 0.25 × 0.2 = 250 (+200): beats +30.
    const b = weakest(planned, 10000, 1000, null, 100, 20)!;
    expect(b).toMatchObject({ step: 0, runStart: 0, runEnd: 0, topVolume: 10000 });
    expect(b.projectedWins).toBeCloseTo(50, 12);
    expect(b.winsGained).toBeCloseTo(200, 12);
  });

  test('a step converting nothing: closing it is worth the planned flow; an earlier step then gains nothing', () => {
    // 100 leads, 10 opportunities (10% of plan 20%), 0 wins (0% of plan 50%):
    // closing step 1 gives 100 × 0.1 × 0.5 = 5; closing step 0 gives 100 × 0.2 × 0 = 0.
    const w = weakest([0.2, 0.5], 100, 10, 0)!;
    expect(w).toMatchObject({ step: 1, projectedWins: 0, winsIfClosed: 5, winsGained: 5 });
    // Nothing after the first step has an actual: the tail is the planned rate.
    const v = weakest([0.2, 0.5], 100, 0, 0)!;
    expect(v).toMatchObject({ step: 0, runEnd: 0, projectedWins: 0, winsIfClosed: 10, winsGained: 10 });
  });

  test('equal gains go to the step higher in the funnel', () => {
    // 400 × 0.25 × 0.25 = 25; closing either step: 400 × 0.5 × 0.25 = 50.
    const w = weakest([0.5, 0.5], 400, 100, 25)!;
    expect(w).toMatchObject({ step: 0, winsGained: 25 });
  });

  test('null when no step is below plan, or none has an actual', () => {
    expect(weakest([0.1, 0.5], 100, 10, 6)).toBeNull();
    expect(weakest([0.1, 0.5], null, null, null)).toBeNull();
    expect(weakestStep([])).toBeNull();
  });
});

// ---------------------------------------------------------------- properties
const volume = fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1e15 }));
const row = fc.array(fc.oneof(volume, fc.constant(B)), { minLength: 12, maxLength: 12 });
const rate = fc.double({ min: 1e-4, max: 1, noNaN: true });
const funnel = fc.integer({ min: 2, max: 8 }).chain((n) =>
  fc.record({
    stages: fc.constant(Array.from({ length: n }, (_, i) => `S${i}`)),
    planned: fc.array(rate, { minLength: n - 1, maxLength: n - 1 }),
    actuals: fc.array(fc.option(row, { nil: null }), { minLength: n, maxLength: n }),
    throughMonth: fc.integer({ min: 0, max: 11 }),
  }),
);

describe('properties', () => {
  test('stages − 1 steps; each rate "" or finite ≥ 0, as defined over the months both stages have', () => {
    fc.assert(
      fc.property(funnel, (f) => {
        const steps = funnelActualRates(f);
        expect(steps).toHaveLength(f.stages.length - 1);
        steps.forEach((s: FunnelStepActual, i) => {
          const [up, down] = [f.actuals[i], f.actuals[i + 1]];
          const upTo = [...Array(f.throughMonth + 1).keys()];
          const both = up && down ? upTo.filter((m) => up[m] !== B && down[m] !== B) : [];
          expect(s.months).toEqual(both);
          const upSum = both.reduce((a, m) => a + (up![m] as number), 0);
          expect(s.actual === B).toBe(!both.length || upSum === 0);
          if (s.actual !== B) {
            expect(Number.isFinite(s.actual) && s.actual >= 0).toBe(true);
            expect(s.gap).toBe(s.actual - s.planned);
          } else expect(s.gap).toBe(B);
          expect(s.below).toBe(s.actual !== B && s.actual < s.planned);
        });
        const w = weakestStep(steps);
        expect(w === null).toBe(!steps.some((s) => s.below));
        if (w) {
          expect(steps[w.step].below).toBe(true);
          expect(Number.isFinite(w.winsGained) && w.winsGained >= 0).toBe(true);
          expect(w.winsIfClosed).toBeGreaterThanOrEqual(w.projectedWins);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('every stage filled in the same months: projected wins = wins typed; weakest = largest plan ÷ actual', () => {
    const full = fc.integer({ min: 2, max: 7 }).chain((n) =>
      fc.record({
        // Top of the funnel, then each stage a fraction of the one above (as whole numbers).
        top: fc.integer({ min: 1000, max: 1e9 }),
        shares: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: n - 1, maxLength: n - 1 }),
        planned: fc.array(rate, { minLength: n - 1, maxLength: n - 1 }),
      }),
    );
    fc.assert(
      fc.property(full, ({ top, shares, planned }) => {
        const volumes = [top];
        for (const s of shares) volumes.push(Math.max(1, Math.round(volumes[volumes.length - 1] * s)));
        const names = volumes.map((_, i) => `S${i}`);
        const steps = funnelActualRates({ stages: names, planned, actuals: volumes.map((v) => months(v)) });
        const w = weakestStep(steps);
        const below = steps.filter((s) => s.below);
        if (!w) return expect(below).toHaveLength(0);
        const wins = volumes[volumes.length - 1];
        expect(Math.abs(w.projectedWins - wins)).toBeLessThanOrEqual(1e-9 * wins);
        const ratio = (s: FunnelStepActual) => s.planned / (s.actual as number);
        const most = Math.max(...below.map(ratio));
        expect(ratio(steps[w.step])).toBeGreaterThanOrEqual(most * (1 - 1e-9));
        expect(Math.abs(w.winsGained - wins * (ratio(steps[w.step]) - 1))).toBeLessThanOrEqual(1e-9 * w.winsIfClosed);
      }),
      { numRuns: 500 },
    );
  });
});
