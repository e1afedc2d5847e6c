// Small numeric helpers shared by the core math and the custom-function runner: rounding that
// ignores genuine floating-point noise (a few units in the last place, never a relative 1e-9),
// exact decimal reading of a double, bounds with their messages, and values as messages show them. Pure.

/** The widest row a sheet holds (ZZZ): no split, lag or period count goes beyond it. */
export const MAX_COLS = 18278;

/** The largest volume, target or amount the functions compute exactly: 10^15 (one thousand trillion). */
export const MAX_AMOUNT = 1e15;
/** MAX_AMOUNT as messages write it. */
export const MAX_AMOUNT_TEXT = '1e15 (1,000,000,000,000,000)';

/** Noise tolerance in units in the last place: 57 / 0.57 is 100.00000000000001, one ulp above 100. */
const NOISE_ULPS = 2;

/** `k` (a whole number) when `x` is within a few ulps of it, else undefined. */
export function nearWhole(x: number): number | undefined {
  const k = Math.round(x);
  return Math.abs(x - k) <= NOISE_ULPS * Number.EPSILON * Math.max(1, Math.abs(x)) ? k : undefined;
}

/** `x` snapped to the nearest integer when it is within floating-point noise (a few ulps) of it. */
export const snap = (x: number): number => nearWhole(x) ?? x;

/**
 * The smallest whole number n with n × `rate` ≥ `below` (computed as the spreadsheet does, in
 * doubles), except that when below ÷ rate is within a few ulps of a whole number that number is
 * the answer (57 ÷ 0.57 is 100, although 100 × 0.57 is 56.99999999999999). `rate` > 0, `below` ≥ 0.
 */
export function roundUpTo(below: number, rate: number): number {
  const q = below / rate;
  const k = nearWhole(q);
  if (k !== undefined || !(q < 2 ** 53)) return k ?? q;
  let n = Math.ceil(q);
  while (n > 0 && (n - 1) * rate >= below) n--;
  while (n * rate < below) n++;
  return n;
}

/** A number as a person would write it in a message (no exponent noise for ordinary values). */
export const show = (x: number): string =>
  String(Number.isInteger(x) || Math.abs(x) >= 1e21 || Math.abs(x) < 1e-6 ? x : Number(x.toPrecision(12)));

/** A date as YYYY-MM-DD (local). */
export function isoDate(d: Date): string {
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** A finite double as the decimal it is written as (its shortest round-trip form): digits × 10^exponent. */
export function decimalOf(x: number): { digits: bigint; exponent: number } {
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Math.abs(x)))!;
  const frac = m[2] ?? '';
  return { digits: BigInt(m[1] + frac), exponent: Number(m[3] ?? 0) - frac.length };
}

/**
 * |x| in whole units of 10^-decimals, rounded half away from zero as written in decimal (as
 * Sheets' ROUND does: 1.005 to 2 decimals is 1.01), exactly, as a BigInt.
 */
export function decimalUnits(x: number, decimals: number): bigint {
  const { digits, exponent } = decimalOf(x);
  const shift = exponent + decimals;
  if (shift >= 0) return digits * 10n ** BigInt(shift);
  const div = 10n ** BigInt(-shift);
  return digits / div + (2n * (digits % div) >= div ? 1n : 0n);
}

/** `x` as a whole number from `min` to `max` (float noise ignored), else an error naming `what` and `x`. */
export function whole(what: string, x: number, min: number, max: number): number {
  const k = snap(x);
  if (Number.isInteger(k) && k >= min && k <= max) return k;
  throw new Error(`${what} ${show(x)} must be a whole number from ${min} to ${max}`);
}

/** `x` above `max` is an error; one that reads as a percentage (25 for max 1) says how to enter it. */
export function atMost(what: string, x: number, max: number): number {
  if (!(x > max)) return x;
  const hint = x <= max * 100 ? ` — enter it as ${show(x)}% or ${show(x / 100)}` : '';
  throw new Error(`${what} ${show(x)} is above ${max}${hint}`);
}

/** A conversion rate must be in (0, 1]; above 1 the message suggests a percentage. */
export function rate(r: number, what = 'conversion rate'): number {
  // 1.0000000000000002 (e.g. =B3/B2) is a rate of 1, not a rate above 1.
  // A rate just below 1 stays as given: the round-up must reach the stage below with it.
  if (r > 0) return atMost(what, r > 1 && snap(r) === 1 ? 1 : r, 1);
  throw new Error(`${what} ${show(r)} must be above 0`);
}

/** Throws when `x` is NaN or ±Infinity (a result that overflowed). */
export function finite(x: number, what = 'result'): number {
  if (Number.isFinite(x)) return x;
  throw new Error(`${what} is too large to compute (overflow)`);
}
