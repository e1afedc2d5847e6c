// Small numeric helpers shared by the core math and the custom-function runner: noise-free
// rounding, bounds with their messages, and values as messages show them. Pure.

/** The widest row a sheet holds (ZZZ): no split, lag or period count goes beyond it. */
export const MAX_COLS = 18278;

/** `x` snapped to the nearest integer when it is within floating-point noise of it (57 / 0.57 → 100). */
export function snap(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) <= 1e-9 * Math.max(1, Math.abs(x)) ? r : x;
}

/** A number as a person would write it in a message (no exponent noise for ordinary values). */
export const show = (x: number): string =>
  String(Number.isInteger(x) || Math.abs(x) >= 1e21 || Math.abs(x) < 1e-6 ? x : Number(x.toPrecision(12)));

/** A date as YYYY-MM-DD (local). */
export function isoDate(d: Date): string {
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
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
  throw new Error(`${what} ${show(x)} is above ${max}${x <= max * 100 ? ` — enter it as ${show(x)}% or ${show(x / 100)}` : ''}`);
}

/** A conversion rate must be in (0, 1]; above 1 the message suggests a percentage. */
export function rate(r: number, what = 'conversion rate'): number {
  // 1.0000000000000002 (e.g. =B3/B2) is a rate of 1, not a rate above 1.
  if (r > 0) return atMost(what, snap(r) === 1 ? 1 : r, 1);
  throw new Error(`${what} ${show(r)} must be above 0`);
}

/** Throws when `x` is NaN or ±Infinity (a result that overflowed). */
export function finite(x: number, what = 'result'): number {
  if (Number.isFinite(x)) return x;
  throw new Error(`${what} is too large to compute (overflow)`);
}
