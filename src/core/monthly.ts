// Monthly split: a total over equal periods or seasonal weights, rounded by the largest
// remainder method so the parts always add up to the total. Pure.
import { finite, MAX_COLS, show, snap, whole } from './num';

export const MAX_PERIODS = MAX_COLS;
export const MAX_DECIMALS = 10;

/**
 * `total` split over `periods` (a count, or non-negative weights), each part rounded to
 * `decimals` by the largest remainder method: the parts sum exactly to `total` (first rounded
 * to `decimals`, ignoring float noise); ties go to the earlier period.
 * `splitTotal(100)` → 9,9,9,9,8,8,8,8,8,8,8,8.
 */
export function splitTotal(total: number, periods: number | number[] = 12, decimals = 0): number[] {
  const scale = 10 ** whole('decimals', decimals, 0, MAX_DECIMALS);
  const weights = typeof periods === 'number' ? new Array<number>(whole('periods', periods, 1, MAX_PERIODS)).fill(1) : periods;
  if (!weights.length || weights.length > MAX_PERIODS) throw new Error(`periods has ${weights.length} weights; give 1 to ${MAX_PERIODS}`);
  let sum = 0;
  for (const w of weights) {
    if (!(w >= 0)) throw new Error(`weight ${show(w)} is below 0`);
    sum += w;
  }
  if (!(finite(sum, 'the sum of the weights') > 0)) throw new Error('periods weights add up to 0; at least one weight must be above 0');
  // Rounded as written in decimal, as Sheets' ROUND does: 1.005 to 2 decimals is 1.01 (not 1.00).
  const units = Math.round(Number((Math.abs(total) * scale).toPrecision(12)));
  if (!Number.isSafeInteger(units)) throw new Error(`total ${show(total)} is too large to split to ${decimals} decimals (overflow)`);
  const n = weights.length;
  const parts: number[] = [];
  const rems: number[] = [];
  let left = units;
  for (let i = 0; i < n; i++) {
    const quota = (units * weights[i]) / sum;
    left -= parts[i] = Math.floor(snap(quota));
    rems[i] = quota - parts[i];
  }
  // Largest remainders first; near-equal remainders count as a tie, won by the earlier period.
  const order = [...parts.keys()].sort((a, b) => (Math.abs(rems[b] - rems[a]) > 1e-9 ? rems[b] - rems[a] : a - b));
  for (let k = 0; left > 0; k = (k + 1) % n, left--) parts[order[k]]++;
  return parts.map((p) => (p && (total < 0 ? -p : p) / scale));
}
