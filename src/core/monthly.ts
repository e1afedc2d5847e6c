// Monthly split: a total over equal periods or seasonal weights, rounded by the largest
// remainder method so the parts always add up to the total. Pure.
import { floorClean, show, snap } from './num';

/** A sheet has at most 18,278 columns (ZZZ): no split is wider. */
export const MAX_PERIODS = 18278;
export const MAX_DECIMALS = 10;

/**
 * `total` split over `periods` (a count, or non-negative weights), each part rounded to
 * `decimals` by the largest remainder method: the parts sum exactly to `total` (first rounded
 * to `decimals`, ignoring float noise); ties go to the earlier period.
 * `splitTotal(100)` → 9,9,9,9,8,8,8,8,8,8,8,8.
 */
export function splitTotal(total: number, periods: number | number[] = 12, decimals = 0): number[] {
  if (!Number.isFinite(total)) throw new Error(`total ${show(total)} is not a number`);
  if (!(Number.isInteger(decimals) && decimals >= 0 && decimals <= MAX_DECIMALS)) {
    throw new Error(`decimals ${show(decimals)} must be a whole number from 0 to ${MAX_DECIMALS}`);
  }
  const weights = typeof periods === 'number' ? countWeights(periods) : checkWeights(periods);
  const scale = 10 ** decimals;
  const units = Math.round(snap(Math.abs(total) * scale));
  if (!Number.isSafeInteger(units)) {
    throw new Error(`total ${show(total)} is too large to split to ${decimals} decimals (overflow)`);
  }
  const sign = total < 0 ? -1 : 1;
  let sum = 0;
  for (const w of weights) sum += w;
  const n = weights.length;
  const parts = new Array<number>(n);
  const rems = new Array<number>(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const quota = units * (weights[i] / sum);
    const base = floorClean(quota);
    parts[i] = base;
    rems[i] = Math.max(0, quota - base);
    given += base;
  }
  let left = units - given;
  if (left > 0) {
    // Largest remainders first; near-equal remainders count as a tie, won by the earlier period.
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
      const d = rems[b] - rems[a];
      return Math.abs(d) > 1e-9 ? d : a - b;
    });
    for (let k = 0; left > 0; k = (k + 1) % n, left--) parts[order[k]]++;
  }
  return parts.map((p) => (p === 0 ? 0 : (sign * p) / scale));
}

function countWeights(count: number): number[] {
  if (!Number.isInteger(count)) throw new Error(`periods ${show(count)} must be a whole number`);
  if (count < 1 || count > MAX_PERIODS) throw new Error(`periods ${show(count)} must be from 1 to ${MAX_PERIODS}`);
  return new Array<number>(count).fill(1);
}

function checkWeights(weights: number[]): number[] {
  if (weights.length === 0) throw new Error('periods has no weights (the range is empty)');
  if (weights.length > MAX_PERIODS) throw new Error(`periods has ${weights.length} weights; at most ${MAX_PERIODS}`);
  let sum = 0;
  for (const w of weights) {
    if (!Number.isFinite(w)) throw new Error(`weight ${show(w)} is not a number`);
    if (w < 0) throw new Error(`weight ${show(w)} is below 0 (weights must be 0 or more)`);
    sum += w;
  }
  if (!(sum > 0)) throw new Error('periods weights add up to 0; at least one weight must be above 0');
  if (!Number.isFinite(sum)) throw new Error('periods weights are too large to add up (overflow)');
  return weights;
}
