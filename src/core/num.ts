// Small numeric helpers shared by the core math: noise-free rounding and value formatting
// for error messages. Pure; no Apps Script globals.

/** Relative tolerance under which a float is taken as the integer it is next to (57 / 0.57 → 100). */
const NOISE = 1e-9;

/** `x` snapped to the nearest integer when it is within floating-point noise of it. */
export function snap(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) <= NOISE * Math.max(1, Math.abs(x)) ? r : x;
}

/** Ceiling that ignores floating-point noise: ceilClean(57 / 0.57) = 100, not 101. */
export const ceilClean = (x: number): number => Math.ceil(snap(x));

/** Floor that ignores floating-point noise. */
export const floorClean = (x: number): number => Math.floor(snap(x));

/** A number as a person would write it in a message (no exponent noise for ordinary values). */
export function show(x: number): string {
  if (Number.isInteger(x) || Math.abs(x) >= 1e21 || Math.abs(x) < 1e-6) return String(x);
  return String(Number(x.toPrecision(12)));
}

/** Message for a conversion rate outside (0, 1]; '' when it is fine. */
export function rateProblem(rate: number, label = 'conversion rate'): string {
  if (!Number.isFinite(rate)) return `${label} ${show(rate)} is not a number`;
  if (rate > 1) {
    const pct = show(rate);
    return rate <= 100
      ? `${label} ${pct} is above 1 — enter it as ${pct}% or ${show(rate / 100)}`
      : `${label} ${pct} is above 1 — a rate is at most 100% (1)`;
  }
  if (rate <= 0) return `${label} ${show(rate)} must be above 0`;
  return '';
}

/** Throws when `x` is NaN or ±Infinity (a result that overflowed). */
export function finite(x: number, what = 'result'): number {
  if (!Number.isFinite(x)) throw new Error(`${what} is too large to compute (overflow)`);
  return x;
}
