// The built dist/Code.js, loaded into a fresh vm realm: documented stubs generated from the
// table, no work at load time, the functions callable as Sheets calls them, and a fast-check
// property test throwing random scalars and ranges at every function.
import fc from 'fast-check';
import vm from 'node:vm';
import { statSync } from 'node:fs';
import { FUNCTIONS } from '../../src/functions';
import { DOCS as TEXT, type FunctionDoc } from '../../src/functions/docs';
import { codePath, ensureBuilt, loadDist, readCode } from './load';

type Fn = (...args: unknown[]) => unknown;
let ctx: vm.Context;
let code: string;
const fn = (name: string) => ctx[name] as Fn;
const DOCS = TEXT as Record<string, FunctionDoc<string>>;

beforeAll(() => {
  ensureBuilt();
  code = readCode();
  ctx = loadDist();
});

describe('dist/Code.js', () => {
  test('is at most 128 KiB (the budget of issue 10)', () => {
    const size = statSync(codePath).size;
    if (size > 128 * 1024)
      throw new Error(`dist/Code.js is ${(size / 1024).toFixed(1)} KiB, over the 128 KiB budget of issue 10`);
  });

  test('loads in a fresh realm without touching any Apps Script service', () => {
    const touched: string[] = [];
    const services = [
      'SpreadsheetApp',
      'HtmlService',
      'PropertiesService',
      'ScriptApp',
      'Session',
      'LockService',
      'Utilities',
      'CacheService',
      'Logger',
      'UrlFetchApp',
      'DriveApp',
    ];
    const globals = {};
    for (const s of services)
      Object.defineProperty(globals, s, {
        get: () => {
          touched.push(s);
          throw new Error(`${s} used at load time`);
        },
        enumerable: true,
      });
    const realm = vm.createContext(globals);
    vm.runInContext(code, realm, { filename: 'Code.js' });
    expect(touched).toEqual([]);
    for (const f of FUNCTIONS) expect(typeof realm[f.name]).toBe('function');
  });

  test('one documented top-level stub per table entry, parameter names identical to the declaration', () => {
    const stubs = new Map<string, { doc: string; params: string[] }>();
    for (const m of code.matchAll(/\/\*\*\n((?: \*.*\n)+?) \*\/\nfunction (KPI_\w+)\(([^)]*)\) \{/g)) {
      stubs.set(m[2], {
        doc: m[1],
        params: m[3]
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      });
    }
    expect([...stubs.keys()].sort()).toEqual(FUNCTIONS.map((f) => f.name).sort());
    for (const f of FUNCTIONS) {
      const { doc, params } = stubs.get(f.name)!;
      const lines = doc.split('\n').map((l) => l.replace(/^ \* ?/, ''));
      expect(params).toEqual(f.params.map((p) => p.name));
      const text = DOCS[f.name];
      expect(lines[0]).toBe(text.description);
      const docParams = lines.filter((l) => l.startsWith('@param')).map((l) => /^@param \{[^}]+\} (\S+) (.+)$/.exec(l));
      expect(docParams.map((m) => m?.[1])).toEqual(params);
      docParams.forEach((m, i) => expect(m?.[2]).toContain(text.params[f.params[i].name]));
      expect(lines).toContain(`@return ${text.returns}`);
      expect(lines).toContain('@customfunction');
      expect(fn(f.name).length).toBe(f.params.length);
    }
  });

  test('stubs pass their arguments through: worked examples from dist', () => {
    expect(fn('KPI_TARGET')(10_000_000, [[0.4, 0.2]], 500_000)).toBe(250);
    expect(fn('KPI_FUNNEL')(10_000_000, [[0.4], [0.2]], 500_000)).toEqual([[250], [100], [20]]);
    expect(fn('KPI_TARGET')(2_000_000, 0.2, 75_000)).toBe(135);
    expect(fn('KPI_TARGET')(2_000_000, 0.2, 75_000, false)).toBeCloseTo(133.3333, 3);
    expect(fn('KPI_TARGET')(57, 0.57)).toBe(100);
    expect(fn('KPI_MONTHLY')(100)).toEqual([[9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8]]);
    expect(fn('KPI_MONTHLY')([[100], [12]], [[1, 1, 2]])).toEqual([
      [25, 25, 50],
      [3, 3, 6],
    ]);
    expect(fn('KPI_PACE')(18, 30, new Date(2025, 0, 1), new Date(2025, 0, 31), new Date(2025, 0, 15))).toBeCloseTo(
      1.24,
      12,
    );
    expect(
      fn('KPI_FORECAST')([
        [10, 20, ''],
        ['', '', ''],
      ]),
    ).toEqual([[45], ['']]);
    expect(fn('KPI_PROGRESS')([[50, 100]], 100, '')).toEqual([[0.5, 1]]);
    expect(fn('KPI_REMAINING')(120, 60, 6)).toBe(10);
    expect(fn('KPI_STATUS')(0.85)).toBe('At risk');
    expect(fn('KPI_LAG')([[1, 2, 3]], 1, false)).toEqual([[2, 3, '']]);
    expect(() => fn('KPI_TARGET')(100, 25)).toThrow(
      'KPI_TARGET: conversion rate 25 is above 1 — enter it as 25% or 0.25',
    );
  });

  test('KPI_STATUS reads the spreadsheet locale at call time', () => {
    let locale = 'ja_JP';
    const realm = loadDist({
      SpreadsheetApp: { getActiveSpreadsheet: () => ({ getSpreadsheetLocale: () => locale }) },
    });
    expect((realm.KPI_STATUS as Fn)(0.5)).toBe('遅れ');
    locale = 'en_GB';
    expect((realm.KPI_STATUS as Fn)(0.5)).toBe('Off track');
  });
});

describe('property: random scalars and ranges never give NaN/Infinity/null/undefined or a non-prefixed error', () => {
  const special = fc.constantFrom(
    1e308,
    -1e308,
    5e-324,
    -5e-324,
    1e-300,
    0,
    -0,
    1,
    0.5,
    12,
    18278,
    18279,
    -1,
    2.5,
    1e15,
    2 ** 53 + 2,
  );
  const text = fc.constantFrom(
    '',
    ' ',
    'abc',
    '25%',
    '40',
    '1e400',
    'TRUE',
    'false',
    'ja',
    'en_US',
    '2025-01-15',
    '-3',
    '=1+1',
    '<b>x</b>',
  );
  const wildCell = fc.oneof(
    fc.double(),
    fc.integer({ min: -1000, max: 100_000 }),
    special,
    text,
    fc.string({ maxLength: 6 }),
    fc.boolean(),
    fc.date(),
    fc.constant(null),
  );
  const grid = <T>(c: fc.Arbitrary<T>, rows = 6, cols = 13) =>
    fc.array(fc.array(c, { minLength: 1, maxLength: cols }), { minLength: 1, maxLength: rows });
  const wild = fc.oneof(
    { weight: 3, arbitrary: wildCell },
    { weight: 2, arbitrary: grid(wildCell) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );

  // Plausible values per parameter type (with huge/tiny numbers and blanks), so most calls get past coercion.
  const num = fc.oneof(fc.double({ min: 0, max: 1e7, noNaN: true }), fc.integer({ min: 0, max: 1_000_000 }), special);
  const numCell = fc.oneof({ weight: 4, arbitrary: num }, { weight: 1, arbitrary: fc.constant('') });
  const rate = fc.oneof(
    fc.double({ min: 1e-6, max: 1, noNaN: true }),
    fc.constantFrom(0.57, 0.2, 0.4, 1, 1e-300),
    fc.constant(''),
  );
  // Shapes that broadcast: 1 or 3 rows, 1 or 12 columns.
  const shaped = (c: fc.Arbitrary<unknown>) =>
    fc.oneof(
      c,
      fc
        .tuple(fc.constantFrom(1, 3), fc.constantFrom(1, 12))
        .chain(([r, k]) => fc.array(fc.array(c, { minLength: k, maxLength: k }), { minLength: r, maxLength: r })),
    );
  const plausible = (p: (typeof FUNCTIONS)[number]['params'][number]): fc.Arbitrary<unknown> => {
    switch (p.type) {
      case 'number':
        return p.max !== undefined ? fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), special) : num;
      case 'vector':
        return fc.oneof(rate, grid(rate, 3, 6));
      case 'range':
        return p.cell === 'boolean'
          ? shaped(fc.oneof(fc.boolean(), fc.constant('')))
          : p.above !== undefined
            ? shaped(fc.oneof(fc.integer({ min: 1, max: 12 }), special))
            : shaped(numCell);
      case 'block':
        return fc.oneof(grid(numCell, 4, 13), p.cell === 'any' ? grid(wildCell, 3, 13) : numCell);
      case 'count': {
        const lo = p.min ?? 0,
          hi = p.max ?? 100;
        const k = fc.oneof(
          fc.integer({ min: lo, max: Math.min(hi, lo + 30) }),
          fc.constantFrom(lo, hi, lo - 1, hi + 1),
        );
        return p.weights
          ? fc.oneof(k, grid(fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.constant('')), 2, 12))
          : k;
      }
      case 'boolean':
        return fc.oneof(fc.boolean(), fc.constantFrom('', 'TRUE', 0, 1));
      case 'date':
        return fc.oneof(
          fc.date({ min: new Date(2020, 0, 1), max: new Date(2030, 0, 1) }),
          fc.integer({ min: 43831, max: 47484 }),
        );
      case 'string':
        return fc.constantFrom('ja', 'en', '', 'ja_JP', 'en-US');
    }
  };
  const tag = (v: unknown) => Object.prototype.toString.call(v);
  const okCell = (v: unknown) =>
    (typeof v === 'number' && Number.isFinite(v)) ||
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    tag(v) === '[object Date]';

  test.each(FUNCTIONS.map((f) => [f.name] as const))('%s', (name) => {
    const spec = FUNCTIONS.find((f) => f.name === name)!;
    const f = fn(name);
    const argsFor = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.tuple(
          ...spec.params.map((p) => fc.oneof({ weight: 6, arbitrary: plausible(p) }, { weight: 1, arbitrary: wild })),
        ) as fc.Arbitrary<unknown[]>,
      },
      { weight: 1, arbitrary: fc.array(wild, { maxLength: spec.params.length + 1 }) },
    );
    let results = 0,
      runs = 0;
    fc.assert(
      fc.property(argsFor, (args) => {
        runs++;
        const t0 = Date.now();
        let out: unknown;
        try {
          out = f(...args);
        } catch (e) {
          expect(tag(e)).toBe('[object Error]');
          expect((e as Error).message.startsWith(`${name}: `)).toBe(true);
          return;
        } finally {
          expect(Date.now() - t0).toBeLessThan(2000);
        }
        results++;
        if (Array.isArray(out)) {
          expect(out.length).toBeGreaterThan(0);
          let cells = 0;
          for (const row of out) {
            expect(Array.isArray(row)).toBe(true);
            for (const v of row as unknown[])
              if (!okCell(v)) throw new Error(`${name} returned ${String(v)} in ${JSON.stringify(out)}`);
            cells += (row as unknown[]).length;
          }
          expect(cells).toBeLessThanOrEqual(1_000_000);
        } else if (!okCell(out)) {
          throw new Error(`${name} returned ${String(out)}`);
        }
      }),
      { numRuns: 1500 },
    );
    // Not vacuous: a good share of the random calls must get through to a result.
    expect(results / runs).toBeGreaterThan(0.1);
  });
});
