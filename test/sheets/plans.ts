// Plans shared by the sheets tests.
import fc from 'fast-check';
import type { Kpi, Plan } from '../../src/core/plan';

/** PRODUCT.md's worked example: ¥10,000,000 at ¥500,000 a deal, 40% lead → meeting, 20% meeting → won. */
export function basicPlan(lang: 'ja' | 'en' = 'ja'): Plan {
  const ja = lang === 'ja';
  return {
    name: ja ? '2026年度 計画' : 'FY2026 plan',
    locale: lang,
    fiscalYear: { startYear: 2026, startMonth: ja ? 4 : 1 },
    kgi: {
      name: ja ? '新規売上' : 'New revenue',
      unit: 'currency',
      currency: ja ? 'JPY' : 'USD',
      target: 10_000_000,
      unitValue: 500_000,
    },
    funnel: {
      stages: ja
        ? [{ name: 'リード' }, { name: '商談' }, { name: '受注' }]
        : [{ name: 'Leads' }, { name: 'Meetings' }, { name: 'Won' }],
      rates: [0.4, 0.2],
    },
    ksfs: [
      {
        name: ja ? 'リード獲得' : 'More leads',
        kpis: [
          { name: ja ? 'リード数' : 'Leads', unit: ja ? '件' : 'leads', owner: ja ? 'マーケ' : 'Marketing', stage: 0 },
          {
            name: ja ? 'リード獲得単価' : 'Cost per lead',
            unit: ja ? '円' : 'USD',
            owner: ja ? 'マーケ' : 'Marketing',
            direction: 'lower',
            aggregate: 'average',
            target: 8000,
          },
        ],
      },
      {
        name: ja ? '商談化と受注' : 'Meetings and deals',
        kpis: [
          { name: ja ? '商談数' : 'Meetings', unit: ja ? '件' : 'meetings', owner: ja ? '営業' : 'Sales', stage: 1 },
          { name: ja ? '受注件数' : 'Deals won', unit: ja ? '件' : 'deals', owner: ja ? '営業' : 'Sales', stage: 2 },
        ],
      },
    ],
    thresholds: { warn: 0.8, ok: 1 },
  };
}

/** A plan with `n` KPIs (hand targets and funnel stages mixed, some average/lower), `perKsf` per KSF. */
export function bigPlan(n: number, lang: 'ja' | 'en' = 'en', perKsf = 5): Plan {
  const p = basicPlan(lang);
  const kpis: Kpi[] = Array.from({ length: n }, (_, i): Kpi => {
    if (i % 5 === 0) return { name: `Stage KPI ${i + 1}`, unit: 'leads', owner: 'Marketing', stage: i % 3 };
    if (i % 5 === 1)
      return {
        name: `CPL ${i + 1}`,
        unit: 'USD',
        owner: 'Marketing',
        direction: 'lower',
        aggregate: 'average',
        target: 100 + i,
      };
    return { name: `KPI ${i + 1}`, unit: 'items', owner: `Team ${i % 4}`, target: 120 + 12 * i };
  });
  p.ksfs = [];
  for (let i = 0; i < n; i += perKsf) p.ksfs.push({ name: `KSF ${i / perKsf + 1}`, kpis: kpis.slice(i, i + perKsf) });
  return p;
}

/** A random KPI of a plan with `stages` funnel stages: either direction and aggregate, linked to a stage or typed. */
export const kpiArb = (stages: number, maxTarget = 1e12) =>
  fc
    .record({
      lower: fc.boolean(),
      average: fc.boolean(),
      stage: fc.option(fc.integer({ min: 0, max: stages - 1 }), { nil: undefined }),
      target: fc.integer({ min: 1, max: maxTarget }),
    })
    .map(
      ({ lower, average, stage, target }): Kpi => ({
        name: 'KPI',
        unit: 'items',
        owner: 'Team',
        direction: lower ? 'lower' : 'higher',
        aggregate: average ? 'average' : 'sum',
        // A stage KPI is a sum of wins; an average KPI has its level typed.
        ...(stage !== undefined && !average ? { stage } : { target }),
      }),
    );

/** A month's actual: blank one time in four, else a number up to `max` with up to `decimals` decimals. */
export const actualArb = (max = 1e12, decimals = 10) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant('' as const) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max: decimals }))
        .map(([x, d]) => x / 10 ** d),
    },
  );
