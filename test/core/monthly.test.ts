import { splitTotal } from '../../src/core/monthly';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('splitTotal', () => {
  test('KPI_MONTHLY(100) → 9,9,9,9,8,8,8,8,8,8,8,8', () => {
    expect(splitTotal(100)).toEqual([9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]);
    expect(splitTotal(100, 12, 0)).toEqual([9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]);
  });

  test('sums exactly to the total, ties to the earlier period', () => {
    expect(splitTotal(10, 3)).toEqual([4, 3, 3]);
    expect(splitTotal(11, 3)).toEqual([4, 4, 3]);
    expect(splitTotal(1, 12)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    for (const t of [0, 1, 7, 99, 1234, 999_999]) for (const n of [1, 5, 12, 13]) expect(sum(splitTotal(t, n))).toBe(t);
  });

  test('decimals', () => {
    expect(splitTotal(100, 3, 2)).toEqual([33.34, 33.33, 33.33]);
    expect(splitTotal(1, 3, 1)).toEqual([0.4, 0.3, 0.3]);
    expect(splitTotal(0.3, 1, 1)).toEqual([0.3]);
    // The total is rounded as written (like Sheets' ROUND): 1.005 → 1.01, whatever its binary value.
    expect(splitTotal(1.005, 3, 2)).toEqual([0.34, 0.34, 0.33]);
    expect(splitTotal(2.675, 1, 2)).toEqual([2.68]);
  });

  test('weights (seasonality): largest remainder, exact sum', () => {
    expect(splitTotal(100, [1, 1, 2])).toEqual([25, 25, 50]);
    expect(splitTotal(10, [1, 2, 0, 1])).toEqual([3, 5, 0, 2]);
    expect(splitTotal(100, [0.1, 0.2, 0.3, 0.4])).toEqual([10, 20, 30, 40]);
    const w = [8, 7, 9, 10, 8, 9, 6, 5, 9, 10, 9, 10];
    expect(sum(splitTotal(12_345, w))).toBe(12_345);
  });

  test('negative totals mirror positive ones; total first rounded to decimals', () => {
    expect(splitTotal(-10, 3)).toEqual([-4, -3, -3]);
    expect(splitTotal(10.000000000001, 3)).toEqual([4, 3, 3]);
    expect(sum(splitTotal(100.4, 4))).toBe(100);
  });

  test('errors: periods bounds, decimals bounds, bad weights, overflow', () => {
    expect(() => splitTotal(100, 0)).toThrow('periods 0 must be a whole number from 1 to 18278');
    expect(() => splitTotal(100, 18279)).toThrow('periods 18279 must be a whole number from 1 to 18278');
    expect(() => splitTotal(100, 2.5)).toThrow('periods 2.5 must be a whole number');
    expect(() => splitTotal(100, 12, 11)).toThrow('decimals 11 must be a whole number from 0 to 10');
    expect(() => splitTotal(100, 12, -1)).toThrow('decimals -1');
    expect(() => splitTotal(100, [1, -1])).toThrow('weight -1 is below 0');
    expect(() => splitTotal(100, [0, 0])).toThrow('add up to 0');
    expect(() => splitTotal(100, [])).toThrow('periods has 0 weights; give 1 to 18278');
    expect(() => splitTotal(1e300, 12)).toThrow(
      'total 1e+300 is too large to split to 0 decimals: |total| must be at most 2^53 (9007199254740992)',
    );
    expect(() => splitTotal(1e10, 12, 10)).toThrow(
      'total 10000000000 is too large to split to 10 decimals: |total| × 10^10 must be at most 2^53 (9007199254740992)',
    );
    expect(sum(splitTotal(1e5, 12, 10))).toBe(1e5);
    expect(() => splitTotal(2 ** 53 + 2, 12)).toThrow('must be at most 2^53');
    expect(sum(splitTotal(2 ** 53, 12))).toBe(2 ** 53);
    expect(splitTotal(18278, 18278)).toHaveLength(18278);
  });

  // Issue 11: each of these failed before (toPrecision(12) dropped digits; 1e-9 "noise").
  const units = (parts: number[], d: number) => parts.reduce((a, p) => a + BigInt(Math.round(p * 10 ** d)), 0n);
  test('KPI_MONTHLY(10000000007) sums exactly: 11 × 833,333,334 and one 833,333,333', () => {
    expect(splitTotal(10_000_000_007)).toEqual([...new Array(11).fill(833_333_334), 833_333_333]);
    expect(sum(splitTotal(10_000_000_007))).toBe(10_000_000_007);
  });
  test('KPI_MONTHLY(45520337370) and other 11-digit totals sum exactly', () => {
    expect(sum(splitTotal(45_520_337_370))).toBe(45_520_337_370);
    expect(splitTotal(45_520_337_370)).toEqual([
      ...new Array(6).fill(3_793_361_448),
      ...new Array(6).fill(3_793_361_447),
    ]);
    for (let t = 1e9 + 7; t < 1e11; t = t * 1.37 + 11) expect(sum(splitTotal(Math.round(t)))).toBe(Math.round(t));
  });
  test('KPI_MONTHLY(50000000, 12, 2) and KPI_MONTHLY(2, 3, 10) sum exactly in units of 10^-decimals', () => {
    const parts = splitTotal(50_000_000, 12, 2);
    expect(parts).toEqual([...new Array(8).fill(4_166_666.67), ...new Array(4).fill(4_166_666.66)]);
    expect(units(parts, 2)).toBe(5_000_000_000n);
    expect(splitTotal(2, 3, 10)).toEqual([0.6666666667, 0.6666666667, 0.6666666666]);
    expect(units(splitTotal(2, 3, 10), 10)).toBe(20_000_000_000n);
  });
  test('every weight pattern: huge, tiny and many-digit weights split exactly by the exact quotas', () => {
    expect(splitTotal(100, [1e308, 5e-324, 1])).toEqual([100, 0, 0]);
    expect(splitTotal(100, [1e308, 1e308, 1e308])).toEqual(splitTotal(100, 3));
    expect(splitTotal(7, [1e-300, 2e-300])).toEqual([2, 5]);
    // 1/3 as written (0.3333333333333333) three times: a tie, won by the earlier periods.
    expect(splitTotal(100, [1 / 3, 1 / 3, 1 / 3])).toEqual([34, 33, 33]);
    expect(sum(splitTotal(45_520_337_370, [0.7, 1.1, 1 / 3, 1e-9, 12.5, 0]))).toBe(45_520_337_370);
    expect(splitTotal(10, [1, 1, 1, 1e-20])).toEqual([4, 3, 3, 0]);
  });
  test('with decimals, up to 10^15 units: every part reads back as its units', () => {
    expect(units(splitTotal(99_999.99999999, 7, 10), 10)).toBe(999_999_999_999_900n);
    expect(units(splitTotal(99_999_999_999_999.9, [1.1, 1e-15, 0], 1), 1)).toBe(999_999_999_999_999n);
    // 562949953421312.3 has no double that reads back as it: refused, not silently …312.2.
    expect(() => splitTotal(562_949_953_421_313, [1.1, 1.2700951401711784e-15], 1)).toThrow(
      'total 562949953421313 cannot be split exactly to 1 decimals: a part of 5629499534213123 units of 10^-1 has more digits than a number holds; |total| × 10^1 up to 10^15 always splits',
    );
    // Past 10^15 units a split whose parts are held exactly is returned: 5e6 over 12 to 9 decimals.
    expect(units(splitTotal(5e6, 12, 9), 9)).toBe(5_000_000_000_000_000n);
  });
});
