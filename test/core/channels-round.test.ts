import fc from 'fast-check';
import { asWritten, controlledRounding, MAX_COUNT, splitByShares } from '../../src/core/channels/round';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const big = (x: number) => BigInt(x);

/** Every property of a controlled rounding, checked in exact integer arithmetic. */
function expectControlledRounding(table: number[][], rows: number[], columns: number[]): void {
  const total = rows.reduce((a, b) => a + big(b), 0n);
  expect(table).toHaveLength(rows.length);
  table.forEach((row, i) => {
    expect(row).toHaveLength(columns.length);
    expect(row.reduce((a, b) => a + big(b), 0n)).toBe(big(rows[i]));
    row.forEach((cell, j) => {
      expect(Number.isSafeInteger(cell)).toBe(true);
      // |cell − r·c/N| < 1  ⇔  |cell·N − r·c| < N (exact).
      const exact = big(rows[i]) * big(columns[j]);
      const diff = big(cell) * total - exact;
      if (total === 0n) expect(cell).toBe(0);
      else expect(diff < total && -diff < total).toBe(true);
    });
  });
  columns.forEach((c, j) => expect(table.reduce((a, row) => a + big(row[j]), 0n)).toBe(big(c)));
}

describe('asWritten', () => {
  test('reads a number as its decimal digits', () => {
    expect(asWritten(0.15)).toEqual({ digits: 15n, decimals: 2 });
    expect(asWritten(1)).toEqual({ digits: 1n, decimals: 0 });
    expect(asWritten(1.5e-7)).toEqual({ digits: 15n, decimals: 8 });
    expect(asWritten(1e21)).toEqual({ digits: 10n ** 21n, decimals: 0 });
    expect(() => asWritten(-1)).toThrow('-1 is not a number from 0 up');
    expect(() => asWritten(NaN)).toThrow('NaN');
  });
});

describe('splitByShares', () => {
  test('largest remainder, ties to the earlier share', () => {
    expect(splitByShares(1000, [0.5, 0.3, 0.2])).toEqual([500, 300, 200]);
    expect(splitByShares(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitByShares(11, [1, 1, 1])).toEqual([4, 4, 3]);
    // 0.15 and 0.25 of 10 are 1.5 and 2.5 as written: a tie, won by the earlier channel.
    expect(splitByShares(10, [0.15, 0.25, 0.6])).toEqual([2, 2, 6]);
    expect(splitByShares(1, [0.25, 0.25, 0.5])).toEqual([0, 0, 1]);
    expect(splitByShares(2, [0.25, 0.25, 0.5])).toEqual([1, 0, 1]);
    expect(splitByShares(0, [0, 0])).toEqual([0, 0]);
  });

  test('shares are used in proportion', () => {
    expect(splitByShares(999, [0.333, 0.333, 0.333])).toEqual([333, 333, 333]);
    expect(splitByShares(100, [2, 1, 1])).toEqual([50, 25, 25]);
  });

  test('bad input', () => {
    expect(() => splitByShares(10, [0, 0])).toThrow('shares add up to 0; 10 cannot be split');
    expect(() => splitByShares(1.5, [1])).toThrow('total 1.5 must be a whole number from 0 to 9,007,199,254,740,991');
    expect(() => splitByShares(2 ** 53, [1])).toThrow('total 9007199254740992 must be a whole number');
  });

  test('property: exact sum and within one of the quota, at every size', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.maxSafeNat()),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (total, shares) => {
          fc.pre(shares.some((s) => s > 0));
          const parts = splitByShares(total, shares);
          expect(parts.reduce((a, b) => a + big(b), 0n)).toBe(big(total));
          const w = shares.map(asWritten);
          const d = Math.max(...w.map((x) => x.decimals));
          const weights = w.map((x) => x.digits * 10n ** BigInt(d - x.decimals));
          const s = weights.reduce((a, b) => a + b, 0n);
          parts.forEach((p, i) => {
            const diff = big(p) * s - big(total) * weights[i];
            expect(diff < s && -diff < s).toBe(true);
          });
        },
      ),
    );
  });
});

describe('controlledRounding', () => {
  test('a hand-checked table: rows, columns and cells agree', () => {
    // 3 channels (5, 3, 2) × 4 months (3, 3, 2, 2) of a stage of 10: exact cells 1.5, 1.5, 1, 1 / 0.9, …
    const table = controlledRounding([5, 3, 2], [3, 3, 2, 2]);
    expectControlledRounding(table, [5, 3, 2], [3, 3, 2, 2]);
    // Whole exact cells stay as they are.
    expect(table[0].slice(2)).toEqual([1, 1]);
  });

  test('whole exact cells are kept; a zero row or column stays zero', () => {
    expect(controlledRounding([6, 6], [4, 4, 4])).toEqual([
      [2, 2, 2],
      [2, 2, 2],
    ]);
    expect(controlledRounding([0, 7], [7, 0])).toEqual([
      [0, 0],
      [7, 0],
    ]);
    expect(controlledRounding([0, 0], [0, 0, 0])).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  test('a case a greedy row-by-row rounding gets wrong', () => {
    // Rounding each row alone by largest remainder gives every row its +1 in month 1 and breaks
    // that month's total; the controlled rounding moves them.
    const rows = [1, 1, 1];
    const columns = [1, 1, 1];
    const table = controlledRounding(rows, columns);
    expectControlledRounding(table, rows, columns);
    expect(table).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });

  test('exact at 2^53 − 1', () => {
    const rows = [MAX_COUNT - 2, 1, 1];
    const columns = [1, 2, MAX_COUNT - 3];
    expectControlledRounding(controlledRounding(rows, columns), rows, columns);
    const half = [4503599627370496, 4503599627370495];
    expectControlledRounding(controlledRounding(half, [3, MAX_COUNT - 3]), half, [3, MAX_COUNT - 3]);
  });

  test('bad input', () => {
    expect(() => controlledRounding([1, 2], [4])).toThrow(
      'row totals add up to 3 but column totals to 4; they must be equal',
    );
    expect(() => controlledRounding([1.5], [1.5])).toThrow('row total 1 1.5 must be a whole number');
    expect(() => controlledRounding([-1, 2], [1])).toThrow('row total 1 -1 must be a whole number');
    expect(() => controlledRounding([MAX_COUNT, 1], [MAX_COUNT, 1])).toThrow('is above 9,007,199,254,740,991');
  });

  // Channels 1–30 by random shares, a stage total from 1 to 1e12 (and up to 2^53 − 1), the stage's
  // twelve months from a random seasonality split: the table must be a controlled rounding.
  const seasonality = fc
    .array(fc.integer({ min: 0, max: 100 }), { minLength: 12, maxLength: 12 })
    .filter((w) => w.some((x) => x > 0));
  const shares = fc
    .array(
      fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000),
      { minLength: 1, maxLength: 30 },
    )
    .filter((s) => s.some((x) => x > 0));
  const totals = fc.oneof(
    fc.integer({ min: 1, max: 1000 }),
    fc.integer({ min: 1, max: 1e12 }),
    fc.integer({ min: 1, max: MAX_COUNT }),
  );

  test('property: rows, columns, within one, exact (channels 1–30, totals 1 to 2^53 − 1)', () => {
    fc.assert(
      fc.property(totals, shares, seasonality, (total, s, weights) => {
        const rows = splitByShares(total, s);
        const columns = splitByShares(total, weights);
        expect(sum(columns)).toBe(total);
        expectControlledRounding(controlledRounding(rows, columns), rows, columns);
      }),
      { numRuns: 300 },
    );
  });

  test('the properties catch a greedy rounding (each row split alone by the months)', () => {
    const greedy = (rows: number[], columns: number[]) => rows.map((r) => splitByShares(r, columns));
    const run = fc.check(
      fc.property(totals, shares, seasonality, (total, s, weights) => {
        const rows = splitByShares(total, s);
        const columns = splitByShares(total, weights);
        expectControlledRounding(greedy(rows, columns), rows, columns);
      }),
      { numRuns: 300, endOnFailure: true },
    );
    expect(run.failed).toBe(true);
  });

  test('property: arbitrary row and column totals with the same sum (not only a seasonality split)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
        (rows, cuts) => {
          const total = sum(rows);
          const columns = total ? splitByShares(total, cuts) : cuts.map(() => 0);
          expectControlledRounding(controlledRounding(rows, columns), rows, columns);
        },
      ),
      { numRuns: 300 },
    );
  });
});
