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
    expect(() => splitTotal(1e300, 12)).toThrow('overflow');
    expect(() => splitTotal(1e10, 12, 10)).toThrow('overflow');
    expect(splitTotal(18278, 18278)).toHaveLength(18278);
  });
});
