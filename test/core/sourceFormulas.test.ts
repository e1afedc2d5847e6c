import fc from 'fast-check';
import { quoteSheet, quoteString, sourceFormulas } from '../../src/core/sourceFormulas';
import { aggregateSource, type FiscalYear, headerColumns, type SourceLink } from '../../src/core/sources';
import { type Cell, evaluate, getValue, readExport, sheetsCell } from './sources.helpers';

const TOKYO = 'Asia/Tokyo';
const APRIL_2026 = { startYear: 2026, startMonth: 4 };

/** The formulas' values in HyperFormula and the pure aggregation over the same cells. */
function both(
  sheet: string,
  rows: Cell[][],
  link: SourceLink,
  fiscalYear: FiscalYear,
  timeZone: string,
  lastRow?: number,
) {
  const headers = rows[0] as string[];
  const f = sourceFormulas(link, {
    sheetName: sheet,
    headerColumns: headerColumns(headers),
    fiscalYear,
    timeZone,
    lastRow,
  });
  const got = evaluate(sheet, rows, [...f.months, f.unreadable]);
  const pure = aggregateSource(
    link,
    rows.map((r, i) => r.map((c) => (i === 0 ? c : getValue(c, timeZone)))),
    { fiscalYear, timeZone },
  );
  return { formulas: f, months: got.slice(0, 12), unreadable: got[12], pure };
}

function expectAgree(r: ReturnType<typeof both>) {
  expect(r.months.every((x) => typeof x === 'number')).toBe(true);
  r.months.forEach((x, i) => expect([i, x]).toEqual([i, expect.closeTo(r.pure.months[i], 6)]));
  expect(r.unreadable).toBe(r.pure.unreadable.count);
}

const fixture = (name: string, raw = false): Cell[][] =>
  readExport(name).map((row, i) => row.map((c) => (i === 0 ? c : sheetsCell(c, raw))));

const LINKS: [string, SourceLink][] = [
  [
    'hubspot-deals',
    { sheet: 'Deals', date: 'Close Date', where: [{ column: 'Deal Stage', equals: ['Closed Won'] }], sum: 'Amount' },
  ],
  [
    'hubspot-deals',
    {
      sheet: 'Deals',
      date: 'Close Date',
      where: [
        { column: 'Deal Stage', equals: ['Closed Won', 'closed won'] },
        { column: 'Pipeline', equals: ['Sales Pipeline'] },
      ],
    },
  ],
  ['hubspot-deals', { sheet: 'Deals', date: 'Create Date' }],
  [
    'hubspot-contacts',
    { sheet: 'Contacts', date: 'Create Date', where: [{ column: 'Lifecycle Stage', equals: ['Lead'] }] },
  ],
  [
    'hubspot-contacts',
    {
      sheet: 'Contacts',
      date: 'Create Date',
      where: [{ column: 'Original Source', equals: ['Organic Search', 'Paid Search'] }],
    },
  ],
  [
    'salesforce-opportunities',
    { sheet: 'Opps', date: 'Close Date', where: [{ column: 'Stage', equals: ['Closed Won'] }], sum: 'Amount' },
  ],
  [
    'salesforce-opportunities',
    { sheet: 'Opps', date: 'Close Date', where: [{ column: 'Probability (%)', equals: [100] }] },
  ],
  ['ga4-sessions', { sheet: 'GA4', date: 'Date', sum: 'Sessions' }],
  ['ga4-sessions', { sheet: 'GA4', date: 'Date' }],
  ['ja-crm', { sheet: '案件', date: '受注日', where: [{ column: 'ステータス', equals: ['受注'] }], sum: '金額' }],
  ['ja-crm', { sheet: '案件', date: '受注日', sum: '金額' }],
];

describe('the native formulas agree with the pure aggregation on every fixture export', () => {
  test.each(LINKS.map(([name, link], i) => [i, name, link] as const))('%i %s', (_, name, link) => {
    for (const raw of [false, true]) {
      for (const [timeZone, fiscalYear] of [
        [TOKYO, APRIL_2026],
        ['America/New_York', { startYear: 2026, startMonth: 1 }],
      ] as const) {
        const r = both(link.sheet, fixture(name, raw), link, fiscalYear, timeZone);
        expect(r.formulas.months.every((f) => f.length < 50000)).toBe(true);
        expectAgree(r);
      }
    }
  });

  test('the hand-computed HubSpot deals numbers come out of the formulas', () => {
    const r = both('Deals', fixture('hubspot-deals'), LINKS[0][1], APRIL_2026, TOKYO);
    expect(r.months).toEqual([1650000, 98000, 3600000, 330000, 0, 0, 0, 520000, 75000, 0, 0, 2400000]);
    expect(r.unreadable).toBe(2);
  });

  test('UTC date-times move across month ends with the spreadsheet zone, daylight saving time included', () => {
    const rows: Cell[][] = [
      ['Created'],
      ['2026-03-31T15:30:00Z'],
      ['2026-03-31T14:59:00Z'],
      ['2026-11-01T05:30:00Z'],
      ['2026-11-01T03:59:00Z'],
      ['2026-10-31T04:00:00Z'],
      ['2026-12-01T04:30:00Z'],
    ];
    const tokyo = both('S', rows, { sheet: 'S', date: 'Created' }, APRIL_2026, TOKYO);
    expect(tokyo.months.slice(0, 9)).toEqual([1, 0, 0, 0, 0, 0, 1, 2, 1]);
    expectAgree(tokyo);
    // New York: EDT (UTC−4) until 2026-11-01 06:00 UTC, then EST (UTC−5): Nov 1 starts at 04:00Z, Dec 1 at 05:00Z.
    const ny = both('S', rows, { sheet: 'S', date: 'Created' }, APRIL_2026, 'America/New_York');
    expect(ny.months.slice(0, 9)).toEqual([0, 0, 0, 0, 0, 0, 2, 2, 0]);
    expectAgree(ny);
  });

  test('rows appended below the data are read (whole columns); lastRow bounds them', () => {
    const rows = fixture('ja-crm');
    const more: Cell[][] = [
      ...rows,
      ...Array.from({ length: 30 }, () => [null, null, null, null, null, null, null]),
      ['A-9', 'x', 'y', '受注', '2026/4/2', '¥1,000', 'z'],
    ];
    const link = LINKS[9][1];
    expect(both('案件', more, link, APRIL_2026, TOKYO).months[0]).toBe(1594000 + 1000);
    expect(both('案件', more, link, APRIL_2026, TOKYO, 20).months[0]).toBe(1594000);
  });
});

test('an error cell (#N/A from IMPORTRANGE) in any column neither breaks the formulas nor counts silently', () => {
  const na: Cell = { error: '#N/A' };
  const rows: Cell[][] = [
    ['Date', 'Stage', 'Amount'],
    [na, 'Won', 5],
    ['2026-04-02', na, 7],
    ['2026-04-03', 'Won', na],
    ['2026-04-04', 'Won', 11],
  ];
  const link: SourceLink = { sheet: 'S', date: 'Date', where: [{ column: 'Stage', equals: ['Won'] }], sum: 'Amount' };
  const r = both('S', rows, link, APRIL_2026, TOKYO);
  expect([r.months[0], r.unreadable]).toEqual([11, 2]);
  expectAgree(r);
  expectAgree(both('S', rows, { sheet: 'S', date: 'Date', sum: 'Amount' }, APRIL_2026, TOKYO));
});

describe('quoting', () => {
  test('sheet names and texts are quoted, never spliced into formula syntax', () => {
    expect(quoteSheet("Bob's deals")).toBe("'Bob''s deals'!");
    expect(quoteString('say "hi"')).toBe('"say "&CHAR(34)&"hi"&CHAR(34)&""');
    const rows: Cell[][] = [
      ['Date "x"', "Stage'", 'A,B'],
      ['2026-04-02', 'Won "big"', 5],
      ['2026-04-03', 'Won', 7],
      ['2026-04-04', 'Won "big"', '¥9'],
    ];
    const link: SourceLink = {
      sheet: "Bob's = deals",
      date: 'Date "x"',
      where: [{ column: "Stage'", equals: ['Won "big"'] }],
      sum: 'A,B',
    };
    const r = both("Bob's = deals", rows, link, APRIL_2026, TOKYO);
    expect(r.months[0]).toBe(14);
    expect(r.formulas.months[0]).not.toContain('Date "x"');
    expect(r.formulas.months[0]).toContain("'Bob''s = deals'!A:A");
  });

  test('a column letter that is not one, or a missing header, is refused', () => {
    const base = { fiscalYear: APRIL_2026, timeZone: TOKYO };
    expect(() => sourceFormulas({ sheet: 'S', date: 'D' }, { ...base, headerColumns: { D: 'A1+1' } })).toThrow(
      'not a column letter',
    );
    expect(() => sourceFormulas({ sheet: 'S', date: 'D' }, { ...base, headerColumns: {} })).toThrow(
      'sheet "S" has no column "D"',
    );
  });
});

// ---- generated exports -------------------------------------------------------------------------

const pad = (k: number) => String(k).padStart(2, '0');
const day = fc.record({
  y: fc.integer({ min: 2025, max: 2028 }),
  m: fc.integer({ min: 1, max: 12 }),
  d: fc.integer({ min: 1, max: 28 }),
});
const time = fc.record({ h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }) });
const dateCell: fc.Arbitrary<Cell> = fc.oneof(
  day.map(({ y, m, d }) => `${y}-${pad(m)}-${pad(d)}`),
  day.map(({ y, m, d }) => `${y}/${m}/${d}`),
  fc.tuple(day, time).map(([{ y, m, d }, { h, mi }]) => `${y}/${m}/${d} ${h}:${pad(mi)}`),
  day.map(({ y, m, d }) => `${y}${pad(m)}${pad(d)}`),
  day.map(({ y, m, d }) => y * 10000 + m * 100 + d),
  day.map(({ y, m, d }) => `${y}年${m}月${d}日`),
  fc.tuple(day, time).map(([{ y, m, d }, { h, mi }]) => `${y}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(mi)}:00Z`),
  day.map(({ y, m, d }) => `${y}.${pad(m)}.${pad(d)}`),
  day.map(({ y, m }) => `${y}/${m}`),
  day.map(({ y, m }) => y * 100 + m),
  day.map(({ y, m }) => `${y}年${m}月`),
  fc.tuple(day, time).map(([{ y, m, d }, { h, mi }]) => ` ${y}-${m}-${d}  ${h}:${pad(mi)}`),
  fc.tuple(day, time).map(([{ y, m, d }, { h, mi }]) => `${y}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(mi)}:00+09:00`),
  fc.tuple(day, time).map(([{ y, m, d }, { h, mi }]) => `${y}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(mi)}:00.000Z`),
  fc.tuple(day, time).map(([{ y, m, d }, { h, mi }]) => ({
    serial: (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000 + (h * 60 + mi) / 1440,
  })),
  fc.constantFrom<Cell>(
    null,
    '',
    ' ',
    'TBD',
    '未定',
    '4/1/2026',
    '13/4/2026',
    '2026-13-01',
    'N/A',
    '2026',
    '2026-02-30',
    '20260431',
    '202613',
    202600,
    0,
    -3,
    true,
  ),
);
const amountCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.integer({ min: 0, max: 1e9 }),
  fc.integer({ min: 0, max: 1e7 }).map((x) => `¥${x.toLocaleString('en-US')}`),
  fc.integer({ min: 0, max: 1e6 }).map((x) => `$${(x / 100).toFixed(2)}`),
  fc.integer({ min: 0, max: 999 }).map((x) => String(x).replace(/\d/g, (c) => String.fromCharCode(0xff10 + Number(c)))),
  fc.constantFrom<Cell>(null, 'N/A', '-', ' ', '▲1,000', '980000円', true),
);
const stageCell = fc.constantFrom<Cell>(
  'Closed Won',
  'Closed Lost',
  ' Closed Won',
  'closed won',
  'Closed  Won',
  '受注',
  null,
  3,
);

test('generated exports: formulas and pure aggregation agree (dates in several forms, stages, amounts)', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(dateCell, stageCell, amountCell), { minLength: 1, maxLength: 12 }),
      fc.constantFrom(TOKYO, 'America/New_York', 'UTC', 'Europe/London'),
      fc.record({ startYear: fc.constant(2026), startMonth: fc.integer({ min: 1, max: 12 }) }),
      fc.boolean(),
      fc.boolean(),
      (data, timeZone, fiscalYear, filtered, summed) => {
        const link: SourceLink = {
          sheet: 'Export',
          date: 'Date',
          ...(filtered ? { where: [{ column: 'Stage', equals: ['Closed Won', '受注', 3] }] } : {}),
          ...(summed ? { sum: 'Amount' } : {}),
        };
        expectAgree(both('Export', [['Date', 'Stage', 'Amount'], ...data], link, fiscalYear, timeZone));
      },
    ),
    // No shrinking: every step is a HyperFormula evaluation; a failure prints its whole counterexample.
    { numRuns: 40, endOnFailure: true },
  );
});
