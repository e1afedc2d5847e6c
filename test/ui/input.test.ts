import fc from 'fast-check';
import {
  formatField,
  formatMoney,
  formatNumber,
  formatPercent,
  interpretation,
  normalizeTyped,
  parseNumber,
  parsePercent,
  readField,
} from '../../src/client/input';
import type { FieldKind } from '../../src/core/fields';
import type { Plan } from '../../src/core/plan';
import { samplePlan } from '../../src/core/sample';
import { checked } from '../../src/core/validate';

const value = (text: string) => {
  const r = parseNumber(text);
  if (!('value' in r)) throw new Error(`${text} → ${JSON.stringify(r)}`);
  return r.value;
};

describe('parseNumber', () => {
  test.each([
    ['10000000', 10_000_000],
    ['10,000,000', 10_000_000],
    ['  2,500  ', 2500],
    ['１０００', 1000],
    ['１，０００，０００', 1_000_000],
    ['12.5', 12.5],
    ['.5', 0.5],
    ['¥10,000,000', 10_000_000],
    ['￥１０,０００', 10_000],
    ['$2,000,000', 2_000_000],
    ['€1,250.50', 1250.5],
    ['500000円', 500_000],
    ['250件', 250],
    ['1,000万', 10_000_000],
    ['1000万円', 10_000_000],
    ['1億2000万', 120_000_000],
    ['1.2億', 120_000_000],
    ['3千万', 30_000_000],
    ['25k', 25_000],
    ['$2M', 2_000_000],
    ['1.5m', 1_500_000],
    ['2bn', 2_000_000_000],
    ['-5', -5],
    ['−5', -5],
    ['－１０', -10],
    ['+7', 7],
    ['1 000 000', 1_000_000],
  ])('%s → %d', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  test('blank is blank, not 0', () => {
    expect(parseNumber('')).toEqual({ blank: true });
    expect(parseNumber('   ')).toEqual({ blank: true });
    expect(parseNumber('\u3000')).toEqual({ blank: true });
  });

  test.each(['abc', '1,00', '12,34,567', '1.2.3', '--5', '¥', '万', '1e6', '10,000x', '=1+1', '<img src=x>'])(
    '%s is not a number',
    (text) => {
      const r = parseNumber(text);
      expect('error' in r).toBe(true);
    },
  );

  test('a decimal comma gets its own message', () => {
    expect(parseNumber('0,25')).toEqual({ error: 'err.decimalComma' });
    expect(parseNumber('1,5')).toEqual({ error: 'err.decimalComma' });
    expect(parseNumber('abc')).toEqual({ error: 'err.number' });
  });

  test('huge numbers are refused', () => {
    expect(parseNumber('1,000,000,000,000,000,000')).toEqual({ error: 'err.tooBig' });
    expect(parseNumber('9'.repeat(400))).toEqual({ error: 'err.tooBig' });
  });

  test('no floating-point noise', () => {
    expect(value('0.1')).toBe(0.1);
    expect(value('1.1億')).toBe(110_000_000);
    expect(value('0.07k')).toBe(70);
  });
});

describe('parsePercent', () => {
  test.each([
    ['25%', 0.25],
    ['25 %', 0.25],
    ['２５％', 0.25],
    ['25', 0.25],
    ['0.25', 0.25],
    ['.25', 0.25],
    ['2.5%', 0.025],
    ['0.5%', 0.005],
    ['1', 0.01],
    ['100', 1],
    ['100%', 1],
    ['120%', 1.2],
    ['-5', -0.05],
    ['-0.05', -0.05],
    ['7', 0.07],
  ])('%s → %d', (text, expected) => {
    const r = parsePercent(text);
    expect(r).toEqual({ value: expected });
  });

  test('blank and garbage', () => {
    expect(parsePercent(' ')).toEqual({ blank: true });
    expect(parsePercent('%')).toEqual({ error: 'err.number' });
    expect(parsePercent('abc%')).toEqual({ error: 'err.number' });
    expect(parsePercent('0,25')).toEqual({ error: 'err.decimalComma' });
  });
});

describe('readField', () => {
  test('rates are in (0, 100%]', () => {
    expect(readField('rate', '25%')).toEqual({ value: 0.25 });
    expect(readField('rate', '100%')).toEqual({ value: 1 });
    expect(readField('rate', '0')).toEqual({ error: 'err.rateRange' });
    expect(readField('rate', '140%')).toEqual({ error: 'err.rateRange' });
    expect(readField('rate', '-5')).toEqual({ error: 'err.rateRange' });
    expect(readField('rate', '')).toEqual({ error: 'err.required', blank: true });
  });

  test('amounts are above 0, non-negatives at least 0', () => {
    expect(readField('amount', '¥1,000万')).toEqual({ value: 10_000_000 });
    expect(readField('amount', '0')).toEqual({ error: 'err.positive' });
    expect(readField('nonneg', '0')).toEqual({ value: 0 });
    expect(readField('nonneg', '-1')).toEqual({ error: 'err.negative' });
  });

  test('optional blank is fine; required blank is an error', () => {
    expect(readField('nonneg', '', false)).toEqual({ blank: true });
    expect(readField('nonneg', '')).toEqual({ error: 'err.required', blank: true });
  });

  test('growth above -100%, thresholds 0%–200% (as validatePlan), years', () => {
    expect(readField('growth', '10%')).toEqual({ value: 0.1 });
    expect(readField('growth', '-100%')).toEqual({ error: 'err.growthRange' });
    expect(readField('threshold', '80')).toEqual({ value: 0.8 });
    expect(readField('threshold', '0.5%')).toEqual({ value: 0.005 });
    expect(readField('threshold', '200%')).toEqual({ value: 2 });
    expect(readField('threshold', '300%')).toEqual({ error: 'err.thresholdRange' });
    expect(readField('year', '2026')).toEqual({ value: 2026 });
    expect(readField('year', '２０２６')).toEqual({ value: 2026 });
    expect(readField('year', '26.5')).toEqual({ error: 'err.year' });
    expect(readField('year', '26')).toEqual({ error: 'err.year' });
  });
});

describe('formatting', () => {
  test('numbers with thousands separators', () => {
    expect(formatNumber(10_000_000)).toBe('10,000,000');
    expect(formatNumber(10_000_000, 'ja')).toBe('10,000,000');
    expect(formatNumber(1234.567)).toBe('1,234.57');
    expect(formatNumber(NaN)).toBe('');
  });

  test('money', () => {
    expect(formatMoney(10_000_000, 'JPY', 'ja')).toBe('¥10,000,000');
    expect(formatMoney(2_300_000, 'USD')).toBe('$2,300,000');
    expect(formatMoney(1250.5, 'EUR')).toBe('€1,250.5');
    expect(formatMoney(-5, 'USD')).toBe('-$5');
  });

  test('percentages keep every digit typed, without float noise', () => {
    expect(formatPercent(0.25)).toBe('25%');
    expect(formatPercent(0.005)).toBe('0.5%');
    expect(formatPercent(0.07)).toBe('7%');
    expect(formatPercent(0.123456)).toBe('12.3456%');
    expect(formatPercent(1.2)).toBe('120%');
  });

  test('formatField round-trips through readField', () => {
    for (const [kind, text] of [
      ['rate', '0.123456'],
      ['amount', '1,234,567.891'],
      ['growth', '-12.5'],
      ['threshold', '80'],
      ['nonneg', '1.5'],
      ['year', '2027'],
    ] as const) {
      const v = readField(kind, text).value!;
      expect(readField(kind, formatField(kind, v)).value).toBe(v);
    }
  });

  test('interpretation shows how a field was read, only when the text does not already say it', () => {
    expect(interpretation('rate', '25')).toBe('25%');
    expect(interpretation('rate', '0.25')).toBe('25%');
    expect(interpretation('rate', '25%')).toBe('');
    expect(interpretation('rate', 'abc')).toBe('');
    expect(interpretation('amount', '1,000万')).toBe('10,000,000');
    expect(interpretation('amount', '10,000,000')).toBe('');
    expect(interpretation('amount', '１０００')).toBe('1,000');
    expect(interpretation('amount', '10000000')).toBe('10,000,000');
  });

  test('normalizeTyped', () => {
    expect(normalizeTyped('１２３，４５６．７')).toBe('123,456.7');
    expect(normalizeTyped(' 1 000 ')).toBe('1000');
  });
});

describe('the field rules are the validator’s (src/core/fields.ts)', () => {
  test('a word in a number field shows an example of that kind: a rate for a rate, money for money', () => {
    expect(readField('rate', 'abc')).toEqual({ error: 'err.numberRate' });
    expect(readField('growth', 'abc')).toEqual({ error: 'err.numberPercent' });
    expect(readField('threshold', 'abc%')).toEqual({ error: 'err.numberPercent' });
    expect(readField('amount', 'abc')).toEqual({ error: 'err.number' });
  });

  test('every value the sidebar accepts, validatePlan accepts; every value it refuses, validatePlan refuses', () => {
    const cases: [string, FieldKind, (plan: Plan, v: number) => void][] = [
      ['plan.thresholds.ok', 'threshold', (plan, v) => (plan.thresholds = { warn: 0, ok: v })],
      ['plan.funnel.rates[0]', 'rate', (plan, v) => (plan.funnel.rates[0] = v)],
      [
        'plan.kgi.growthRate',
        'growth',
        (plan, v) => {
          plan.kgi = { name: plan.kgi.name, unit: 'count', baseline: 1000, growthRate: v };
        },
      ],
      [
        'plan.ksfs[0].kpis[1].target',
        'amount',
        (plan, v) => {
          plan.ksfs[0].kpis[1] = { name: plan.ksfs[0].kpis[1].name, target: v };
        },
      ],
      [
        'plan.ksfs[0].kpis[1].baseline',
        'nonneg',
        (plan, v) => {
          plan.ksfs[0].kpis[1] = { ...plan.ksfs[0].kpis[1], baseline: v };
        },
      ],
    ];
    const check = (path: string, kind: FieldKind, put: (plan: Plan, v: number) => void, v: number) => {
      const sidebar = readField(kind, formatField(kind, v)).value !== undefined;
      const plan: Plan = JSON.parse(JSON.stringify(samplePlan('en')));
      put(plan, v);
      const issues = checked(plan).issues.filter((issue) => issue.path === path);
      expect({ path, v, sidebar }).toEqual({ path, v, sidebar: issues.length === 0 });
    };
    // The bounds themselves and a few around them, then random values over the whole range.
    for (const [path, kind, put] of cases) {
      for (const v of [-1.5, -1, -0.5, 0, 0.005, 0.5, 1, 1.5, 2, 2.5, 3, 500]) check(path, kind, put, v);
    }
    fc.assert(
      fc.property(
        fc.constantFrom(...cases),
        fc.oneof(fc.double({ min: -3, max: 12, noNaN: true }), fc.double({ min: 1, max: 1e12, noNaN: true })),
        fc.integer({ min: 0, max: 6 }),
        ([path, kind, put], raw, decimals) => check(path, kind, put, Number(raw.toFixed(decimals))),
      ),
      { numRuns: 300 },
    );
  });
});
