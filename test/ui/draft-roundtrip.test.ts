// A plan read back from the spreadsheet (getPlan) goes through the sidebar's form and comes back the same: every
// field, the ids of the plan, its KSFs and KPIs, and the fields the sidebar has no input for (sent back by Apply).
import fc from 'fast-check';
import { draftFromPlan, planFromDraft } from '../../src/client/draft';
import type { Kpi, Ksf, Plan } from '../../src/core/plan';

const text = fc
  .string({ minLength: 1, maxLength: 24 })
  .map((s) => s.trim())
  .filter((s) => s !== '');
const id = fc.stringMatching(/^[a-z0-9]{4,12}$/);
/** ¥1 … ¥1e15 with 0–10 decimals (at most 15 significant digits, as the sidebar keeps). */
const amount = fc
  .tuple(fc.integer({ min: 1, max: 999_999_999_999_999 }), fc.integer({ min: 0, max: 10 }))
  .map(([x, d]) => x / 10 ** d);
const nonneg = fc.oneof(fc.constant(0), amount);
const rate = fc.integer({ min: 1, max: 1_000_000 }).map((k) => k / 1_000_000);
const growth = fc.integer({ min: -9999, max: 100_000 }).map((k) => k / 10_000);
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** A field the sidebar has no input for (a source, channels …), carried through as it is. */
const extra = fc.option(
  fc.dictionary(
    fc.constantFrom('source', 'note', 'channels'),
    // As it travels (JSON between the server and the sidebar: a -0 arrives as 0).
    fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v))),
    { maxKeys: 2 },
  ),
  { nil: undefined },
);

function kpiArb(stages: number): fc.Arbitrary<Kpi> {
  return fc
    .record({
      id: opt(id),
      name: text,
      unit: opt(text),
      owner: opt(text),
      direction: opt(fc.constant('lower' as const)),
      aggregate: opt(fc.constant('average' as const)),
      source: fc.oneof(
        fc.record({ stage: fc.integer({ min: 0, max: stages - 1 }) }),
        fc.record({ target: opt(amount) }),
      ),
      baseline: opt(nonneg),
      recentActuals: opt(fc.array(fc.oneof(fc.constant('' as const), nonneg), { maxLength: 12 })),
      extra,
    })
    .map(({ source, extra: more, ...k }) => ({ ...(more ?? {}), ...k, ...source }));
}

const planArb: fc.Arbitrary<Plan> = fc.integer({ min: 2, max: 8 }).chain((stages) =>
  fc.record(
    {
      id: opt(id),
      name: text,
      locale: fc.constantFrom('ja' as const, 'en' as const),
      fiscalYear: fc.record({
        startYear: fc.integer({ min: 1900, max: 2999 }),
        startMonth: fc.integer({ min: 1, max: 12 }),
      }),
      kgi: fc
        .oneof(
          fc.record({
            unit: fc.constant('currency' as const),
            currency: fc.constantFrom('JPY' as const, 'USD' as const, 'EUR' as const),
            unitValue: amount,
          }),
          fc.record({ unit: fc.constant('count' as const) }),
        )
        .chain((unit) =>
          fc
            .oneof(
              fc.record({ target: amount, baseline: opt(amount) }),
              fc.record({ baseline: amount, growthRate: growth }),
            )
            .map((goal) => ({ name: '', ...unit, ...goal })),
        )
        .chain((kgi) => text.map((name) => ({ ...kgi, name }))),
      funnel: fc.record({
        stages: fc.array(
          text.map((name) => ({ name })),
          { minLength: stages, maxLength: stages },
        ),
        rates: fc.array(rate, { minLength: stages - 1, maxLength: stages - 1 }),
        preset: fc.constantFrom('standard' as const, 'inquiry' as const, 'event' as const, 'custom' as const),
      }),
      ksfs: fc.array(
        fc.record({ id: opt(id), name: text, kpis: fc.array(kpiArb(stages), { minLength: 1, maxLength: 8 }) }),
        { minLength: 1, maxLength: 6 },
      ) as fc.Arbitrary<Ksf[]>,
      seasonality: opt(
        fc
          .array(
            fc.integer({ min: 0, max: 100_000_000 }).map((k) => k / 100),
            { minLength: 12, maxLength: 12 },
          )
          .filter((w) => w.some((x) => x > 0)),
      ),
      thresholds: fc
        .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }))
        .filter(([a, b]) => a !== b)
        .map(([a, b]) => ({ warn: Math.min(a, b) / 100, ok: Math.max(a, b) / 100 })),
    },
    { requiredKeys: ['name', 'locale', 'fiscalYear', 'kgi', 'funnel', 'ksfs', 'thresholds'] },
  ),
);

describe('planFromDraft(draftFromPlan(plan)) is the plan', () => {
  test('property: every field, ids and unknown fields kept (1–48 KPIs, 2–8 stages, amounts ¥1–¥1e15, 0–10 decimals)', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const { plan: back, errors } = planFromDraft(draftFromPlan(plan));
        expect(errors).toEqual({});
        expect(back).toEqual(plan);
      }),
      { numRuns: 300 },
    );
  });

  test('hundreds of KPIs with their ids', () => {
    const plan = fc.sample(planArb, { numRuns: 1, seed: 7 })[0];
    plan.ksfs = Array.from({ length: 40 }, (_, i) => ({
      id: `s${i}`,
      name: `KSF ${i}`,
      kpis: Array.from({ length: 8 }, (_, j) => ({ id: `k${i}-${j}`, name: `KPI ${i}.${j}`, target: 100 + j })),
    }));
    const back = planFromDraft(draftFromPlan(plan)).plan;
    expect(back.ksfs.flatMap((s) => s.kpis.map((k) => k.id))).toHaveLength(320);
    expect(back).toEqual(plan);
  });

  test('a KPI added in the sidebar has no id; the others keep theirs wherever they move', () => {
    const plan: Plan = {
      id: 'plan1',
      name: 'P',
      locale: 'en',
      fiscalYear: { startYear: 2026, startMonth: 1 },
      kgi: { name: 'Deals', unit: 'count', target: 100 },
      funnel: { stages: [{ name: 'Leads' }, { name: 'Won' }], rates: [0.5], preset: 'custom' },
      ksfs: [
        {
          id: 'a',
          name: 'A',
          kpis: [
            { id: 'k1', name: 'One', target: 1 },
            { id: 'k2', name: 'Two', target: 2 },
          ],
        },
        {
          id: 'b',
          name: 'B',
          kpis: [{ id: 'k3', name: 'Three', stage: 1, source: { sheet: 'CRM', date: 'Closed' } } as Kpi],
        },
      ],
      thresholds: { warn: 0.8, ok: 1 },
    };
    const d = draftFromPlan(plan);
    const [moved] = d.ksfs[0].kpis.splice(0, 1);
    d.ksfs[1].kpis.push(moved, {
      ...d.ksfs[1].kpis[0],
      id: undefined,
      extra: undefined,
      name: 'Downloads',
      stage: '',
      target: '50',
    });
    const back = planFromDraft(d).plan;
    expect(back.id).toBe('plan1');
    expect(back.ksfs.map((s) => s.kpis.map((k) => k.id))).toEqual([['k2'], ['k3', 'k1', undefined]]);
    expect((back.ksfs[1].kpis[0] as Kpi & { source?: unknown }).source).toEqual({ sheet: 'CRM', date: 'Closed' });
    expect(back.ksfs[1].kpis[2]).toEqual({ name: 'Downloads', target: 50 });
  });
});
