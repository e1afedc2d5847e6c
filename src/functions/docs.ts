// The text of the KPI_* functions, keyed by function and parameter name (type-checked against
// the table, so every function and parameter has exactly its text): the one-line description,
// each parameter's help, what it returns, and README details with an example in English and in
// Japanese terms (リード, 商談, 受注). Read by scripts/build.mjs (the stubs' JSDoc) and
// scripts/docs.mjs (the README reference), never by the runtime, so it stays out of dist/Code.js.
import type { TABLE } from './table';
import type { Example, ParamSpec } from './types';

type Table = typeof TABLE;

export interface FunctionDoc<P extends string> {
  /** One line a marketer understands (JSDoc first line, autocomplete summary). */
  description: string;
  /** What it returns (JSDoc @return). */
  returns: string;
  /** One-line help per parameter (JSDoc @param, autocomplete); says the default of an optional one. */
  params: Record<P, string>;
  /** How a default that is worked out at call time reads in the README table. */
  defaults?: Partial<Record<P, string>>;
  details?: string[];
  examples: { en: Example; ja: Example };
}

/** The JSDoc type of a parameter, from how the runner reads it. */
export function jsType(p: ParamSpec): string {
  const cell = p.cell === 'boolean' ? 'boolean' : 'number';
  const types: Record<ParamSpec['type'], string> = {
    number: 'number',
    range: `${cell}|${cell}[][]`,
    vector: 'number[][]',
    block: 'number[][]',
    count: p.weights ? 'number|number[][]' : 'number',
    boolean: 'boolean',
    date: 'Date',
    string: 'string',
  };
  return types[p.type];
}

const FUNNEL_PARAMS = {
  goal: 'The goal: money (give unit_value) or a number of wins.',
  rates: 'Stage-to-stage conversion rates, top first (40% or 0.4).',
  unit_value: 'Average deal size; leave it out when goal is a number of wins.',
  round_up: 'TRUE (default) rounds every stage up; FALSE keeps fractions.',
};

export const DOCS: { [F in keyof Table]: FunctionDoc<Table[F]['params'][number]['name']> } = {
  KPI_TARGET: {
    description: 'How many you need at the top of the funnel (e.g. leads) to reach a goal.',
    returns: 'The volume needed at the top of the funnel.',
    params: FUNNEL_PARAMS,
    details: [
      'wins = goal ÷ unit_value when unit_value is given, else goal; each stage up = the stage below ÷ its rate.',
      'goal is 0 or more, unit_value above 0; a conversion rate must be above 0 and at most 100% (25 is an error ' +
        'that suggests 25% or 0.25).',
      'With round_up every stage is the smallest whole number whose × its rate reaches the stage below (the wins: ' +
        'whose × unit_value reaches goal), so every stage can really be reached — see "How the funnel rounds" in the ' +
        'README.',
      'Rounding up ignores only genuine floating-point noise (a few units in the last place): 57 ÷ 57% is 100, not ' +
        '101; 1,000,000,000 ÷ 30% is 3,333,333,334.',
      'At most 50 stages (49 rates); a stage that would need more than 1e15 (1,000,000,000,000,000) is an error.',
    ],
    examples: {
      en: {
        formula: '=KPI_TARGET(10000000, {0.4, 0.2}, 500000)',
        result: '250',
        note: 'Leads needed for ¥10,000,000 at ¥500,000 a deal, with 40% lead → meeting and 20% meeting → won.',
      },
      ja: {
        formula: '=KPI_TARGET(B1, B2:C2, B3)',
        result: '250',
        note: 'B1 売上目標 10,000,000円、B2:C2 リード→商談 40%・商談→受注 20%、B3 受注単価 500,000円 → 必要なリードは 250件。',
      },
    },
  },
  KPI_FUNNEL: {
    description: 'The volume every funnel stage needs to reach a goal, top first, wins last.',
    returns: 'A column: the volume of every stage, top first.',
    params: FUNNEL_PARAMS,
    details: ['n rates give n + 1 stages. Same rules as KPI_TARGET.'],
    examples: {
      en: {
        formula: '=KPI_FUNNEL(2000000, 20%, 75000)',
        result: '135, 27 (a column)',
        note:
          '$2,000,000 at $75,000 a deal with a 20% SQL → won rate: 135 SQLs, 27 wins. With FALSE as round_up: ' +
          '133.33…, 26.67….',
      },
      ja: {
        formula: '=KPI_FUNNEL(10000000, {0.4, 0.2}, 500000)',
        result: '250, 100, 20（縦に3セル）',
        note: 'リード 250件 → 商談 100件 → 受注 20件。',
      },
    },
  },
  KPI_MONTHLY: {
    description: 'Splits a total over the months (or seasonal weights) in rounded parts that add up exactly.',
    returns: 'A row of parts; one row per total for a column of totals.',
    params: {
      total: 'The amount to split, or a column of totals.',
      periods: 'Number of periods (default 12), or a range of seasonal weights.',
      decimals: 'Decimal places, 0 (default) to 10.',
    },
    details: [
      'Exact: the parts are whole units of 10^-decimals that always sum exactly to the total rounded to decimals (as ' +
        'ROUND does); largest remainder over the exact shares, ties to the earlier period, for any weights.',
      '|total| × 10^decimals may be up to 2^53 (9,007,199,254,740,992); a larger total is an error naming the bound. ' +
        'Up to 10^15 (15 significant digits) every split works; past it, with decimals, a split whose parts would ' +
        'need 16–17 significant digits is an error, never a wrong sum.',
      'Weights are numbers ≥ 0, not all 0, read as written (0.7 is 7/10); a weights range that is all blank means ' +
        'the default 12 periods.',
      'Block form: a column of totals with a row of weights fills a whole KPIs × months target block with one formula.',
    ],
    examples: {
      en: {
        formula: '=KPI_MONTHLY(100)',
        result: '9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8 (a row)',
        note: '100 leads over 12 months, adding up to exactly 100.',
      },
      ja: {
        formula: '=KPI_MONTHLY(B2:B4, D1:O1)',
        result: '3行 × 12列',
        note: 'B2:B4 年間目標（リード・商談・受注）、D1:O1 月別の季節係数 → 1つの数式で月別目標の表全体。',
      },
    },
  },
  KPI_PROGRESS: {
    description: 'Achievement ratio: actual ÷ target (lower is better: 2 − actual ÷ target), cell by cell.',
    returns: 'The ratio (1 = 100%), or a block of them.',
    params: {
      actual: 'The actual, or a block of actuals (blank = not reported).',
      target: 'The target: one value, or a range shaped like actual.',
      lower_is_better: 'TRUE where less is better (cost, CPA); default FALSE.',
    },
    details: [
      'A blank actual or a blank or zero target gives a blank. Lower is better: 2 − actual ÷ target, never below 0.',
      'Block form: scalars, same-shaped ranges, or a column (one per row) / row (one per month) stretch over the ' +
        'block, like an array formula.',
    ],
    examples: {
      en: {
        formula: '=KPI_PROGRESS(ACTUALS, MONTHLY_TARGETS, C2:C9)',
        result: 'a KPIs × 12 block of ratios',
        note:
          'C2:C9 holds TRUE for cost KPIs (CPA), FALSE for leads, meetings, deals — one formula for the whole ' +
          'block.',
      },
      ja: { formula: '=KPI_PROGRESS(42, 50)', result: '0.84', note: '商談 42件 / 目標 50件 → 達成率 84%。' },
    },
  },
  KPI_PACE: {
    description: 'Pace: actual ÷ the target pro-rated to a date (above 1 = ahead).',
    returns: 'The pace, or a block of them; blank before start.',
    params: {
      actual: 'Actual so far, or a range of them.',
      target: 'Target for the whole period.',
      start: 'First day of the period.',
      end: 'Last day of the period.',
      as_of: 'The date to measure at: a date cell (not TODAY()).',
    },
    details: [
      'Elapsed = whole days from start to as_of, both counted, over the days from start to end, both counted, capped ' +
        'at 1.',
      'Dates may also be date serial numbers or text like 2025-01-31; a date cell is read as the calendar day it ' +
        "shows in the spreadsheet's time zone.",
      'Sheets does not allow volatile functions (NOW, TODAY, RAND, RANDBETWEEN…) as arguments of a custom function: ' +
        'put the as-of date in a cell (e.g. a report date you update) and refer to it, so the result is ' +
        'deterministic.',
    ],
    examples: {
      en: {
        formula: '=KPI_PACE(18, 30, DATE(2025,1,1), DATE(2025,1,31), DATE(2025,1,15))',
        result: '1.24',
        note: '18 meetings done by 15 January against 30 due in January: ahead of pace.',
      },
      ja: {
        formula: '=KPI_PACE(12, 40, DATE(2025,4,1), DATE(2025,4,30), B1)',
        result: '0.9',
        note: 'B1 集計日 2025/4/10(TODAY() は引数に使えないため日付セルを参照)。4月の受注目標 40件、受注 12件 → 予定の 90%。',
      },
    },
  },
  KPI_FORECAST: {
    description: 'Run-rate forecast: the mean of the months reported so far, over the whole period.',
    returns: 'The forecast; a column of them for a block.',
    params: {
      actuals: 'A row of monthly actuals (blank = not reported), or a block.',
      periods: 'Periods in all (default: the cells in a row).',
    },
    defaults: { periods: 'the number of cells in a row of actuals' },
    details: [
      'sum of the filled periods ÷ their count × periods; nothing filled gives a blank.',
      'Block form: several rows give a column, one forecast per row; a single column is one series.',
    ],
    examples: {
      en: {
        formula: '=KPI_FORECAST({120, 135, 150}, 12)',
        result: '1620',
        note: 'Leads in the first three months, projected to the year.',
      },
      ja: {
        formula: '=KPI_FORECAST(ACTUALS)',
        result: 'KPIごとの年間見込み（縦1列）',
        note: '実績表（KPI × 12か月、未入力は空欄）の各行: 入力済みの月の平均 × 12。',
      },
    },
  },
  KPI_REMAINING: {
    description: 'What each remaining period needs to still reach the target.',
    returns: 'max(0, target − actual) ÷ periods_left, cell by cell.',
    params: {
      target: 'Target for the whole period, or a column of them.',
      actual: 'Actual so far (blank counts as 0).',
      periods_left: 'Periods left, above 0.',
    },
    details: [
      'Element by element over same-shaped columns; a single value applies to every row. A blank target gives a blank.',
    ],
    examples: {
      en: {
        formula: '=KPI_REMAINING(240, 150, 3)',
        result: '30',
        note: '240 deals due this year, 150 won, 3 months left: 30 a month.',
      },
      ja: {
        formula: '=KPI_REMAINING(B2:B9, C2:C9, 4)',
        result: 'KPIごとの残り月あたり必要数（縦1列）',
        note: 'B2:B9 年間目標（リード・商談・受注…）、C2:C9 累計実績、残り 4か月。',
      },
    },
  },
  KPI_STATUS: {
    description: 'Status of an achievement ratio: On track / At risk / Off track (順調 / 注意 / 遅れ).',
    returns: 'A label, or a block of them.',
    params: {
      progress: 'Achievement ratio(s).',
      warn: 'At risk from here (default 80%).',
      ok: 'On track from here (default 100%).',
      lang: '"en" or "ja" (default: the sheet\'s locale).',
    },
    defaults: { lang: "the spreadsheet's locale" },
    details: [
      'progress ≥ ok → On track / 順調; ≥ warn → At risk / 注意; else Off track / 遅れ. warn must not be above ok.',
    ],
    examples: {
      en: {
        formula: '=KPI_STATUS(0.85)',
        result: 'At risk',
        note: '85% achieved, between the 80% and 100% thresholds.',
      },
      ja: {
        formula: '=KPI_STATUS(PROGRESS, 0.8, 1, "ja")',
        result: '順調 / 注意 / 遅れ のブロック',
        note: '達成率の表全体を1つの数式でラベルに。',
      },
    },
  },
  KPI_LAG: {
    description: 'Shifts a monthly row earlier by the sales-cycle lag (leads come months before deals).',
    returns: 'The row(s), shifted.',
    params: {
      values: 'A row of monthly values, or a block.',
      lag: 'Periods to shift earlier (negative: later).',
      wrap: 'TRUE (default) wraps round; FALSE leaves blanks.',
    },
    details: ['out[i] = values[i + lag]; row by row for a block; a single column is one series (a column comes back).'],
    examples: {
      en: {
        formula: '=KPI_LAG(D5:O5, 2)',
        result: 'the row, two months earlier',
        note: 'D5:O5 monthly won-deal targets; with a 2-month sales cycle the leads are needed two months before.',
      },
      ja: {
        formula: '=KPI_LAG({10, 20, 30, 40}, 1, FALSE)',
        result: '20, 30, 40, (空欄)',
        note: '受注目標を1か月前倒し: 商談は受注の1か月前に必要。',
      },
    },
  },
};
