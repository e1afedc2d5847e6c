// Issue 11 acceptance on the built dist/Code.js (loaded into a fresh vm realm, as Sheets does):
// fast-check properties over totals and goals from 1e-6 to 1e15 and 0–10 decimals, more than
// 20,000 random calls in all. Exact sums (checked as integers against an exact largest-remainder
// oracle), honest round-up at every stage, never NaN/Infinity/null/undefined/empty, errors that
// start with the function's name, and bounded work (output sizes and bound errors, no timings).
import fc from 'fast-check';
import type vm from 'node:vm';
import { ensureBuilt, loadDist } from './load';

type Fn = (...args: unknown[]) => unknown;
let ctx: vm.Context;
const fn = (name: string) => ctx[name] as Fn;
let calls = 0;

beforeAll(() => {
  ensureBuilt();
  ctx = loadDist();
});
afterAll(() => {
  // Not vacuous: the properties below really made this many calls into dist/Code.js.
  expect(calls).toBeGreaterThanOrEqual(20_000);
});

/** A check without jest's expect (20,000 calls × several checks: expect's own cost would dominate). */
function must(ok: boolean, message: string): void {
  if (!ok) throw new Error(message);
}
const tag = (v: unknown) => Object.prototype.toString.call(v);
const okCell = (v: unknown) =>
  (typeof v === 'number' && Number.isFinite(v)) ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  tag(v) === '[object Date]';

/** Calls `name`; its result (every cell checked, never an empty array or row) or its error message (checked prefix). */
function run(name: string, ...args: unknown[]): { out?: unknown; error?: string } {
  calls++;
  let out: unknown;
  try {
    out = fn(name)(...args);
  } catch (e) {
    const message = (e as Error).message;
    must(
      tag(e) === '[object Error]' && message.startsWith(`${name}: `),
      `not an Error starting with the function name: ${String(e)}`,
    );
    return { error: message };
  }
  if (Array.isArray(out)) {
    if (!out.length) throw new Error(`${name} returned an empty array`);
    let cells = 0;
    for (const row of out) {
      if (!Array.isArray(row) || !row.length) throw new Error(`${name} returned an empty or non-array row`);
      for (const v of row) if (!okCell(v)) throw new Error(`${name} returned ${String(v)}`);
      cells += row.length;
    }
    if (cells > 1_000_000) throw new Error(`${name} returned ${cells} cells`);
  } else if (!okCell(out)) throw new Error(`${name} returned ${String(out)}`);
  return { out };
}

// ---- generators: magnitudes 1e-6 … 1e15, written with 1 to 17 significant digits ----
const magnitude = fc
  .tuple(fc.double({ min: -6, max: 15, noNaN: true }), fc.integer({ min: 0, max: 17 }))
  .map(([e, digits]) => {
    const x = 10 ** e;
    return digits ? Math.min(1e15, Number(x.toPrecision(digits))) : x;
  });
const wholeAmount = fc.bigInt({ min: 0n, max: 10n ** 15n }).map(Number);
const amount = fc.oneof(
  magnitude,
  wholeAmount,
  fc.constantFrom(0, 1, 10_000_000_007, 45_520_337_370, 50_000_000, 2, 1e15),
);
const decimals = fc.integer({ min: 0, max: 10 });

/** The bound of issue 11: |total| × 10^decimals ≤ 2^53. */
const fits = (units: bigint) => units <= 2n ** 53n;
/** Whether k units of 10^-d have a double that reads back as k units, as text and × 10^d. */
const holdable = (k: bigint, d: number) => {
  const p = Number(k) / 10 ** d;
  return BigInt(Math.round(p * 10 ** d)) === k && unitsOf(p, d) === k;
};

// ---- an exact oracle for the split: decimals as written, BigInt quotas, largest remainder ----
function decimal(x: number): { digits: bigint; exp: number } {
  const [mantissa, e = '0'] = String(Math.abs(x)).split('e');
  const [int, frac = ''] = mantissa.split('.');
  return { digits: BigInt(int + frac), exp: Number(e) - frac.length };
}
function unitsOf(total: number, d: number): bigint {
  const { digits, exp } = decimal(total);
  if (exp + d >= 0) return digits * 10n ** BigInt(exp + d);
  const div = 10n ** BigInt(-(exp + d));
  return digits / div + (2n * (digits % div) >= div ? 1n : 0n);
}
function oracle(units: bigint, weights: number[]): bigint[] {
  const ds = weights.map(decimal);
  const low = Math.min(...ds.filter((_, i) => weights[i] > 0).map((x) => x.exp));
  const w = ds.map((x, i) => (weights[i] > 0 ? x.digits * 10n ** BigInt(x.exp - low) : 0n));
  const sum = w.reduce((a, b) => a + b, 0n);
  const parts = w.map((wi) => (units * wi) / sum);
  const rems = w.map((wi) => (units * wi) % sum);
  let left = units - parts.reduce((a, b) => a + b, 0n);
  const order = [...parts.keys()].sort((a, b) => (rems[a] === rems[b] ? a - b : rems[b] > rems[a] ? 1 : -1));
  for (let k = 0; left > 0n; k++, left--) parts[order[k]]++;
  return parts;
}

describe('KPI_MONTHLY: exact splits at every size (dist/Code.js)', () => {
  const weight = fc.oneof(
    { weight: 4, arbitrary: fc.double({ min: 0, max: 10, noNaN: true }) },
    { weight: 2, arbitrary: fc.constantFrom(0, 1, 0.7, 1.1, 1.3, 1 / 3, 2 / 3, 1e308, 5e-324, 1e-300, 12.5) },
    { weight: 1, arbitrary: fc.double({ min: 5e-324, max: 1e308, noNaN: true }) },
  );
  const periods = fc.oneof(
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 24 }) },
    // (a single cell is a count, so weights come two or more)
    { weight: 3, arbitrary: fc.array(weight, { minLength: 2, maxLength: 24 }) },
    { weight: 1, arbitrary: fc.constantFrom(12, 13, 365, undefined, '') },
  );
  const sign = fc.constantFrom(1, 1, 1, -1);

  test('parts sum exactly (as integers) to the total rounded to decimals, by the largest remainder; past 2^53 an error', () => {
    fc.assert(
      fc.property(amount, sign, periods, fc.option(decimals, { nil: undefined }), (t, s, p, d) => {
        const total = s * t;
        const weights = Array.isArray(p) ? p : new Array<number>(typeof p === 'number' ? p : 12).fill(1);
        const { out, error } = run('KPI_MONTHLY', total, Array.isArray(p) ? [p] : p, d);
        const places = d ?? 0;
        const units = unitsOf(total, places);
        if (error !== undefined) {
          // Refused only past 2^53, or when a part of the exact split has no double that holds it.
          const expected = !weights.some((w) => w > 0)
            ? 'add up to 0'
            : !fits(units)
              ? 'must be at most 2^53'
              : oracle(units, weights).every((k) => holdable(k, places))
                ? 'no error'
                : 'cannot be split exactly';
          must(error.includes(expected), `expected "${expected}" for ${total}, ${JSON.stringify(p)}, ${d}: ${error}`);
          return;
        }
        if (!fits(units)) throw new Error(`split ${total} past the bound`);
        const row = (out as number[][])[0];
        if ((out as unknown[]).length !== 1 || row.length !== weights.length)
          throw new Error(`shape of ${JSON.stringify(out)}`);
        const scaled = row.map((x) => BigInt(Math.round(Math.abs(x) * 10 ** places)));
        row.forEach((x, i) => {
          // The double nearest to a multiple of 10^-decimals (so it reads back as written), on the side of the total.
          if (Math.abs(x) !== Number(scaled[i]) / 10 ** places || (x !== 0 && Math.sign(x) !== Math.sign(total))) {
            throw new Error(`part ${x} of ${total} to ${places} decimals`);
          }
        });
        if (scaled.reduce((a, b) => a + b, 0n) !== units) expect(scaled.reduce((a, b) => a + b, 0n)).toBe(units);
        const exact = oracle(units, weights);
        if (scaled.some((x, i) => x !== exact[i])) expect(scaled).toEqual(exact);
      }),
      { numRuns: 7000 },
    );
  });

  test('a column of totals: one exact row per total, blanks stay blank', () => {
    const total = fc.oneof(amount, fc.constant(''));
    fc.assert(
      fc.property(
        fc.array(total, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 14 }),
        decimals,
        (totals, n, d) => {
          const { out, error } = run(
            'KPI_MONTHLY',
            totals.map((t) => [t]),
            n,
            d,
          );
          if (error !== undefined) {
            expect(error).toMatch(/must be at most 2\^53|cannot be split exactly/);
            expect(totals.some((t) => t !== '' && (!fits(unitsOf(t, d)) || unitsOf(t, d) > 10n ** 15n))).toBe(true);
            return;
          }
          const rows = out as (number | string)[][];
          expect(rows).toHaveLength(totals.length);
          rows.forEach((r, i) => {
            expect(r).toHaveLength(n);
            if (totals[i] === '') expect(r.every((c) => c === '')).toBe(true);
            else
              expect(r.reduce((a, c) => a + BigInt(Math.round((c as number) * 10 ** d)), 0n)).toBe(
                unitsOf(totals[i] as number, d),
              );
          });
        },
      ),
      { numRuns: 1500 },
    );
  });

  test('work is bounded: a result past 1,000,000 cells is refused, anything else has exactly its shape', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 55, 100, 5000), fc.constantFrom(12, 1000, 18_278), (rows, n) => {
        // 55 × 18,278 and 100 × 18,278 are just past the limit; 5000 × 12 is a real block.
        const { out, error } = run(
          'KPI_MONTHLY',
          Array.from({ length: rows }, () => [1e6]),
          n,
        );
        if (rows * n > 1_000_000)
          expect(error).toBe(`KPI_MONTHLY: the result would have ${rows}×${n} cells; at most 1000000 are supported`);
        else {
          expect(out as unknown[]).toHaveLength(rows);
          expect((out as unknown[][])[0]).toHaveLength(n);
        }
      }),
      { numRuns: 15 },
    );
  });
});

describe('KPI_FUNNEL / KPI_TARGET: honest round-up at every size (dist/Code.js)', () => {
  const rate = fc.oneof(
    { weight: 3, arbitrary: fc.double({ min: 1e-6, max: 1, noNaN: true }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(0.57, 0.3, 0.07, 0.1, 0.2, 0.25, 0.4, 0.5, 1, 0.0015987705317309542, 1e-12),
    },
  );
  const rates = fc.oneof(
    { weight: 12, arbitrary: fc.array(rate, { minLength: 1, maxLength: 6 }) },
    { weight: 1, arbitrary: fc.array(rate, { minLength: 40, maxLength: 60 }) },
  );
  const unitValue = fc.option(fc.oneof(magnitude, fc.constantFrom(500_000, 75_000, 1)), { nil: undefined });
  const roundUp = fc.constantFrom(undefined, true, false, '');
  /** Within a few ulps of a whole number: the noise the round-up ignores (57 ÷ 0.57 is 100). */
  const noise = (q: number, k: number) => Math.abs(q - k) <= 2 * Number.EPSILON * Math.max(1, Math.abs(q));

  /** `n` is the smallest whole number with n × by ≥ below, or below ÷ by is noise away from it. */
  const smallestReaching = (n: number, below: number, by: number) => {
    if (!Number.isInteger(n)) throw new Error(`${n} is not a whole number`);
    if (noise(below / by, n)) return;
    if (!(n * by >= below)) throw new Error(`${n} × ${by} = ${n * by} does not reach ${below}`);
    if (n > 0 && !((n - 1) * by < below))
      throw new Error(`${n} is not the smallest: ${n - 1} × ${by} reaches ${below}`);
  };

  test('every stage is the smallest whole number whose × rate reaches the stage below; past 1e15 a bound error', () => {
    fc.assert(
      fc.property(amount, rates, unitValue, roundUp, (goal, rs, uv, up) => {
        const { out, error } = run('KPI_FUNNEL', goal, [rs], uv, up);
        const unrounded = [goal / (uv ?? 1)];
        for (let i = rs.length; i--; ) unrounded.unshift(unrounded[0] / rs[i]);
        // The rounded-up chain by the rule itself: within 2 ulps of a whole number is that number,
        // else the ceiling (so 1 ÷ 0.9999999999999989 really needs 2).
        const up1 = (x: number) => {
          if (up === false) return x;
          const whole = Math.round(x);
          return noise(x, whole) ? whole : Math.ceil(x);
        };
        let least = up1(goal / (uv ?? 1));
        for (let i = rs.length; i--; ) least = Math.max(least, up1(least / rs[i]));
        if (error !== undefined) {
          if (rs.length > 49)
            must(
              error ===
                `KPI_FUNNEL: rates has ${rs.length} conversion rates; a funnel has at most 50 stages (49 rates)`,
              error,
            );
          else
            must(
              error.includes('above 1e15 (1,000,000,000,000,000)') && least >= 1e15 * (1 - 1e-5),
              `${error} (lower bound ${least})`,
            );
          return;
        }
        const v = (out as number[][]).map((r) => (r.length === 1 ? r[0] : NaN));
        if (rs.length > 49 || v.length !== rs.length + 1) throw new Error(`${v.length} stages for ${rs.length} rates`);
        if (!v.every((x) => x <= 1e15)) throw new Error(`a stage above 1e15: ${v}`);
        if (up === false) {
          if (v.some((x, i) => !(Math.abs(x - unrounded[i]) <= 1e-12 * unrounded[i])))
            throw new Error(`unrounded ${v} vs ${unrounded}`);
          return;
        }
        smallestReaching(v[rs.length], goal, uv ?? 1);
        for (let i = 0; i < rs.length; i++) smallestReaching(v[i], v[i + 1], rs[i]);
      }),
      { numRuns: 8000 },
    );
  });

  test('KPI_TARGET is the top of KPI_FUNNEL', () => {
    fc.assert(
      fc.property(amount, fc.array(rate, { minLength: 1, maxLength: 5 }), unitValue, (goal, rs, uv) => {
        const target = run('KPI_TARGET', goal, [rs], uv);
        const funnel = run('KPI_FUNNEL', goal, [rs], uv);
        if (funnel.error !== undefined) expect(target.error).toBe(funnel.error.replace('KPI_FUNNEL', 'KPI_TARGET'));
        else expect(target.out).toBe((funnel.out as number[][])[0][0]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('tracking functions at every magnitude (dist/Code.js)', () => {
  const value = fc.oneof(amount, fc.constant(''));
  test('progress, forecast, remaining and lag never give NaN/Infinity/empty, errors carry the name', () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 12 }),
        amount,
        fc.integer({ min: -30, max: 30 }),
        (row, t, k) => {
          const p = run('KPI_PROGRESS', [row], t);
          if (Array.isArray(p.out)) expect(p.out[0]).toHaveLength(row.length);
          run('KPI_FORECAST', [row]);
          run('KPI_REMAINING', t, row[0], 1 + Math.abs(k));
          const l = run('KPI_LAG', [row], k);
          if (row.length > 1) expect((l.out as unknown[][])[0]).toHaveLength(row.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('the examples of issue 11, on dist/Code.js', () => {
  const sumUnits = (out: unknown, d: number) =>
    (out as number[][])[0].reduce((a, x) => a + BigInt(Math.round(x * 10 ** d)), 0n);
  test('exact splits', () => {
    expect(sumUnits(run('KPI_MONTHLY', 10_000_000_007).out, 0)).toBe(10_000_000_007n);
    expect(sumUnits(run('KPI_MONTHLY', 45_520_337_370).out, 0)).toBe(45_520_337_370n);
    expect(sumUnits(run('KPI_MONTHLY', 50_000_000, 12, 2).out, 2)).toBe(5_000_000_000n);
    expect(sumUnits(run('KPI_MONTHLY', 2, 3, 10).out, 10)).toBe(20_000_000_000n);
  });
  test('honest round-up', () => {
    expect(run('KPI_FUNNEL', 1e9, 0.3).out).toEqual([[3_333_333_334], [1e9]]);
    expect(run('KPI_TARGET', 930_127, 0.0015987705317309542).out).toBe(581_776_423);
    expect(run('KPI_TARGET', 57, 0.57).out).toBe(100);
  });
  test('bounds and shapes', () => {
    expect(run('KPI_FUNNEL', 1, [new Array(1_100_000).fill(0.9)]).error).toBe(
      'KPI_FUNNEL: rates has 1100000 cells; at most 1000000 are supported',
    );
    expect(run('KPI_TARGET', 1, [new Array(50).fill(0.9)]).error).toContain('at most 50 stages (49 rates)');
    expect(run('KPI_MONTHLY', [['']], [[''], ['']]).out).toEqual([new Array(12).fill('')]);
    expect(run('KPI_MONTHLY', 100, [[''], ['']]).out).toEqual([[9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]]);
    expect(run('KPI_LAG', [[]], 1).out).toBe('');
  });
  test('a 10,000 × 12 block answers in one call for every block function (shapes, not timings)', () => {
    const block = Array.from({ length: 10_000 }, (_, r) => Array.from({ length: 12 }, (_, c) => (r + c) % 7 || ''));
    const column = block.map((r) => [r.length * 1000]);
    const shape = (out: unknown) => [(out as unknown[][]).length, (out as unknown[][])[0].length];
    expect(shape(run('KPI_MONTHLY', column, [[1, 1, 1.1, 1, 0.7, 1, 1.1, 1.1, 0.9, 0.8, 1, 1.3]]).out)).toEqual([
      10_000, 12,
    ]);
    expect(shape(run('KPI_PROGRESS', block, 5).out)).toEqual([10_000, 12]);
    expect(shape(run('KPI_PACE', block, 5, '2025-01-01', '2025-12-31', '2025-06-30').out)).toEqual([10_000, 12]);
    expect(shape(run('KPI_FORECAST', block).out)).toEqual([10_000, 1]);
    expect(shape(run('KPI_REMAINING', block, 1, 3).out)).toEqual([10_000, 12]);
    expect(shape(run('KPI_STATUS', block, 0.8, 1, 'en').out)).toEqual([10_000, 12]);
    expect(shape(run('KPI_LAG', block, 2).out)).toEqual([10_000, 12]);
  });
});
