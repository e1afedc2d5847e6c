import vm from 'node:vm';
import { FUNCTIONS, functions } from '../../src/functions';
import { DOCS as TEXT, jsType, type FunctionDoc } from '../../src/functions/docs';

const DOCS = TEXT as Record<string, FunctionDoc<string>>;

const call = (name: string, ...args: unknown[]) => functions[name](...args);
const err = (name: string, ...args: unknown[]): string => {
  try {
    call(name, ...args);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${name} did not throw`);
};
const d = (y: number, m: number, day: number) => new Date(y, m - 1, day);

describe('the table', () => {
  test('declares the nine functions with the parameters of PRODUCT.md', () => {
    const sig = Object.fromEntries(
      FUNCTIONS.map((f) => [
        f.name,
        f.params.map((p) => (p.optional || p.default !== undefined ? `[${p.name}]` : p.name)).join(', '),
      ]),
    );
    expect(sig).toEqual({
      KPI_TARGET: 'goal, rates, [unit_value], [round_up]',
      KPI_FUNNEL: 'goal, rates, [unit_value], [round_up]',
      KPI_MONTHLY: 'total, [periods], [decimals]',
      KPI_PROGRESS: 'actual, target, [lower_is_better]',
      KPI_PACE: 'actual, target, start, end, as_of',
      KPI_FORECAST: 'actuals, [periods]',
      KPI_REMAINING: 'target, actual, periods_left',
      KPI_STATUS: 'progress, [warn], [ok], [lang]',
      KPI_LAG: 'values, lag, [wrap]',
    });
    for (const f of FUNCTIONS) {
      const doc = DOCS[f.name];
      expect(doc.description).toMatch(/^[A-Z].{20,140}$/);
      expect(doc.returns.length).toBeGreaterThan(5);
      expect(Object.keys(doc.params)).toEqual(f.params.map((p) => p.name));
      for (const p of f.params) {
        expect(doc.params[p.name].length).toBeGreaterThan(5);
        expect(jsType(p)).toMatch(/^(number|boolean|Date|string)/);
      }
      expect(DOCS[f.name].examples.en.formula).toMatch(new RegExp(`^=${f.name}\\(`));
      expect(DOCS[f.name].examples.ja.note ?? DOCS[f.name].examples.ja.result).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(typeof functions[f.name]).toBe('function');
    }
    expect(Object.keys(DOCS).sort()).toEqual(FUNCTIONS.map((f) => f.name).sort());
  });
});

describe('PRODUCT.md worked examples', () => {
  test('¥10,000,000 at ¥500,000 with 40%, 20% → 250, 100, 20', () => {
    expect(call('KPI_TARGET', 10_000_000, [[0.4, 0.2]], 500_000)).toBe(250);
    expect(call('KPI_FUNNEL', 10_000_000, [[0.4, 0.2]], 500_000)).toEqual([[250], [100], [20]]);
    expect(call('KPI_FUNNEL', 10_000_000, [[0.4], [0.2]], 500_000, '')).toEqual([[250], [100], [20]]);
  });
  test('$2,000,000 at $75,000 at 20% → 135 rounded, 133.33… unrounded', () => {
    expect(call('KPI_TARGET', 2_000_000, 0.2, 75_000)).toBe(135);
    expect(call('KPI_TARGET', 2_000_000, 0.2, 75_000, false)).toBeCloseTo(133.333333, 5);
  });
  test('57 ÷ 0.57 → 100', () => {
    expect(call('KPI_TARGET', 57, 0.57)).toBe(100);
    // A rate of 1 with float noise (=0.3/0.3 style) is 1, not "above 1"; a real 1.001 is still an error.
    expect(call('KPI_TARGET', 100, (0.1 * 3) / 0.3)).toBe(100);
    expect(() => call('KPI_TARGET', 100, 1.001)).toThrow('KPI_TARGET: conversion rate 1.001 is above 1');
  });
  test('KPI_MONTHLY(100) → 9,9,9,9,8,8,8,8,8,8,8,8', () => {
    expect(call('KPI_MONTHLY', 100)).toEqual([[9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]]);
  });
  test('pace: 30 due in January, 18 by 15 January → 1.24', () => {
    expect(call('KPI_PACE', 18, 30, d(2025, 1, 1), d(2025, 1, 31), d(2025, 1, 15))).toBeCloseTo(1.24, 12);
  });
  test('status labels in both languages', () => {
    expect(call('KPI_STATUS', 1)).toBe('On track');
    expect(call('KPI_STATUS', 0.8)).toBe('At risk');
    expect(call('KPI_STATUS', 0.5)).toBe('Off track');
    expect(call('KPI_STATUS', [[1, 0.9, 0.1, '']], '', '', 'ja')).toEqual([['順調', '注意', '遅れ', '']]);
  });
  test('progress, forecast, remaining, lag', () => {
    expect(call('KPI_PROGRESS', 45, 50)).toBe(0.9);
    expect(call('KPI_PROGRESS', 120, 100, true)).toBeCloseTo(0.8, 12);
    expect(call('KPI_PROGRESS', 300, 100, true)).toBe(0);
    expect(call('KPI_PROGRESS', '', 100)).toBe('');
    expect(call('KPI_PROGRESS', 5, 0)).toBe('');
    expect(call('KPI_FORECAST', [[10, 0, '', '']])).toBe(20);
    expect(call('KPI_FORECAST', [[10, 20, '']], 12)).toBe(180);
    expect(call('KPI_FORECAST', [['', '']])).toBe('');
    expect(call('KPI_REMAINING', 120, 60, 6)).toBe(10);
    expect(call('KPI_REMAINING', 120, 160, 6)).toBe(0);
    expect(call('KPI_LAG', [[1, 2, 3, 4]], 1)).toEqual([[2, 3, 4, 1]]);
    expect(call('KPI_LAG', [[1, 2, 3, 4]], 1, false)).toEqual([[2, 3, 4, '']]);
  });
  test('every README example with a plain numeric result holds', () => {
    expect(call('KPI_FUNNEL', 2_000_000, 0.2, 75_000)).toEqual([[135], [27]]);
    expect(call('KPI_PROGRESS', 42, 50)).toBe(0.84);
    expect(call('KPI_PACE', 12, 40, d(2025, 4, 1), d(2025, 4, 30), d(2025, 4, 10))).toBeCloseTo(0.9, 12);
    expect(call('KPI_FORECAST', [[120, 135, 150]], 12)).toBe(1620);
    expect(call('KPI_REMAINING', 240, 150, 3)).toBe(30);
    expect(call('KPI_STATUS', 0.85)).toBe('At risk');
    expect(call('KPI_LAG', [[10, 20, 30, 40]], 1, false)).toEqual([[20, 30, 40, '']]);
  });
});

describe('arguments', () => {
  test('undefined and "" mean the default', () => {
    expect(call('KPI_MONTHLY', 100, undefined, '')).toEqual(call('KPI_MONTHLY', 100, 12, 0));
    expect(call('KPI_MONTHLY', 100, '', undefined)).toEqual(call('KPI_MONTHLY', 100));
    expect(call('KPI_TARGET', 2_000_000, 0.2, 75_000, '')).toBe(135);
    expect(call('KPI_TARGET', 20, 0.2, '')).toBe(100);
    expect(call('KPI_LAG', [[1, 2]], 1, '')).toEqual([[2, 1]]);
  });
  test('vectors: row, column or block, blanks skipped', () => {
    const expected = [[250], [100], [20]];
    expect(call('KPI_FUNNEL', 20, [[0.4, '', 0.2]])).toEqual(expected);
    expect(call('KPI_FUNNEL', 20, [[0.4], [''], [0.2]])).toEqual(expected);
    expect(
      call('KPI_FUNNEL', 20, [
        [0.4, ''],
        ['', 0.2],
      ]),
    ).toEqual(expected);
    expect(
      call('KPI_MONTHLY', 100, [
        [1, '', 1],
        [2, '', ''],
      ]),
    ).toEqual([[25, 25, 50]]);
  });
  test('numeric text is read as a number ("25%" as 0.25); other text is an error naming it', () => {
    expect(call('KPI_TARGET', '20', '40%')).toBe(50);
    expect(call('KPI_PROGRESS', ' 45 ', '50')).toBe(0.9);
    expect(err('KPI_PROGRESS', 'n/a', 50)).toBe('KPI_PROGRESS: actual: expected a number, received text "n/a"');
    expect(err('KPI_TARGET', 100, [[0.4, 'abc']])).toBe('KPI_TARGET: rates: expected a number, received text "abc"');
  });
  test('booleans: TRUE/FALSE, text "TRUE", numbers; a boolean where a number is wanted is an error', () => {
    expect(call('KPI_TARGET', 2_000_000, 0.2, 75_000, 'FALSE')).toBeCloseTo(133.33, 2);
    expect(call('KPI_TARGET', 2_000_000, 0.2, 75_000, 0)).toBeCloseTo(133.33, 2);
    expect(call('KPI_PROGRESS', 120, 100, 'true')).toBeCloseTo(0.8, 12);
    expect(err('KPI_TARGET', true, 0.5)).toBe('KPI_TARGET: goal: expected a number, received TRUE');
    expect(err('KPI_LAG', [[1]], 1, 'maybe')).toBe('KPI_LAG: wrap: expected TRUE or FALSE, received text "maybe"');
  });
  test('dates from another realm (no instanceof), serial numbers and ISO text', () => {
    const other = vm.runInNewContext('[new Date(2025,0,1), new Date(2025,0,31), new Date(2025,0,15)]') as Date[];
    expect(other[0] instanceof Date).toBe(false);
    expect(call('KPI_PACE', 18, 30, ...other)).toBeCloseTo(1.24, 12);
    expect(call('KPI_PACE', 18, 30, 45658, 45688, 45672)).toBeCloseTo(1.24, 12); // 2025-01-01 = serial 45658
    expect(call('KPI_PACE', 18, 30, '2025-01-01', '2025-01-31', '2025-01-15')).toBeCloseTo(1.24, 12);
    expect(call('KPI_PACE', 18, 30, d(2025, 1, 1), d(2025, 1, 31), d(2024, 12, 1))).toBe('');
    expect(err('KPI_PACE', 18, 30, 'soon', d(2025, 1, 31), d(2025, 1, 15))).toBe(
      'KPI_PACE: start: expected a date, received text "soon"',
    );
    expect(err('KPI_PACE', 18, 30, d(2025, 1, 1), d(2025, 1, 31))).toBe('KPI_PACE: as_of is required (a date cell)');
    expect(err('KPI_PROGRESS', d(2025, 1, 1), 5)).toBe(
      'KPI_PROGRESS: actual: expected a number, received the date 2025-01-01',
    );
  });
  test('a 1×1 range is a single value', () => {
    expect(call('KPI_MONTHLY', [[100]], [[12]])).toEqual([[9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]]);
    expect(call('KPI_PROGRESS', [[45]], [[50]])).toBe(0.9);
  });
  test('too many arguments is an error', () => {
    expect(err('KPI_STATUS', 1, 0.8, 1, 'en', 'x')).toBe('KPI_STATUS: takes at most 4 arguments, received 5');
  });
});

describe('error rules (message starts with the name, says what was received)', () => {
  test.each([
    [['KPI_TARGET', 100, 25], 'KPI_TARGET: conversion rate 25 is above 1 — enter it as 25% or 0.25'],
    [['KPI_FUNNEL', 100, [[0.4, 40]]], 'KPI_FUNNEL: conversion rate 40 is above 1 — enter it as 40% or 0.4'],
    [['KPI_TARGET', 100, 0], 'KPI_TARGET: conversion rate 0 must be above 0'],
    [['KPI_TARGET', 100, -0.1], 'KPI_TARGET: conversion rate -0.1 must be above 0'],
    [['KPI_TARGET', 100, [['', '']]], 'KPI_TARGET: rates is required'],
    [['KPI_TARGET', 100], 'KPI_TARGET: rates is required'],
    [['KPI_TARGET', -5, 0.5], 'KPI_TARGET: goal -5 is below 0'],
    [['KPI_TARGET', [[1, 2]], 0.5], 'KPI_TARGET: goal must be a single value, received a 1×2 range'],
    [['KPI_TARGET', 100, 0.5, 0], 'KPI_TARGET: unit_value 0 must be above 0'],
    [
      ['KPI_TARGET', 1e300, [[1e-10, 1e-10]]],
      'KPI_TARGET: a stage would need 1e+300, above 1e15 (1,000,000,000,000,000), the largest volume computed exactly — check the goal, unit_value and rates',
    ],
    [
      ['KPI_FUNNEL', 1, [new Array(50).fill(0.5)]],
      'KPI_FUNNEL: rates has 50 conversion rates; a funnel has at most 50 stages (49 rates)',
    ],
    [['KPI_MONTHLY', 100, 0], 'KPI_MONTHLY: periods 0 must be a whole number from 1 to 18278'],
    [['KPI_MONTHLY', 100, 18279], 'KPI_MONTHLY: periods 18279 must be a whole number from 1 to 18278'],
    [['KPI_MONTHLY', 100, 2.5], 'KPI_MONTHLY: periods 2.5 must be a whole number from 1 to 18278'],
    [['KPI_MONTHLY', 100, 12, 11], 'KPI_MONTHLY: decimals 11 must be a whole number from 0 to 10'],
    [['KPI_MONTHLY', 100, [[1, -1]]], 'KPI_MONTHLY: weight -1 is below 0'],
    [['KPI_MONTHLY', 100, [[0, 0]]], 'KPI_MONTHLY: periods weights add up to 0; at least one weight must be above 0'],
    [
      ['KPI_MONTHLY', [[1, 2]]],
      'KPI_MONTHLY: total must be a single value or a column of totals, received a 1×2 range',
    ],
    [
      ['KPI_MONTHLY', 1e300],
      'KPI_MONTHLY: total 1e+300 is too large to split to 0 decimals: |total| must be at most 2^53 (9007199254740992)',
    ],
    [['KPI_MONTHLY'], 'KPI_MONTHLY: total is required'],
    [
      ['KPI_PROGRESS', [[1, 2, 3]], [[1, 2]]],
      'KPI_PROGRESS: target is 1×2 but actual is 1×3 — give ranges of the same shape, one column/row of it, or a single value',
    ],
    [['KPI_PROGRESS', 1e308, 1e-10], 'KPI_PROGRESS: progress is too large to compute (overflow)'],
    [
      ['KPI_PACE', 1, 2, d(2025, 2, 1), d(2025, 1, 1), d(2025, 1, 15)],
      'KPI_PACE: end 2025-01-01 is before start 2025-02-01',
    ],
    [['KPI_REMAINING', 100, 50, 0], 'KPI_REMAINING: periods_left 0 must be above 0'],
    [
      ['KPI_REMAINING', [[100], [50]], 50, [[2], [-1]]],
      'KPI_REMAINING: periods_left (row 2, column 1): -1 must be above 0',
    ],
    [['KPI_STATUS', 0.9, 1.2, 1], 'KPI_STATUS: warn 1.2 is above ok 1; warn must be the lower threshold'],
    [['KPI_STATUS', 0.9, 80, 100], 'KPI_STATUS: warn 80 is above 10 — enter it as 80% or 0.8'],
    [['KPI_STATUS', 0.9, 0.8, 1, 'fr'], 'KPI_STATUS: lang text "fr" must be "ja" or "en"'],
    [['KPI_LAG', [[1, 2]], 1.5], 'KPI_LAG: lag 1.5 must be a whole number from -18278 to 18278'],
    [['KPI_LAG', [[1, 2]], 20000], 'KPI_LAG: lag 20000 must be a whole number from -18278 to 18278'],
    [['KPI_LAG', [[1, 2]]], 'KPI_LAG: lag is required'],
    [['KPI_FORECAST', [[1, 2]], 0], 'KPI_FORECAST: periods 0 must be a whole number from 1 to 18278'],
    [['KPI_PROGRESS', NaN, 1], 'KPI_PROGRESS: actual: NaN is not a valid number'],
  ])('%j', (args, message) => {
    const [name, ...rest] = args as [string, ...unknown[]];
    expect(err(name, ...rest)).toBe(message);
  });

  test('an absurd 2D output is an error, before any work', () => {
    const totals = Array.from({ length: 100 }, () => [1000]);
    expect(err('KPI_MONTHLY', totals, 18278)).toBe(
      'KPI_MONTHLY: the result would have 100×18278 cells; at most 1000000 are supported',
    );
    const col = Array.from({ length: 2000 }, () => [1]);
    const row = [Array.from({ length: 1000 }, () => 1)];
    expect(err('KPI_PROGRESS', col, row)).toBe(
      'KPI_PROGRESS: the result would have 2000×1000 cells; at most 1000000 are supported',
    );
  });
});

describe('block forms', () => {
  test('KPI_MONTHLY: a column of totals gives one row per total; weights as a row', () => {
    expect(call('KPI_MONTHLY', [[100], [''], [12]], [[1, 1, 2]])).toEqual([
      [25, 25, 50],
      ['', '', ''],
      [3, 3, 6],
    ]);
    const out = call('KPI_MONTHLY', [[120], [100]]) as number[][];
    expect(out).toHaveLength(2);
    expect(out[1]).toEqual([9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]);
    expect(out.map((r) => r.reduce((a, b) => a + b, 0))).toEqual([120, 100]);
  });
  test('KPI_FORECAST: several rows give a column', () => {
    expect(
      call('KPI_FORECAST', [
        [10, 20, '', ''],
        ['', '', '', ''],
        [0, 0, 4, ''],
      ]),
    ).toEqual([[60], [''], [(4 / 3) * 4]]);
  });
  test('KPI_PROGRESS: element by element, scalar broadcast, lower_is_better per row or same shape', () => {
    const actual = [
      [50, 100],
      [120, 80],
    ];
    expect(call('KPI_PROGRESS', actual, 100)).toEqual([
      [0.5, 1],
      [1.2, 0.8],
    ]);
    expect(
      call('KPI_PROGRESS', actual, [
        [100, 100],
        [100, ''],
      ]),
    ).toEqual([
      [0.5, 1],
      [1.2, ''],
    ]);
    const perRow = call('KPI_PROGRESS', actual, 100, [[false], [true]]) as number[][];
    expect(perRow[0]).toEqual([0.5, 1]);
    expect(perRow[1][0]).toBeCloseTo(0.8, 12);
    expect(perRow[1][1]).toBeCloseTo(1.2, 12);
    const same = call('KPI_PROGRESS', actual, 100, [
      [true, false],
      ['', 'TRUE'],
    ]) as number[][];
    expect(same[0]).toEqual([1.5, 1]);
    expect(same[1][0]).toBe(1.2);
    expect(same[1][1]).toBeCloseTo(1.2, 12);
    expect(call('KPI_PROGRESS', [[10, 20, 30]], [[10], [20]])).toEqual([
      [1, 2, 3],
      [0.5, 1, 1.5],
    ]);
  });
  test('KPI_REMAINING and KPI_STATUS element by element', () => {
    expect(call('KPI_REMAINING', [[120], [60], ['']], [[60], [90], [5]], 3)).toEqual([[20], [0], ['']]);
    expect(
      call(
        'KPI_STATUS',
        [
          [1.2, 0.85],
          ['', 0.1],
        ],
        0.8,
        1,
        'en',
      ),
    ).toEqual([
      ['On track', 'At risk'],
      ['', 'Off track'],
    ]);
  });
  test('KPI_FORECAST and KPI_LAG: a single column is one series, like a row', () => {
    expect(call('KPI_FORECAST', [[10], [20], ['']], 12)).toBe(180);
    expect(call('KPI_FORECAST', [[10], [20], ['']])).toBe(45);
    expect(call('KPI_LAG', [[1], [2], [3]], 1)).toEqual([[2], [3], [1]]);
    expect(call('KPI_LAG', [[1], [2], [3]], -1, false)).toEqual([[''], [1], [2]]);
    expect(call('KPI_LAG', 7, 1)).toBe(7);
  });
  test('KPI_LAG row by row; KPI_PACE over a column', () => {
    expect(
      call(
        'KPI_LAG',
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        2,
        false,
      ),
    ).toEqual([
      [3, '', ''],
      [6, '', ''],
    ]);
    expect(call('KPI_LAG', [[1, 'x', true]], -1)).toEqual([[true, 1, 'x']]);
    expect(call('KPI_PACE', [[18], [9]], 30, d(2025, 1, 1), d(2025, 1, 31), d(2025, 1, 15))).toEqual([
      [18 / ((30 * 15) / 31)],
      [9 / ((30 * 15) / 31)],
    ]);
  });
});

describe('KPI_STATUS lang default: the spreadsheet locale at call time', () => {
  const g = globalThis as { SpreadsheetApp?: unknown };
  afterEach(() => delete g.SpreadsheetApp);
  test('ja locale → Japanese labels; other or failing → English', () => {
    g.SpreadsheetApp = { getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => 'ja_JP' }) };
    expect(call('KPI_STATUS', 1)).toBe('順調');
    g.SpreadsheetApp = { getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => 'en_US' }) };
    expect(call('KPI_STATUS', 1)).toBe('On track');
    g.SpreadsheetApp = {
      getActiveSpreadsheet: () => {
        throw new Error('no auth');
      },
    };
    expect(call('KPI_STATUS', 1)).toBe('On track');
    g.SpreadsheetApp = { getActiveSpreadsheet: () => null };
    expect(call('KPI_STATUS', 1)).toBe('On track');
    expect(call('KPI_STATUS', 1, '', '', 'en')).toBe('On track');
  });
});

describe('issue 11: shapes — never a 1×0 array or an empty row', () => {
  test('an all-blank weights range is the default 12 periods; a blank total gives a row of blanks', () => {
    expect(call('KPI_MONTHLY', [['']], [[''], ['']])).toEqual([new Array(12).fill('')]);
    expect(call('KPI_MONTHLY', 100, [['', '']])).toEqual([[9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]]);
  });
  test('an empty range in gives "" out', () => {
    expect(call('KPI_LAG', [[]], 1)).toBe('');
    expect(call('KPI_FORECAST', [[]])).toBe('');
  });
  test('a weights or rates range past the cell limit is refused before it is read', () => {
    const huge = [new Array(1_000_001).fill(0.5)];
    expect(err('KPI_TARGET', 1, huge)).toBe('KPI_TARGET: rates has 1000001 cells; at most 1000000 are supported');
  });
  test('a block split over weights that need wide integers is refused when it would be slow', () => {
    const totals = Array.from({ length: 12_000 }, (_, i) => [i + 1]);
    const weights = [[1e308, 5e-324, ...new Array(10).fill(1)]];
    expect(err('KPI_MONTHLY', totals, weights)).toMatch(
      /^KPI_MONTHLY: these weights need wide exact integers: split at most \d+ totals over them in one call/,
    );
    expect(call('KPI_MONTHLY', totals.slice(0, 10_000), weights)).toHaveLength(10_000);
    const thirds = Array.from({ length: 18_278 }, (_, i) => 1 / (i + 3));
    expect(err('KPI_MONTHLY', totals.slice(0, 50), [thirds])).toMatch(/split at most \d+ totals/);
    expect((call('KPI_MONTHLY', totals.slice(0, 100), weights) as number[][])[99]).toEqual([
      100,
      0,
      ...new Array(10).fill(0),
    ]);
  });
});

describe("issue 12: Date arguments are calendar days of the spreadsheet's time zone", () => {
  const g = globalThis as { SpreadsheetApp?: unknown; Utilities?: unknown };
  afterEach(() => {
    delete g.SpreadsheetApp;
    delete g.Utilities;
  });
  /** The instant a date cell holds: midnight of y-m-d in `tz`. */
  const midnight = (tz: string, y: number, m: number, day: number) => {
    const guess = Date.UTC(y, m - 1, day);
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }).formatToParts(new Date(guess));
    const v = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    const shown = Date.UTC(v('year'), v('month') - 1, v('day'), v('hour'), v('minute'));
    return new Date(guess - (shown - guess));
  };
  const fake = (tz: string) => {
    const lookups = { count: 0 };
    g.SpreadsheetApp = { getActiveSpreadsheet: () => ({ getSpreadsheetTimeZone: () => (lookups.count++, tz) }) };
    g.Utilities = {
      formatDate: (d: Date, zone: string, pattern: string) => {
        expect(pattern).toBe('yyyy-MM-dd');
        return new Intl.DateTimeFormat('en-CA', {
          timeZone: zone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
        }).format(d);
      },
    };
    return lookups;
  };
  test.each(['Australia/Sydney', 'America/Los_Angeles', 'Asia/Tokyo', 'UTC'])(
    '%s: 15 January is 15 January, one lookup per call',
    (tz) => {
      const lookups = fake(tz);
      const at = (day: number) => midnight(tz, 2025, 1, day);
      expect(call('KPI_PACE', 18, 30, at(1), at(31), at(15))).toBeCloseTo(1.24, 12);
      expect(lookups.count).toBe(1);
      expect(call('KPI_PACE', 18, 30, at(1), at(31), at(1))).toBeCloseTo(18 / (30 / 31), 12);
      expect(lookups.count).toBe(2);
    },
  );
  test('no lookup without a Date argument; no SpreadsheetApp or Utilities → the script zone', () => {
    const lookups = fake('Australia/Sydney');
    expect(call('KPI_PACE', 18, 30, '2025-01-01', 45688, '2025-01-15')).toBeCloseTo(1.24, 12);
    expect(call('KPI_MONTHLY', 100)).toHaveLength(1);
    expect(lookups.count).toBe(0);
    g.Utilities = {};
    expect(call('KPI_PACE', 18, 30, d(2025, 1, 1), d(2025, 1, 31), d(2025, 1, 15))).toBeCloseTo(1.24, 12);
    delete g.Utilities;
    expect(call('KPI_PACE', 18, 30, d(2025, 1, 1), d(2025, 1, 31), d(2025, 1, 15))).toBeCloseTo(1.24, 12);
    delete g.SpreadsheetApp;
    expect(call('KPI_PACE', 18, 30, d(2025, 1, 1), d(2025, 1, 31), d(2025, 1, 15))).toBeCloseTo(1.24, 12);
    g.SpreadsheetApp = {
      getActiveSpreadsheet: () => {
        throw new Error('no auth');
      },
    };
    expect(call('KPI_PACE', 18, 30, d(2025, 1, 1), d(2025, 1, 31), d(2025, 1, 15))).toBeCloseTo(1.24, 12);
  });
});
