import { funnelVolumes } from '../../src/core/funnel';

describe('funnelVolumes', () => {
  test('¥10,000,000 at ¥500,000 a deal, 40% and 20% → 250 leads, 100 meetings, 20 wins', () => {
    expect(funnelVolumes(10_000_000, [0.4, 0.2], 500_000)).toEqual([250, 100, 20]);
  });

  test('$2,000,000 at $75,000 with 20% close: 135 rounded up, 133.33… unrounded', () => {
    expect(funnelVolumes(2_000_000, [0.2], 75_000)).toEqual([135, 27]);
    const [sql, wins] = funnelVolumes(2_000_000, [0.2], 75_000, false);
    expect(sql).toBeCloseTo(133.3333333, 6);
    expect(wins).toBeCloseTo(26.6666667, 6);
  });

  test('rounding ignores float noise: 57 ÷ 0.57 is 100, not 101', () => {
    expect(57 / 0.57).not.toBe(100); // the trap is real
    expect(funnelVolumes(57, [0.57])).toEqual([100, 57]);
    expect(funnelVolumes(7, [0.07])).toEqual([100, 7]);
    expect(funnelVolumes(0.3, [0.1], 0.1)).toEqual([30, 3]);
  });

  test('rounds stage by stage, bottom first', () => {
    // 10 wins / 0.3 = 33.33 → 34; 34 / 0.3 = 113.33 → 114 (not ceil(10/0.09) = 112)
    expect(funnelVolumes(10, [0.3, 0.3])).toEqual([114, 34, 10]);
    expect(funnelVolumes(10, [0.3, 0.3], undefined, false)[0]).toBeCloseTo(111.111, 3);
  });

  test('goal is a count without unit value; no rates → wins only; 0 goal → zeros', () => {
    expect(funnelVolumes(20, [0.5])).toEqual([40, 20]);
    expect(funnelVolumes(20.2, [])).toEqual([21]);
    expect(funnelVolumes(0, [0.5, 0.5])).toEqual([0, 0, 0]);
    expect(funnelVolumes(10, [1])).toEqual([10, 10]);
  });

  test('a rate above 1 suggests a percentage', () => {
    expect(() => funnelVolumes(100, [25])).toThrow('conversion rate 25 is above 1 — enter it as 25% or 0.25');
    expect(() => funnelVolumes(100, [0.4, 40])).toThrow('conversion rate 40 is above 1 — enter it as 40% or 0.4');
    expect(() => funnelVolumes(100, [250])).toThrow('conversion rate 250 is above 1');
  });

  test('rates ≤ 0, negative goal, bad unit value and overflow are errors', () => {
    expect(() => funnelVolumes(100, [0])).toThrow('conversion rate 0 must be above 0');
    expect(() => funnelVolumes(100, [-0.2])).toThrow('conversion rate -0.2 must be above 0');
    expect(() => funnelVolumes(-1, [0.5])).toThrow('goal -1 is below 0');
    expect(() => funnelVolumes(100, [0.5], 0)).toThrow('unit_value 0 must be above 0');
    expect(() => funnelVolumes(100, [0.5], -5)).toThrow('unit_value -5 must be above 0');
    expect(() => funnelVolumes(1e300, [1e-10, 1e-10])).toThrow('above 1e15 (1,000,000,000,000,000)');
    expect(() => funnelVolumes(1, [1e-12, 1e-12])).toThrow('a stage would need 1e+24, above 1e15');
    expect(() => funnelVolumes(NaN, [0.5])).toThrow('goal NaN is not a number');
  });

  // Issue 11: each of these failed before (a relative 1e-9 counted as noise).
  test('KPI_FUNNEL(1e9, 0.3): the top × 0.3 reaches 1e9', () => {
    expect(funnelVolumes(1e9, [0.3])).toEqual([3_333_333_334, 1e9]);
    expect(3_333_333_334 * 0.3).toBeGreaterThanOrEqual(1e9);
    expect(3_333_333_333 * 0.3).toBeLessThan(1e9);
  });
  test('KPI_FUNNEL(930127, 0.0015987705317309542): 581,776,423, the smallest that reaches 930,127', () => {
    const [top, wins] = funnelVolumes(930_127, [0.0015987705317309542]);
    expect(wins).toBe(930_127);
    expect(top).toBe(581_776_423);
    expect(top * 0.0015987705317309542).toBeGreaterThanOrEqual(930_127);
    expect((top - 1) * 0.0015987705317309542).toBeLessThan(930_127);
  });
  test('round-up holds up to 1e15: each stage is the smallest whole number reaching the one below', () => {
    for (const [goal, r] of [
      [1e15 * 0.3, 0.3],
      [123_456_789_012, 0.07],
      [999_999_999_999, 0.999],
      [1e14, 0.1],
    ]) {
      const [top, below] = funnelVolumes(goal, [r]);
      const exact = top * r >= below;
      const noise = Math.abs(below / r - top) <= 2 * Number.EPSILON * top;
      expect(exact || noise).toBe(true);
      expect((top - 1) * r).toBeLessThan(below);
    }
    expect(funnelVolumes(3e14, [0.3])).toEqual([1e15, 3e14]);
  });
  test('wins: the smallest whole number of deals whose × unit value reaches the goal', () => {
    expect(funnelVolumes(1e9 + 1, [], 1e8)).toEqual([11]);
    expect(funnelVolumes(0.3, [], 0.1)).toEqual([3]); // 0.3 / 0.1 = 2.9999999999999996: noise
  });
  test('at most 50 stages (49 rates), an error naming the limit', () => {
    expect(funnelVolumes(1, new Array(49).fill(1))).toHaveLength(50);
    expect(() => funnelVolumes(1, new Array(50).fill(1))).toThrow(
      'rates has 50 conversion rates; a funnel has at most 50 stages (49 rates)',
    );
  });
});
