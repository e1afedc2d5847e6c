// Monthly split: a total over equal periods or seasonal weights, in whole units of
// 10^-decimals, rounded by the largest remainder method so the parts always add up to the
// total exactly. Integer arithmetic throughout (doubles where every step is provably exact,
// BigInt otherwise), so no digit of the total is ever dropped. Pure.
import { decimalOf, decimalUnits, MAX_COLS, show, whole } from './num';

export const MAX_PERIODS = MAX_COLS;
export const MAX_DECIMALS = 10;
/** The largest seasonality weight a plan may give (weights are relative: 1 is an average month). */
export const MAX_WEIGHT = 1e6;
/** The largest |total| split to 0 decimals: 2^53, the last whole number a double holds exactly. */
const MAX_UNITS = 2 ** 53;
/**
 * Up to 10^15 units of 10^-decimals (15 significant digits) every part is held exactly: it reads
 * back as written and part × 10^decimals rounds back to its units. From there to 2^53 a part may
 * have 16–17 digits that no double holds (562949953421312.3 reads back as …312.2): such a split is
 * refused, never returned wrong.
 */
export const MAX_DECIMAL_UNITS = 1e15;
/**
 * Work budget of one call on the BigInt path, in periods × (50 + BigInt words) (measured: about
 * 0.3 s): weights of wildly different magnitudes (1e308 next to 5e-324) need wide integers; a
 * 10,000 × 12 block fits with any weights, and a split that would be slow is refused, never run.
 */
const MAX_WORK = 1.2e7;

/** Weights as exact integers (each weight as written in decimal, scaled to a common power of ten). */
export interface Weights {
  /** One integer per period, as a double when every product below stays exact, else BigInt. */
  ints: number[] | bigint[];
  sum: number | bigint;
  /** Every weight equal (the plain count form). */
  equal: boolean;
  /** Cost of one split in periods × (50 + BigInt words) (0 on the double path). */
  work: number;
}

/** A period count or a list of weights ≥ 0 (not all 0) as exact integers. */
export function weightsOf(periods: number | number[] = 12): Weights {
  if (typeof periods === 'number') {
    const n = whole('periods', periods, 1, MAX_PERIODS);
    return { ints: new Array<number>(n).fill(1), sum: n, equal: true, work: 0 };
  }
  const n = periods.length;
  if (!n || n > MAX_PERIODS) throw new Error(`periods has ${n} weights; give 1 to ${MAX_PERIODS}`);
  const decs = periods.map((w) => {
    if (!(w >= 0 && w < Infinity)) throw new Error(`weight ${show(w)} is ${w < 0 ? 'below 0' : 'not a valid number'}`);
    return w > 0 ? decimalOf(w) : undefined;
  });
  let low = Infinity;
  for (const d of decs) if (d) low = Math.min(low, d.exponent);
  if (low === Infinity) throw new Error('periods weights add up to 0; at least one weight must be above 0');
  const big = decs.map((d) => (d ? d.digits * 10n ** BigInt(d.exponent - low) : 0n));
  let sum = 0n;
  for (const w of big) sum += w;
  const equal = big.every((w) => w === big[0]);
  if (equal) return { ints: new Array<number>(n).fill(1), sum: n, equal, work: 0 };
  // Doubles are exact while sum × max weight ≤ 2^53 (see split: every product stays below it).
  let max = 0n;
  for (const w of big) if (w > max) max = w;
  if (sum * max <= 2n ** 53n) return { ints: big.map(Number), sum: Number(sum), equal, work: 0 };
  const words = Math.ceil((sum.toString(2).length + 53) / 64);
  return { ints: big, sum, equal, work: n * (50 + words) };
}

/** How many splits over `w` fit the work budget (for a block of totals): Infinity on the double path. */
export const splitsWithinBudget = (w: Weights): number => (w.work ? Math.floor(MAX_WORK / w.work) : Infinity);

/** Largest remainder: one more unit to the `left` periods with the largest remainders, ties to the earlier. */
function distribute<R extends number | bigint>(parts: number[], rems: R[], left: number): void {
  if (!left) return;
  const order = [...parts.keys()].sort((a, b) => (rems[a] === rems[b] ? a - b : rems[b] > rems[a] ? 1 : -1));
  for (let k = 0; k < left; k++) parts[order[k]]++;
}

/** `units` (a whole number ≤ 2^53) split over the integer weights, in whole units. */
function splitUnits(units: number, w: Weights): number[] {
  const n = w.ints.length;
  const parts = new Array<number>(n);
  if (w.equal) {
    const r = units % n;
    parts.fill((units - r) / n);
    for (let i = 0; i < r; i++) parts[i]++;
    return parts;
  }
  let left = units;
  if (typeof w.sum === 'number') {
    // units = a·S + b with b < S: quota_i = a·w_i + (b·w_i) / S, and b·w_i < S·max(w) ≤ 2^53 is exact.
    const S = w.sum;
    const b = units % S;
    const a = (units - b) / S;
    const rems = new Array<number>(n);
    (w.ints as number[]).forEach((wi, i) => {
      const x = b * wi;
      rems[i] = x % S;
      left -= parts[i] = a * wi + (x - rems[i]) / S;
    });
    distribute(parts, rems, left);
    return parts;
  }
  const U = BigInt(units);
  const S = w.sum as bigint;
  const rems = (w.ints as bigint[]).map((wi, i) => {
    const x = U * wi;
    left -= parts[i] = Number(x / S);
    return x % S;
  });
  distribute(parts, rems, left);
  return parts;
}

/** |total| in units of 10^-decimals as a double, or an error naming the bound. */
export function unitsOf(total: number, decimals: number): number {
  const units = Number.isFinite(total) ? decimalUnits(total, decimals) : Infinity;
  if (units <= BigInt(MAX_UNITS)) return Number(units);
  const scaled = decimals ? ` × 10^${decimals}` : '';
  throw new Error(
    `total ${show(total)} is too large to split to ${decimals} decimals: |total|${scaled} must be at most 2^53 (${MAX_UNITS})`,
  );
}

/** k units of 10^-d as a double that reads back as exactly k units (as text and × 10^d), else an error. */
function partOf(k: number, d: number, scale: number, total: number): number {
  const p = k / scale;
  if (k <= MAX_DECIMAL_UNITS || (Math.round(p * scale) === k && decimalUnits(p, d) === BigInt(k))) return p;
  throw new Error(
    `total ${show(total)} cannot be split exactly to ${d} decimals: a part of ${k} units of 10^-${d} has more ` +
      `digits than a number holds; |total| × 10^${d} up to 10^15 always splits`,
  );
}

/**
 * `total` split over `periods` (a count, or non-negative weights), each part a multiple of
 * 10^-decimals: the parts sum exactly to `total` rounded to `decimals` (as written in decimal,
 * like Sheets' ROUND), by the largest remainder method over the exact quotas; ties go to the
 * earlier period. `splitTotal(100)` → 9,9,9,9,8,8,8,8,8,8,8,8. |total| × 10^decimals above 2^53 is
 * an error, and so is a split with decimals past 10^15 units whose parts no double holds exactly
 * (see MAX_DECIMAL_UNITS). Pass `weightsOf(periods)` to split many totals over the same weights.
 */
export function splitTotal(total: number, periods: number | number[] | Weights = 12, decimals = 0): number[] {
  const d = whole('decimals', decimals, 0, MAX_DECIMALS);
  const w = typeof periods === 'object' && !Array.isArray(periods) ? periods : weightsOf(periods);
  const parts = splitUnits(unitsOf(total, d), w);
  const scale = 10 ** d;
  const sign = total < 0 ? -1 : 1;
  // Up to 10^15 (< 2^51) units, k / 10^d is the double nearest to the decimal and × 10^d rounds back to k.
  return parts.map((k) => (k ? sign * (d ? partOf(k, d, scale, total) : k) : 0));
}
