// Exact channel volumes. A stage's annual volume is split over its channels (fixed volumes first,
// then the rest by share, largest remainder), and the channels × months table is rounded so that
// every row, every column and every cell agree (a controlled rounding). Pure; integer arithmetic
// (BigInt) throughout, so it is exact at every size up to 2^53.

/** The largest count a plan may hold: 2^53 − 1, the largest exact whole number of a double. */
export const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/** A count as a message shows it: 1234567 → "1,234,567". */
export const formatCount = (x: number | bigint): string => String(x).replace(/\B(?=(\d{3})+$)/g, ',');

/** `x` as a BigInt when it is a whole number from 0 to 2^53 − 1, else an error naming `what` and `x`. */
export function countOf(what: string, x: unknown): bigint {
  if (typeof x === 'number' && Number.isSafeInteger(x) && x >= 0) return BigInt(x);
  throw new Error(`${what} ${String(x)} must be a whole number from 0 to ${formatCount(MAX_COUNT)}`);
}

/**
 * A finite number ≥ 0 as it is written in decimal (its shortest round-trip form, as a person typed
 * it): `{ digits, decimals }` with x = digits / 10^decimals. 0.15 is exactly 15/100 here, not the
 * binary 0.1499999999999999944…, so shares split as the user meant them.
 */
export function asWritten(x: number): { digits: bigint; decimals: number } {
  if (!(Number.isFinite(x) && x >= 0)) throw new Error(`${String(x)} is not a number from 0 up`);
  const [mantissa, exponent = '0'] = String(x).split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  const decimals = fraction.length - Number(exponent);
  const digits = BigInt(whole + fraction);
  return decimals >= 0 ? { digits, decimals } : { digits: digits * 10n ** BigInt(-decimals), decimals: 0 };
}

/** The indices of `values`, largest value first; equal values keep index order. */
function largestFirst(values: bigint[]): number[] {
  return [...values.keys()].sort((a, b) => (values[a] === values[b] ? a - b : values[b] > values[a] ? 1 : -1));
}

/**
 * `total` (a whole number) split in proportion to `shares` (numbers ≥ 0, read as written, not all 0
 * unless `total` is 0) by the largest remainder method: the parts are whole numbers summing exactly
 * to `total`, each within one of its exact quota total × share ÷ Σ shares; equal remainders go to
 * the earlier share. The shares need not add up to 1: they are used in proportion.
 */
export function splitByShares(total: number, shares: number[]): number[] {
  const t = countOf('total', total);
  const written = shares.map(asWritten);
  const decimals = Math.max(0, ...written.map((w) => w.decimals));
  const weights = written.map((w) => w.digits * 10n ** BigInt(decimals - w.decimals));
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) {
    if (t === 0n) return shares.map(() => 0);
    throw new Error(`shares add up to 0; ${formatCount(t)} cannot be split`);
  }
  const parts = weights.map((w) => (t * w) / sum);
  const remainders = weights.map((w) => (t * w) % sum);
  let left = t - parts.reduce((a, b) => a + b, 0n);
  const order = largestFirst(remainders);
  for (let k = 0; left > 0n; k++, left--) parts[order[k]]++;
  return parts.map(Number);
}

/**
 * Controlled rounding of the table of exact shares row × column ÷ total: given whole-number row
 * totals and column totals with the same sum N, a table of whole numbers whose rows sum to the row
 * totals, whose columns sum to the column totals, and whose every cell is ⌊x⌋ or ⌈x⌉ of its exact
 * x = row × column ÷ N (so |cell − x| < 1, and a whole x is kept as is).
 *
 * Method: every cell starts at ⌊x⌋ (exact, in BigInt). What each row and column still lacks is then
 * given as +1 to cells whose x has a fraction, at most one each: a bipartite b-matching (rows to
 * columns), found by augmenting paths (max flow). It always exists — the fractions themselves are a
 * fractional solution of the same transportation problem, whose bounds are integral (Bacharach 1966,
 * Cox 1987) — and each row tries its columns largest fraction first, so the cells nearest ⌈x⌉ are
 * the ones rounded up when there is a choice. Each +1 is one search over at most rows × columns
 * cells: 30 channels × 12 months take about a millisecond, 100 channels under two (Node 20).
 */
export function controlledRounding(rowTotals: number[], columnTotals: number[]): number[][] {
  const rows = rowTotals.map((x, i) => countOf(`row total ${i + 1}`, x));
  const columns = columnTotals.map((x, j) => countOf(`column total ${j + 1}`, x));
  const total = rows.reduce((a, b) => a + b, 0n);
  const columnSum = columns.reduce((a, b) => a + b, 0n);
  if (total !== columnSum) {
    const [r, c] = [formatCount(total), formatCount(columnSum)];
    throw new Error(`row totals add up to ${r} but column totals to ${c}; they must be equal`);
  }
  if (total > BigInt(MAX_COUNT)) throw new Error(`the total ${formatCount(total)} is above ${formatCount(MAX_COUNT)}`);
  if (total === 0n) return rows.map(() => columns.map(() => 0));

  const cells: bigint[][] = [];
  const fractions: bigint[][] = [];
  const rowNeed: number[] = [];
  const columnNeed = columns.slice();
  rows.forEach((r, i) => {
    cells[i] = columns.map((c) => (r * c) / total);
    fractions[i] = columns.map((c) => (r * c) % total);
    const sum = cells[i].reduce((a, b) => a + b, 0n);
    rowNeed[i] = Number(r - sum);
    cells[i].forEach((x, j) => (columnNeed[j] -= x));
  });
  const spare = columnNeed.map(Number);

  // up[i][j]: cell (i, j) is rounded up. candidates[i]: the columns where row i may round up.
  const up = rows.map(() => columns.map(() => false));
  const candidates = fractions.map((f) => largestFirst(f).filter((j) => f[j] > 0n));
  const seen: boolean[] = [];
  /** One more +1 for row i, moving other rows' +1s along an alternating path when a column is full. */
  const augment = (i: number): boolean => {
    // A column with room first (largest fraction first); else make room by moving another row's +1.
    const open = candidates[i].find((j) => !up[i][j] && !seen[j] && spare[j] > 0);
    if (open !== undefined) {
      seen[open] = true;
      spare[open]--;
      up[i][open] = true;
      return true;
    }
    for (const j of candidates[i]) {
      if (up[i][j] || seen[j]) continue;
      seen[j] = true;
      for (let k = 0; k < rows.length; k++) {
        if (k !== i && up[k][j] && augment(k)) {
          up[k][j] = false;
          up[i][j] = true;
          return true;
        }
      }
    }
    return false;
  };
  rowNeed.forEach((need, i) => {
    for (let n = 0; n < need; n++) {
      seen.length = 0;
      const why = `controlled rounding found no table for row ${i + 1} (a bug: one always exists)`;
      if (!augment(i)) throw new Error(why);
    }
  });
  return cells.map((row, i) => row.map((x, j) => Number(x) + (up[i][j] ? 1 : 0)));
}
