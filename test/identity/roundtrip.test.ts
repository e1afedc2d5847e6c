// getPlan() after buildWorkbook(plan) is the plan again, with ids and defaults — for generated plans
// (names that look like formulas, numbers from 1 to 1e12 with decimals, 1–12 KPIs, money and count
// KGIs, hand targets and funnel stages, lower-is-better and average KPIs), and a plan's own ids kept.
import fc from 'fast-check';
import { loadAddon } from '../../dev/harness';
import type { Kpi, Plan } from '../../src/core/plan';
import { normalizePlan, validatePlan } from '../../src/core/validate';
import { basicPlan } from '../sheets/plans';

const text = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== ''),
  fc.constantFrom('=SUM(A1)', '+1', '0012', '__proto__', 'リード数', ' spaced ', 'Apr 2026'),
);
const decimals = (min: number, max: number) =>
  fc
    .tuple(fc.integer({ min, max }), fc.integer({ min: 0, max: 4 }))
    .map(([n, d]) => Number((n / 10 ** d).toFixed(d)) || 1);

const kpiArb = (stages: number) =>
  fc
    .record({
      name: text,
      unit: fc.option(text, { nil: undefined }),
      owner: fc.option(text, { nil: undefined }),
      lower: fc.boolean(),
      average: fc.boolean(),
      stage: fc.option(fc.integer({ min: 0, max: stages - 1 }), { nil: undefined }),
      target: decimals(1, 1e9),
      baseline: fc.option(decimals(1, 1e6), { nil: undefined }),
    })
    .map(
      ({ lower, average, stage, target, ...k }): Kpi => ({
        ...k,
        ...(lower ? { direction: 'lower' as const } : {}),
        ...(average ? { aggregate: 'average' as const } : {}),
        ...(stage !== undefined && !average ? { stage } : { target }),
      }),
    );

const planArb = fc
  .record({
    lang: fc.constantFrom('en' as const, 'ja' as const),
    money: fc.boolean(),
    target: fc.option(decimals(1000, 1e12), { nil: undefined }),
    rates: fc.array(
      fc.integer({ min: 1, max: 100 }).map((r) => r / 100),
      { minLength: 1, maxLength: 4 },
    ),
    ksfs: fc.array(fc.tuple(text, fc.array(fc.integer(), { minLength: 0, maxLength: 4 })), {
      minLength: 1,
      maxLength: 4,
    }),
    seasonality: fc.option(fc.array(decimals(1, 100), { minLength: 12, maxLength: 12 }), { nil: undefined }),
    thresholds: fc.option(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 100, max: 200 })), {
      nil: undefined,
    }),
    startMonth: fc.integer({ min: 1, max: 12 }),
  })
  .chain((g) => fc.tuple(fc.constant(g), fc.array(kpiArb(g.rates.length + 1), { minLength: 12, maxLength: 12 })))
  .map(([g, kpis]): Plan => {
    const base = basicPlan(g.lang);
    let k = 0;
    return {
      ...base,
      fiscalYear: { startYear: 2026, startMonth: g.startMonth },
      kgi: g.money
        ? {
            name: 'Revenue',
            unit: 'currency',
            ...(g.target ? { target: g.target } : { baseline: 1_000_000, growthRate: 0.1 }),
            unitValue: 1000,
          }
        : { name: 'Deals', unit: 'count', target: g.target ? Math.ceil(g.target / 1e6) : 500 },
      funnel: { stages: g.rates.concat(1).map((_, i) => ({ name: `Stage ${i + 1}` })), rates: g.rates },
      ksfs: g.ksfs.map(([name, list]) => ({ name, kpis: list.map(() => kpis[k++ % 12]) })),
      ...(g.seasonality ? { seasonality: g.seasonality } : {}),
      ...(g.thresholds ? { thresholds: { warn: g.thresholds[0] / 100, ok: g.thresholds[1] / 100 } } : {}),
    };
  })
  .filter((p) => p.ksfs.some((k) => k.kpis.length > 0)); // a plan without any KPI is not built

/** The plan as getPlan() returns it: validated, defaults filled, the KGI as given, and `ids`' ids. */
function expected(plan: Plan, ids: Plan): Plan {
  const withIds: Plan = {
    ...plan,
    id: ids.id,
    ksfs: plan.ksfs.map((s, i) => ({
      ...s,
      id: ids.ksfs[i].id,
      kpis: s.kpis.map((x, j) => ({ ...x, id: ids.ksfs[i].kpis[j].id })),
    })),
  };
  const n = normalizePlan(withIds);
  const kgi = { ...validatePlan(withIds).kgi };
  if (kgi.unit === 'currency') kgi.currency = n.kgi.currency;
  return { ...n, kgi };
}

describe('getPlan round trip', () => {
  test('generated plans', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const addon = loadAddon({ locale: plan.locale === 'ja' ? 'ja_JP' : 'en_US' });
        addon.run('buildWorkbook', plan);
        const got = addon.run('getPlan') as Plan;
        expect(got).toEqual(expected(plan, got));
        expect(new Set(got.ksfs.flatMap((k) => [k.id, ...k.kpis.map((x) => x.id)])).size).toBe(
          got.ksfs.length + got.ksfs.flatMap((k) => k.kpis).length,
        );
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  test('a plan JSON with ids keeps them; building it again makes a second plan with a new plan id', () => {
    const addon = loadAddon();
    const plan = basicPlan('en');
    plan.id = 'my-plan';
    plan.ksfs.forEach((k, i) => {
      k.id = `ksf-${i}`;
      k.kpis.forEach((x, j) => (x.id = `kpi-${i}-${j}`));
    });
    addon.run('buildWorkbook', plan);
    const first = addon.run('getPlan') as Plan;
    expect(first).toEqual(expected(plan, plan));
    addon.run('buildWorkbook', plan);
    const plans = addon.run('listPlans') as { id: string }[];
    expect(plans[0].id).toBe('my-plan');
    expect(plans[1].id).not.toBe('my-plan');
    const second = addon.run('getPlan', plans[1].id) as Plan;
    expect(second.ksfs.flatMap((k) => k.kpis.map((x) => x.id))).toEqual(
      first.ksfs.flatMap((k) => k.kpis.map((x) => x.id)),
    );
  });
});
