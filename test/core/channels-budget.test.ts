import fc from 'fast-check';
import {
  allowableCpa,
  channelRanges,
  channelVolumes,
  formatMoney,
  planChannels,
  toMinorUnits,
  type PlanWithChannels,
} from '../../src/core/channels';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * ¥10,000,000 at ¥500,000 a deal, lead → meeting 40%, meeting → won 20%: 250 leads, 100 meetings,
 * 20 wins (PRODUCT.md's worked example). Leads come from Web (half of what events leave), ads (the
 * other half) and two trade shows (50 leads fixed).
 */
const yenPlan = (kgi: Partial<PlanWithChannels['kgi']> = {}): PlanWithChannels => ({
  locale: 'ja',
  kgi: { unit: 'currency', currency: 'JPY', unitValue: 500_000, ...kgi },
  funnel: {
    stages: [{ name: 'リード' }, { name: '商談' }, { name: '受注' }],
    channels: [
      { name: 'Web/SEO', share: 0.5, costPerUnit: 5_000 },
      { name: 'Web広告', share: 0.5, costPerUnit: 10_000 },
      { name: '展示会', volume: 50, costPerUnit: 20_000 },
    ],
  },
});
const yenNumbers = {
  volumes: [250, 100, 20],
  kgiTarget: 10_000_000,
  // splitTotal(250): 21 × 10, 20 × 2.
  stageMonthly: [21, 21, 21, 21, 21, 21, 21, 21, 21, 21, 20, 20],
};

describe('channelVolumes', () => {
  test('fixed volumes first, the rest by share (largest remainder, ties to the earlier channel)', () => {
    expect(channelVolumes(yenPlan().funnel.channels!, 250)).toEqual([100, 100, 50]);
    const thirds = [
      { name: 'a', share: 1 / 3 },
      { name: 'b', share: 1 / 3 },
      { name: 'c', share: 1 / 3 },
    ];
    expect(channelVolumes(thirds, 1000)).toEqual([334, 333, 333]);
    expect(
      channelVolumes(
        [
          { name: 'a', volume: 600 },
          { name: 'b', volume: 400 },
        ],
        1000,
      ),
    ).toEqual([600, 400]);
    // The fixed volumes take the whole stage: the share channels get 0.
    expect(
      channelVolumes(
        [
          { name: 'a', volume: 10 },
          { name: 'b', share: 1 },
        ],
        10,
      ),
    ).toEqual([10, 0]);
  });

  test('refuses what the plan validation refuses', () => {
    expect(() =>
      channelVolumes(
        [
          { name: 'a', volume: 11 },
          { name: 'b', share: 1 },
        ],
        10,
      ),
    ).toThrow('channel volumes add up to 11, but the stage has 10');
    expect(() => channelVolumes([{ name: 'a', volume: 9 }], 10)).toThrow('add up to 9');
    expect(() => channelVolumes([{ name: 'a', volume: 9, share: 1 }], 10)).toThrow(
      'channel "a": give a share or a volume, not both',
    );
    expect(() => channelVolumes([{ name: 'a' }], 10)).toThrow('not neither');
  });
});

describe('money', () => {
  test('minor units per currency, exactly as written', () => {
    expect(toMinorUnits(12.35, 'USD')).toBe(1235n);
    expect(toMinorUnits(0.1, 'EUR')).toBe(10n);
    expect(toMinorUnits(1e15, 'JPY')).toBe(10n ** 15n);
    expect(toMinorUnits(0.5, 'JPY')).toBeUndefined();
    expect(toMinorUnits(0.125, 'USD')).toBeUndefined();
    expect(toMinorUnits(-1, 'USD')).toBeUndefined();
  });

  test('formatted for a person', () => {
    expect(formatMoney(150_000n, 'JPY')).toBe('¥150,000');
    expect(formatMoney(123_456_750n, 'USD')).toBe('$1,234,567.50');
    expect(formatMoney(5n, 'EUR')).toBe('€0.05');
    expect(formatMoney(0n, 'JPY')).toBe('¥0');
  });
});

describe('allowableCpa', () => {
  test('deal size × gross margin × acquisition share, rounded down to the currency unit', () => {
    expect(allowableCpa(yenPlan())).toBe(500_000);
    expect(allowableCpa(yenPlan({ grossMargin: 0.3 }))).toBe(150_000);
    expect(allowableCpa(yenPlan({ grossMargin: 0.3, acquisitionShare: 0.5 }))).toBe(75_000);
    expect(allowableCpa(yenPlan({ acquisitionShare: 0.2 }))).toBe(100_000);
    // ¥100 × 29% is ¥29 exactly (in floating point 28.999999999999996, which a plain floor makes ¥28).
    expect(allowableCpa(yenPlan({ unitValue: 100, grossMargin: 0.29 }))).toBe(29);
    expect(allowableCpa(yenPlan({ unitValue: 1000, grossMargin: 0.7, acquisitionShare: 0.3 }))).toBe(210);
    // ¥999 × 33.3% = ¥332.667 → ¥332 (the most that may be spent); $999 × 33.3% → $332.66.
    expect(allowableCpa(yenPlan({ unitValue: 999, grossMargin: 0.333 }))).toBe(332);
    expect(allowableCpa(yenPlan({ currency: 'USD', unitValue: 999, grossMargin: 0.333 }))).toBe(332.66);
    expect(allowableCpa(yenPlan({ unitValue: undefined }))).toBeUndefined();
  });
});

describe('planChannels', () => {
  test('hand-computed budget, CPA, allowable CPA and return on the budget (JPY)', () => {
    const result = planChannels(yenPlan({ grossMargin: 0.3 }), yenNumbers)!;
    expect(result.currency).toBe('JPY');
    expect(result.stage).toBe(0);
    expect(result.channels.map((c) => c.volume)).toEqual([100, 100, 50]);
    // 100 × ¥5,000 + 100 × ¥10,000 + 50 × ¥20,000.
    expect(result.channels.map((c) => c.budget)).toEqual([500_000, 1_000_000, 1_000_000]);
    expect(result.budget).toBe(2_500_000);
    expect(result.wins).toBe(20);
    expect(result.cpa).toBe(125_000);
    expect(result.allowableCpa).toBe(150_000);
    expect(result.returnOnBudget).toBe(4);
    // The table: every channel's months sum to its volume, every month's channels to the stage's target.
    for (const c of result.channels) expect(sum(c.monthly)).toBe(c.volume);
    yenNumbers.stageMonthly.forEach((t, m) => expect(sum(result.channels.map((c) => c.monthly[m]))).toBe(t));
    // Each month: Web ≈ 100 × 21/250 = 8.4, events ≈ 4.2: 8 or 9, 4 or 5.
    for (const v of result.channels[0].monthly) expect([8, 9]).toContain(v);
    for (const v of result.channels[2].monthly) expect([4, 5]).toContain(v);
    // Budgets follow the volumes month by month and add up exactly.
    result.channels.forEach((c, i) => {
      expect(c.monthlyBudget).toEqual(c.monthly.map((v) => v * [5_000, 10_000, 20_000][i]));
      expect(sum(c.monthlyBudget)).toBe(c.budget);
    });
    expect(sum(result.monthlyBudget)).toBe(2_500_000);
    result.monthlyBudget.forEach((b, m) => expect(b).toBe(sum(result.channels.map((c) => c.monthlyBudget[m]))));
  });

  test("the named ranges' blocks", () => {
    const result = planChannels(yenPlan({ grossMargin: 0.3 }), yenNumbers)!;
    const ranges = channelRanges(result);
    expect(ranges.CHANNEL_TARGETS).toHaveLength(3);
    expect(ranges.CHANNEL_TARGETS.every((row) => row.length === 12)).toBe(true);
    expect(ranges.CHANNEL_TARGETS[2]).toEqual(result.channels[2].monthly);
    expect(ranges.CHANNEL_BUDGET[1]).toEqual(result.channels[1].monthly.map((v) => v * 10_000));
    expect(ranges.BUDGET_TOTAL).toBe(2_500_000);
    expect(ranges.ALLOWABLE_CPA).toBe(150_000);
    expect(channelRanges(planChannels(yenPlan({ unitValue: undefined }), yenNumbers)!).ALLOWABLE_CPA).toBe('');
  });

  test('USD in cents: CPA rounded up to the cent', () => {
    const plan: PlanWithChannels = {
      locale: 'en',
      kgi: { unit: 'count', unitValue: 10_000, grossMargin: 0.333 },
      funnel: {
        stages: [{ name: 'Visitors' }, { name: 'Leads' }, { name: 'Won' }],
        channelStage: 1,
        channels: [
          { name: 'Paid search', share: 1 / 3, costPerUnit: 12.35 },
          { name: 'Email', share: 1 / 3, costPerUnit: 0.1 },
          { name: 'Events', share: 1 / 3, costPerUnit: 100 },
        ],
      },
    };
    const result = planChannels(plan, {
      volumes: [20_000, 1000, 7],
      kgiTarget: 7,
      stageMonthly: [84, 84, 84, 84, 83, 83, 83, 83, 83, 83, 83, 83],
    })!;
    expect(result.currency).toBe('USD');
    expect(result.stage).toBe(1);
    expect(result.channels.map((c) => c.volume)).toEqual([334, 333, 333]);
    // 334 × $12.35 = $4,124.90; 333 × $0.10 = $33.30; 333 × $100 = $33,300.
    expect(result.channels.map((c) => c.budget)).toEqual([4124.9, 33.3, 33_300]);
    expect(result.budget).toBe(37_458.2);
    // $37,458.20 ÷ 7 = $5,351.1714… → $5,351.18.
    expect(result.cpa).toBe(5351.18);
    // $10,000 × 33.3%.
    expect(result.allowableCpa).toBe(3330);
    // A count KGI has no return on the budget.
    expect(result.returnOnBudget).toBeUndefined();
    // Monthly budgets in cents add up exactly to the year (no float drift).
    expect(Math.round(sum(result.monthlyBudget) * 100)).toBe(3_745_820);
  });

  test('a channel without a cost counts 0; no channels → undefined; no wins → no CPA', () => {
    const plan = yenPlan();
    plan.funnel.channels![2] = { name: '紹介', volume: 50 };
    const result = planChannels(plan, yenNumbers)!;
    expect(result.channels[2].budget).toBe(0);
    expect(result.channels[2].costPerUnit).toBeUndefined();
    expect(result.budget).toBe(1_500_000);
    expect(planChannels({ ...plan, funnel: { stages: plan.funnel.stages } }, yenNumbers)).toBeUndefined();
    const none = planChannels(yenPlan(), {
      volumes: [250, 100, 0],
      kgiTarget: 0,
      stageMonthly: yenNumbers.stageMonthly,
    })!;
    expect(none.cpa).toBeUndefined();
    expect(none.returnOnBudget).toBe(0);
  });

  test("needs the stage's monthly targets", () => {
    expect(() => planChannels(yenPlan(), { volumes: [250, 100, 20] })).toThrow(
      "planChannels: the channel stage's monthly targets (stageMonthly) are missing",
    );
  });

  test('exact at 2^53 − 1 leads', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const plan: PlanWithChannels = {
      kgi: { unit: 'count' },
      funnel: {
        stages: [{ name: 'Leads' }, { name: 'Won' }],
        channels: [
          { name: 'a', share: 0.7 },
          { name: 'b', share: 0.3 },
        ],
      },
    };
    const monthly = [max - 11, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    const result = planChannels(plan, { volumes: [max, 1], stageMonthly: monthly })!;
    const [a, b] = result.channels.map((c) => BigInt(c.volume));
    expect(a + b).toBe(BigInt(max));
    for (const c of result.channels) expect(c.monthly.reduce((x, y) => x + BigInt(y), 0n)).toBe(BigInt(c.volume));
    monthly.forEach((t, m) =>
      expect(BigInt(result.channels[0].monthly[m]) + BigInt(result.channels[1].monthly[m])).toBe(BigInt(t)),
    );
  });
});

describe('planChannels: properties', () => {
  const currencies = fc.constantFrom('JPY' as const, 'USD' as const, 'EUR' as const);
  test('every total adds up exactly in minor units; the CPA is the budget ÷ wins rounded up', () => {
    fc.assert(
      fc.property(
        currencies,
        fc.array(fc.record({ share: fc.integer({ min: 1, max: 100 }), cost: fc.integer({ min: 0, max: 10 ** 7 }) }), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.integer({ min: 0, max: 10 ** 6 }),
        fc.integer({ min: 1, max: 1000 }),
        fc
          .array(fc.integer({ min: 0, max: 100 }), { minLength: 12, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        (currency, specs, stageVolume, wins, weights) => {
          const unit = currency === 'JPY' ? 1 : 100;
          const shareSum = sum(specs.map((x) => x.share));
          const channels = specs.map((x, i) => ({
            name: `c${i}`,
            share: x.share / shareSum,
            costPerUnit: x.cost / unit,
          }));
          const plan: PlanWithChannels = {
            kgi: { unit: 'currency', currency, unitValue: 1000 },
            funnel: { stages: [{ name: 'L' }, { name: 'W' }], channels },
          };
          // The stage's months: its volume split by the weights (largest remainder).
          const wsum = sum(weights);
          const floors = weights.map((w) => Math.floor((stageVolume * w) / wsum));
          floors[weights.findIndex((w) => w > 0)] += stageVolume - sum(floors);
          const result = planChannels(plan, {
            volumes: [stageVolume, wins],
            kgiTarget: 10 ** 6,
            stageMonthly: floors,
          })!;
          const minor = (x: number) => BigInt(Math.round(x * unit));
          const budgets = result.channels.map((c, i) => {
            expect(sum(c.monthly)).toBe(c.volume);
            expect(minor(c.budget)).toBe(BigInt(c.volume) * BigInt(specs[i].cost));
            expect(c.monthlyBudget.reduce((a, b) => a + minor(b), 0n)).toBe(minor(c.budget));
            return minor(c.budget);
          });
          const total = budgets.reduce((a, b) => a + b, 0n);
          expect(minor(result.budget)).toBe(total);
          expect(result.monthlyBudget.reduce((a, b) => a + minor(b), 0n)).toBe(total);
          expect(sum(result.channels.map((c) => c.volume))).toBe(stageVolume);
          const cpa = minor(result.cpa!);
          expect(cpa * BigInt(wins) >= total && (cpa - 1n) * BigInt(wins) < total).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
