// The KPI_* custom functions as ONE declarative table: name, one-line description, what it
// returns, parameters (type, bounds, default, help, JSDoc type) and the implementation over
// coerced arguments (README details and examples per name: docs.ts, kept out of dist). scripts/build.mjs generates the documented
// stubs in dist/Code.js from it, scripts/docs.mjs the README reference, runner.ts the coercion
// and errors. The math lives in src/core/.
import { funnelVolumes } from '../core/funnel';
import { MAX_DECIMALS, MAX_PERIODS, splitTotal } from '../core/monthly';
import { forecast, lag, MAX_LAG, pace, progress, remaining, status, type Lang } from '../core/tracking';
import { at, elementwise, MAX_CELLS, type Grid, type Num } from './runner';
import type { CellOut, FunctionSpec, Output, ParamSpec } from './types';

const goal: ParamSpec = {
  name: 'goal', type: 'number', min: 0, jsType: 'number',
  help: 'The goal: an amount of money (give unit_value) or a number of wins, e.g. 10000000.',
};
const rates: ParamSpec = {
  name: 'rates', type: 'vector', rate: true, label: 'conversion rate', jsType: 'number[][]',
  help: 'Stage-to-stage conversion rates, top of the funnel first, as percentages (40% or 0.4). A row, column or block; blank cells are skipped.',
};
const unitValue: ParamSpec = {
  name: 'unit_value', type: 'number', above: 0, optional: true, jsType: 'number',
  help: 'Average value of one win (deal size). Leave it out when goal is already a number of wins.',
};
const roundUp: ParamSpec = {
  name: 'round_up', type: 'boolean', optional: true, default: true, jsType: 'boolean',
  help: 'TRUE (default) rounds every stage up to whole numbers, bottom first; FALSE keeps fractions.',
};

/** The spreadsheet's language, read at call time; 'en' when there is no spreadsheet (tests, preview). */
function sheetLang(): Lang {
  try {
    if (typeof SpreadsheetApp === 'undefined') return 'en';
    const locale: unknown = SpreadsheetApp.getActiveSpreadsheet()?.getSpreadsheetLocale();
    return typeof locale === 'string' && /^ja/i.test(locale) ? 'ja' : 'en';
  } catch {
    return 'en';
  }
}

/** Each row of a block through `f`: one row (or a single value) gives one value, several rows a column. */
function perRow(g: Grid<CellOut>, f: (row: CellOut[]) => CellOut): Output {
  const out: CellOut[][] = [];
  for (let r = 0; r < g.rows; r++) out.push([f(g.cells.slice(r * g.cols, (r + 1) * g.cols))]);
  return out.length === 1 ? out[0][0] : out.length ? out : '';
}

export const FUNCTIONS: FunctionSpec[] = [
  {
    name: 'KPI_TARGET',
    description: 'Back-calculates how many you need at the top of the funnel (e.g. leads) to reach a goal.',
    returns: 'The volume needed at the top of the funnel.',
    params: [goal, rates, unitValue, roundUp],
    run: (g: number, r: number[], u: number | undefined, up: boolean) => funnelVolumes(g, r, u, up)[0],
  },
  {
    name: 'KPI_FUNNEL',
    description: 'Back-calculates the volume every funnel stage needs to reach a goal, top first, wins last.',
    returns: 'A column: the volume needed at every stage, top of the funnel first, wins last.',
    params: [goal, rates, unitValue, roundUp],
    run: (g: number, r: number[], u: number | undefined, up: boolean) => funnelVolumes(g, r, u, up).map((v) => [v]),
  },
  {
    name: 'KPI_MONTHLY',
    description: 'Splits an annual target over the months (or seasonal weights) in rounded parts that add up exactly.',
    returns: 'A row: total split over the periods; one row per total for a column of totals.',
    params: [
      { name: 'total', type: 'range', jsType: 'number|number[][]', help: 'The amount to split, or a column of totals (one row of results per total; a blank total gives a blank row).' },
      { name: 'periods', type: 'count', weights: true, min: 1, max: MAX_PERIODS, optional: true, default: 12, jsType: 'number|number[][]',
        help: `Number of periods (default 12, at most ${MAX_PERIODS}), or a range of seasonal weights (0 or more; a row, column or block; blanks skipped).` },
      { name: 'decimals', type: 'count', min: 0, max: MAX_DECIMALS, optional: true, default: 0, jsType: 'number',
        help: `Decimal places of each part, 0 (default) to ${MAX_DECIMALS}.` },
    ],
    run: (total: Grid<Num>, periods: number | number[], decimals: number) => {
      if (total.cols > 1) throw new Error(`total must be a single value or a column of totals, received a ${total.rows}×${total.cols} range`);
      const width = typeof periods === 'number' ? periods : periods.length;
      if (total.rows * width > MAX_CELLS) throw new Error(`the result would have ${total.rows}×${width} cells; at most ${MAX_CELLS} are supported`);
      const out: CellOut[][] = [];
      for (const t of total.cells) out.push(t === '' ? new Array<CellOut>(width).fill('') : splitTotal(t, periods, decimals));
      return out;
    },
  },
  {
    name: 'KPI_PROGRESS',
    description: 'Achievement ratio: actual ÷ target (lower-is-better KPIs such as CPA: 2 − actual ÷ target), cell by cell.',
    returns: 'The achievement ratio (1 = 100%), or a block of them; blank where there is no actual or no target.',
    params: [
      { name: 'actual', type: 'range', jsType: 'number|number[][]', help: 'The actual value, or a block of actuals (e.g. KPIs × 12 months). Blank = not reported.' },
      { name: 'target', type: 'range', jsType: 'number|number[][]', help: 'The target: one value for all, or a range of the same shape (or one column/row of it).' },
      { name: 'lower_is_better', type: 'range', cell: 'boolean', optional: true, default: false, jsType: 'boolean|boolean[][]',
        help: 'TRUE for KPIs where less is better (cost, CPA, churn). One flag, or a column with one flag per row of actual.' },
    ],
    run: (actual: Grid<Num>, target: Grid<Num>, lower: Grid<boolean>) =>
      elementwise([['actual', actual], ['target', target], ['lower_is_better', lower]], (r, c) => progress(at(actual, r, c), at(target, r, c), at(lower, r, c))),
  },
  {
    name: 'KPI_PACE',
    description: 'Pace: actual ÷ the target pro-rated to a date (above 1 = ahead of schedule).',
    returns: 'actual ÷ (target × elapsed share of the period), or a block of them; blank before start.',
    params: [
      { name: 'actual', type: 'range', jsType: 'number|number[][]', help: 'Actual so far, or a range of them.' },
      { name: 'target', type: 'range', jsType: 'number|number[][]', help: 'Target for the whole period: one value or a range shaped like actual.' },
      { name: 'start', type: 'date', jsType: 'Date', help: 'First day of the period.' },
      { name: 'end', type: 'date', jsType: 'Date', help: 'Last day of the period (not before start).' },
      { name: 'as_of', type: 'date', jsType: 'Date', help: 'The date to measure at; pass TODAY().' },
    ],
    run: (actual: Grid<Num>, target: Grid<Num>, start: Date, end: Date, asOf: Date) =>
      elementwise([['actual', actual], ['target', target]], (r, c) => pace(at(actual, r, c), at(target, r, c), start, end, asOf)),
  },
  {
    name: 'KPI_FORECAST',
    description: 'Run-rate forecast: the average of the months reported so far, projected over the whole year.',
    returns: 'The projection for the whole period; a column with one forecast per row for a block.',
    params: [
      { name: 'actuals', type: 'block', jsType: 'number[][]', help: 'A row of monthly actuals (blank = not reported yet, 0 is reported), or a block with one KPI per row.' },
      { name: 'periods', type: 'count', min: 1, max: MAX_PERIODS, optional: true, defaultText: 'the number of cells in a row of actuals', jsType: 'number',
        help: 'Periods in the whole period (default: the number of cells in a row of actuals).' },
    ],
    run: (actuals: Grid<Num>, periods: number | undefined) => perRow(actuals, (row) => forecast(row as Num[], periods ?? actuals.cols)),
  },
  {
    name: 'KPI_REMAINING',
    description: 'What each remaining period needs to still reach the target.',
    returns: 'max(0, target − actual) ÷ periods_left, cell by cell.',
    params: [
      { name: 'target', type: 'range', jsType: 'number|number[][]', help: 'Target for the whole period, or a column of them.' },
      { name: 'actual', type: 'range', jsType: 'number|number[][]', help: 'Actual so far (blank counts as 0), shaped like target or one value.' },
      { name: 'periods_left', type: 'range', above: 0, jsType: 'number|number[][]', help: 'Periods left, above 0: one value or a range shaped like target.' },
    ],
    run: (target: Grid<Num>, actual: Grid<Num>, left: Grid<Num>) =>
      elementwise([['target', target], ['actual', actual], ['periods_left', left]], (r, c) => {
        const p = at(left, r, c);
        return p === '' ? '' : remaining(at(target, r, c), at(actual, r, c), p);
      }),
  },
  {
    name: 'KPI_STATUS',
    description: 'Status label from an achievement ratio: On track / At risk / Off track (順調 / 注意 / 遅れ).',
    returns: 'A status label, or a block of them; blank for a blank progress.',
    params: [
      { name: 'progress', type: 'range', jsType: 'number|number[][]', help: 'Achievement ratio(s), e.g. from KPI_PROGRESS.' },
      { name: 'warn', type: 'number', optional: true, default: 0.8, max: 10, percentHint: true, jsType: 'number', help: 'At or above this it is At risk (default 80%).' },
      { name: 'ok', type: 'number', optional: true, default: 1, max: 10, percentHint: true, jsType: 'number', help: 'At or above this it is On track (default 100%).' },
      { name: 'lang', type: 'string', choices: ['ja', 'en'], optional: true, defaultText: "the spreadsheet's locale", jsType: 'string',
        help: '"en" or "ja" (default: the spreadsheet\'s language).' },
    ],
    run: (prog: Grid<Num>, warn: number, ok: number, lang: Lang | undefined) => {
      const l = lang ?? sheetLang();
      status('', warn, ok, l);
      return elementwise([['progress', prog]], (r, c) => status(at(prog, r, c), warn, ok, l));
    },
  },
  {
    name: 'KPI_LAG',
    description: 'Shifts a monthly row earlier by the sales-cycle lag, e.g. to plan leads the months before the deals they feed.',
    returns: 'The row(s) shifted earlier by lag periods.',
    params: [
      { name: 'values', type: 'block', cell: 'any', jsType: 'number[][]', help: 'A row of monthly values, or a block read row by row.' },
      { name: 'lag', type: 'count', min: -MAX_LAG, max: MAX_LAG, jsType: 'number', help: `Periods to shift earlier (a whole number; negative shifts later; at most ${MAX_LAG}).` },
      { name: 'wrap', type: 'boolean', optional: true, default: true, jsType: 'boolean', help: 'TRUE (default) wraps the end round to the start; FALSE leaves blanks.' },
    ],
    run: (values: Grid<CellOut>, k: number, wrap: boolean) => {
      const rows: CellOut[][] = [];
      for (let r = 0; r < values.rows; r++) rows.push(lag(values.cells.slice(r * values.cols, (r + 1) * values.cols), k, wrap));
      return values.scalar ? rows[0][0] : rows.length ? rows : '';
    },
  },
];
