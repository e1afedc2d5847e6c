// The KPI_* custom functions as ONE declarative table: per name, the parameters (type, bounds,
// default) and the implementation over the coerced arguments. runner.ts does the coercion and
// errors from it; scripts/build.mjs generates the documented stubs in dist/Code.js and
// scripts/docs.mjs the README reference from it and docs.ts (the text, kept out of dist).
// The math lives in src/core/.
import { funnelVolumes } from '../core/funnel';
import { DEFAULT_THRESHOLDS, langFromLocale } from '../core/locale';
import { MAX_DECIMALS, MAX_PERIODS, splitsWithinBudget, splitTotal, weightsOf } from '../core/monthly';
import { forecast, lag, MAX_LAG, pace, progress, remaining, status, type Lang } from '../core/tracking';
import { at, elementwise, MAX_CELLS, type Grid, type Num } from './runner';
import type { CellOut, FunctionSpec, Output, ParamSpec, ParamType } from './types';

/** A parameter (its name kept as a literal type, so docs.ts must document exactly these). */
const param = <N extends string>(name: N, type: ParamType, options?: Omit<ParamSpec, 'name' | 'type'>) => ({
  name,
  type,
  ...options,
});
const OPTIONAL = { optional: true };

const FUNNEL_PARAMS = [
  param('goal', 'number'),
  param('rates', 'vector'),
  param('unit_value', 'number', OPTIONAL),
  param('round_up', 'boolean', { default: true }),
];

/** The spreadsheet's language, read at call time; 'en' when there is no spreadsheet (tests, preview). */
function sheetLang(): Lang {
  try {
    return langFromLocale(SpreadsheetApp.getActiveSpreadsheet()?.getSpreadsheetLocale());
  } catch {
    return 'en';
  }
}

/** Each row of a block through `f`: one row gives one value (a single value when it was one), several rows a column. */
function perRow(g: Grid<CellOut>, f: (row: CellOut[]) => CellOut | CellOut[], one = g.rows === 1): Output {
  const rows = Array.from({ length: g.rows }, (_, r) => [f(g.cells.slice(r * g.cols, (r + 1) * g.cols))].flat());
  return one ? (rows[0]?.[0] ?? '') : rows.length ? rows : '';
}

/** A single column (n × 1) is one series, like a row (PRODUCT.md: monthly rows may come as a column). */
const series = <T>(g: Grid<T>): Grid<T> => (g.cols === 1 && g.rows > 1 ? { ...g, rows: 1, cols: g.rows } : g);

/** The table (`satisfies` checks it; its own type keeps the parameter names for docs.ts). */
export const TABLE = {
  KPI_TARGET: { params: FUNNEL_PARAMS, run: (...a: Parameters<typeof funnelVolumes>) => funnelVolumes(...a)[0] },
  KPI_FUNNEL: {
    params: FUNNEL_PARAMS,
    run: (...a: Parameters<typeof funnelVolumes>) => funnelVolumes(...a).map((v) => [v]),
  },
  KPI_MONTHLY: {
    params: [
      param('total', 'range'),
      param('periods', 'count', { weights: true, min: 1, max: MAX_PERIODS, default: 12 }),
      param('decimals', 'count', { min: 0, max: MAX_DECIMALS, default: 0 }),
    ],
    run: (total: Grid<Num>, periods: number | number[], decimals: number) => {
      if (total.cols > 1)
        throw new Error(
          `total must be a single value or a column of totals, received a ${total.rows}×${total.cols} range`,
        );
      const weights = weightsOf(periods); // once for every total
      const width = weights.ints.length;
      if (total.rows * width > MAX_CELLS)
        throw new Error(`the result would have ${total.rows}×${width} cells; at most ${MAX_CELLS} are supported`);
      const filled = total.cells.filter((t) => t !== '').length;
      const most = splitsWithinBudget(weights);
      if (filled > most) {
        throw new Error(
          `these weights need wide exact integers: split at most ${most} totals over them in one call, ` +
            'or round the weights to fewer digits',
        );
      }
      return total.cells.map((t) => (t === '' ? new Array<CellOut>(width).fill('') : splitTotal(t, weights, decimals)));
    },
  },
  KPI_PROGRESS: {
    params: [
      param('actual', 'range'),
      param('target', 'range'),
      param('lower_is_better', 'range', { cell: 'boolean', default: false }),
    ],
    run: (actual: Grid<Num>, target: Grid<Num>, lower: Grid<boolean>) =>
      elementwise(
        [
          ['actual', actual],
          ['target', target],
          ['lower_is_better', lower],
        ],
        (r, c) => progress(at(actual, r, c), at(target, r, c), at(lower, r, c)),
      ),
  },
  KPI_PACE: {
    params: [
      param('actual', 'range'),
      param('target', 'range'),
      param('start', 'date'),
      param('end', 'date'),
      param('as_of', 'date'),
    ],
    run: (actual: Grid<Num>, target: Grid<Num>, start: Date, end: Date, asOf: Date) =>
      elementwise(
        [
          ['actual', actual],
          ['target', target],
        ],
        (r, c) => pace(at(actual, r, c), at(target, r, c), start, end, asOf),
      ),
  },
  KPI_FORECAST: {
    params: [param('actuals', 'block'), param('periods', 'count', { min: 1, max: MAX_PERIODS, optional: true })],
    run: (actuals: Grid<Num>, periods?: number) => {
      const g = series(actuals);
      return perRow(g, (row) => forecast(row as Num[], periods ?? g.cols));
    },
  },
  KPI_REMAINING: {
    params: [param('target', 'range'), param('actual', 'range'), param('periods_left', 'range', { above: 0 })],
    run: (target: Grid<Num>, actual: Grid<Num>, left: Grid<Num>) =>
      elementwise(
        [
          ['target', target],
          ['actual', actual],
          ['periods_left', left],
        ],
        (r, c) => {
          const n = at(left, r, c);
          return n === '' ? '' : remaining(at(target, r, c), at(actual, r, c), n);
        },
      ),
  },
  KPI_STATUS: {
    params: [
      param('progress', 'range'),
      param('warn', 'number', { default: DEFAULT_THRESHOLDS.warn, max: 10 }),
      param('ok', 'number', { default: DEFAULT_THRESHOLDS.ok, max: 10 }),
      param('lang', 'string', { choices: ['ja', 'en'], optional: true }),
    ],
    run: (prog: Grid<Num>, warn: number, ok: number, lang = sheetLang()) => {
      status('', warn, ok); // warn above ok is an error even with no cell to label
      return elementwise([['progress', prog]], (r, c) => status(at(prog, r, c), warn, ok, lang));
    },
  },
  KPI_LAG: {
    params: [
      param('values', 'block', { cell: 'any' }),
      param('lag', 'count', { min: -MAX_LAG, max: MAX_LAG }),
      param('wrap', 'boolean', { default: true }),
    ],
    run: (values: Grid<CellOut>, k: number, wrap: boolean) => {
      const g = series(values);
      const out = perRow(g, (row) => lag(row, k, wrap), values.scalar);
      return g === values ? out : (out as CellOut[][])[0].map((v) => [v]); // a column in, a column out
    },
  },
} satisfies Record<string, Omit<FunctionSpec, 'name'>>;

export const FUNCTIONS: FunctionSpec[] = Object.entries(TABLE).map(([name, f]) => ({ name, ...f }));
