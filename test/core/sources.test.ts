import { runInNewContext } from 'node:vm';
import {
  aggregateSource,
  columnLetter,
  describeSource,
  headerColumns,
  missingColumns,
  readAmount,
  readDate,
  SourceColumnError,
  sourceLabel,
  unreadableText,
  type SourceLink,
  validateSource,
} from '../../src/core/sources';
import { EXPORTS, getValue, readExport, sheetsCell } from './sources.helpers';

const TOKYO = 'Asia/Tokyo';
const APRIL_2026 = { startYear: 2026, startMonth: 4 };

/** A fixture as getValues gives it after File › Import converted numbers and dates (raw: all text). */
const values = (name: string, timeZone = TOKYO, raw = false): unknown[][] =>
  readExport(name).map((row, i) => row.map((c) => (i === 0 ? c : getValue(sheetsCell(c, raw), timeZone))));

describe('validateSource', () => {
  test('a well-formed link has no finding', () => {
    expect(validateSource({ sheet: 'Deals', date: 'Close Date' })).toEqual([]);
    expect(
      validateSource({
        sheet: 'Deals',
        date: 'Close Date',
        where: [{ column: 'Deal Stage', equals: ['Closed Won', 3] }],
        sum: 'Amount',
      }),
    ).toEqual([]);
  });

  test('each problem names its field path, the value and what to do, in en and ja', () => {
    const f = validateSource(
      { sheet: ' ', date: 5, where: [{ column: 'Stage', equals: [] }, 'x'], sum: '', extra: 1 },
      'plan.kgi.source',
    );
    expect(f.map((x) => x.path)).toEqual([
      'plan.kgi.source.sheet',
      'plan.kgi.source.date',
      'plan.kgi.source.sum',
      'plan.kgi.source.where[0].equals',
      'plan.kgi.source.where[1]',
      'plan.kgi.source.extra',
    ]);
    expect(f[0].message).toBe('plan.kgi.source.sheet: " " — give the name of the sheet that holds the records');
    expect(f[3].text.ja).toContain('対象とする値を1つ以上');
    expect(f.every((x) => x.level === 'error' && x.criterion === 'relevant' && x.text.en && x.text.ja)).toBe(true);
  });

  test('a blank or non-text filter value, a non-list where and a non-object link are refused', () => {
    expect(
      validateSource({ sheet: 'S', date: 'D', where: [{ column: 'C', equals: ['ok', '', null, NaN] }] }).map(
        (x) => x.path,
      ),
    ).toEqual(['source.where[0].equals[1]', 'source.where[0].equals[2]', 'source.where[0].equals[3]']);
    expect(validateSource({ sheet: 'S', date: 'D', where: { column: 'C' } })[0].path).toBe('source.where');
    expect(validateSource(null)[0].message).toContain('give { sheet, date, where?, sum? }');
    expect(validateSource(['S'])).toHaveLength(1);
  });
});

describe('readDate', () => {
  test('dates as exports write them', () => {
    const april1 = { y: 2026, m: 4, d: 1 };
    for (const v of [
      '2026-04-01',
      '2026/04/01',
      '2026/4/1 10:23',
      '2026.04.01',
      '2026年4月1日',
      '2026年4月1日 9:00',
      ' 2026-4-1 ',
      '2026-04-01 23:59:59',
      '20260401',
      20260401,
      46113,
      46113.99,
      '2026-04-01T10:23:00',
      '2026-04-01T10:23:00+09:00',
    ]) {
      expect([v, readDate(v, TOKYO)]).toEqual([v, april1]);
    }
    // A month alone (monthly exports, GA4's year-month) reads as its first day.
    for (const v of ['2026-04', '2026/4', '2026年4月', '202604', 202604])
      expect([v, readDate(v, TOKYO)]).toEqual([v, april1]);
  });

  test('a Date of any realm is its calendar day in the spreadsheet time zone, not the script one', () => {
    const foreign = runInNewContext('new Date(Date.UTC(2026, 2, 31, 15, 30))') as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(readDate(foreign, TOKYO)).toEqual({ y: 2026, m: 4, d: 1 });
    expect(readDate(foreign, 'America/New_York')).toEqual({ y: 2026, m: 3, d: 31 });
  });

  test('an ISO date-time in UTC is placed in the spreadsheet time zone', () => {
    expect(readDate('2026-03-31T15:30:00Z', TOKYO)).toEqual({ y: 2026, m: 4, d: 1 });
    expect(readDate('2026-03-31T14:59:59.999Z', TOKYO)).toEqual({ y: 2026, m: 3, d: 31 });
    expect(readDate('2026-04-01T03:00:00Z', 'America/Los_Angeles')).toEqual({ y: 2026, m: 3, d: 31 });
  });

  test('unreadable dates say why', () => {
    expect(readDate('', TOKYO)).toEqual({ reason: 'empty' });
    expect(readDate('   ', TOKYO)).toEqual({ reason: 'empty' });
    expect(readDate(null, TOKYO)).toEqual({ reason: 'empty' });
    expect(readDate('4/1/2026', TOKYO)).toEqual({ reason: 'ambiguous' });
    expect(readDate('01.04.2026', TOKYO)).toEqual({ reason: 'ambiguous' });
    for (const v of [
      'TBD',
      '未定',
      'yesterday',
      '2026-13-01',
      '26/4/1',
      '0999-04-01',
      '20261301',
      '2026',
      '2026-4x',
      '202613',
      202613,
      true,
      0,
      -5,
      2958466,
      20261232,
      '#N/A',
    ]) {
      expect([v, readDate(v, TOKYO)]).toEqual([v, { reason: 'unparseable' }]);
    }
  });
});

test('readAmount: currency signs, commas, full-width digits, ▲; blank is 0; text is unreadable', () => {
  const cases: [unknown, number | undefined][] = [
    [1234, 1234],
    ['¥1,234,000', 1234000],
    ['1,234', 1234],
    ['$1,234.50', 1234.5],
    ['１２３', 123],
    ['１２３,０００', 123000],
    ['980000円', 980000],
    ['▲50,000', -50000],
    ['-12.5', -12.5],
    ['', 0],
    ['  ', 0],
    [null, 0],
    ['N/A', undefined],
    ['USD 4500', undefined],
    ['TBD', undefined],
    [true, undefined],
    ['1.2.3', undefined],
  ];
  for (const [v, want] of cases) expect([v, readAmount(v, TOKYO)]).toEqual([v, want]);
});

describe('aggregateSource on the fixture exports (hand-computed)', () => {
  const fiscal = { fiscalYear: APRIL_2026, timeZone: TOKYO };

  test('HubSpot deals: Closed Won amounts by Close Date, fiscal year from April', () => {
    const link: SourceLink = {
      sheet: 'Deals',
      date: 'Close Date',
      where: [{ column: 'Deal Stage', equals: ['Closed Won'] }],
      sum: 'Amount',
    };
    const p = aggregateSource(link, values('hubspot-deals'), fiscal);
    expect(p.months).toEqual([1650000, 98000, 3600000, 330000, 0, 0, 0, 520000, 75000, 0, 0, 2400000]);
    expect(p.unreadable.count).toBe(2);
    expect(p.unreadable.byReason).toEqual({ unparseable: 1, amount: 1 });
    expect(p.unreadable.examples).toEqual([
      { row: 10, column: 'Close Date', value: 'TBD', reason: 'unparseable' },
      { row: 19, column: 'Amount', value: 'N/A', reason: 'amount' },
    ]);
    expect([p.rows, p.rowsInYear]).toEqual([14, 9]);
    // Counting instead of summing: the unreadable amount no longer matters.
    const count = aggregateSource({ ...link, sum: undefined }, values('hubspot-deals'), fiscal);
    expect(count.months).toEqual([2, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1]);
    expect(count.unreadable.count).toBe(1);
  });

  test('HubSpot contacts: leads by Create Date, UTC date-times in Tokyo and in New York', () => {
    const link: SourceLink = {
      sheet: 'Contacts',
      date: 'Create Date',
      where: [{ column: 'Lifecycle Stage', equals: ['Lead'] }],
    };
    const tokyo = aggregateSource(link, values('hubspot-contacts'), fiscal);
    expect(tokyo.months).toEqual([2, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1]);
    expect(tokyo.unreadable.byReason).toEqual({ empty: 1, unparseable: 1 });
    const ny = aggregateSource(link, values('hubspot-contacts', 'America/New_York'), {
      ...fiscal,
      timeZone: 'America/New_York',
    });
    expect(ny.months).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 2]);
  });

  test('Salesforce opportunities: Closed Won amounts, calendar fiscal year; year-last dates are ambiguous', () => {
    const link: SourceLink = {
      sheet: 'Opps',
      date: 'Close Date',
      where: [{ column: 'Stage', equals: ['Closed Won'] }],
      sum: 'Amount',
    };
    const p = aggregateSource(link, values('salesforce-opportunities', 'America/Los_Angeles'), {
      fiscalYear: { startYear: 2026, startMonth: 1 },
      timeZone: 'America/Los_Angeles',
    });
    expect(p.months[0]).toBe(12500);
    expect(p.months).toEqual([12500, 48000, 5250.5, 0, 0, 120000, 0, 0, 0, 0, 0, 1999.99]);
    expect(p.unreadable.byReason).toEqual({ ambiguous: 2, amount: 1 });
  });

  test('GA4: sessions by yyyymmdd, the totals row (no date) is unreadable', () => {
    const rows = readExport('ga4-sessions');
    const april = rows
      .slice(1)
      .filter((r) => r[0].startsWith('202604'))
      .reduce((a, r) => a + Number(r[1]), 0);
    const may = rows
      .slice(1)
      .filter((r) => r[0].startsWith('202605'))
      .reduce((a, r) => a + Number(r[1]), 0);
    for (const raw of [false, true]) {
      const p = aggregateSource(
        { sheet: 'GA4', date: 'Date', sum: 'Sessions' },
        values('ga4-sessions', TOKYO, raw),
        fiscal,
      );
      expect(p.months).toEqual([april, may, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(p.unreadable).toEqual({
        count: 1,
        byReason: { empty: 1 },
        examples: [{ row: 44, column: 'Date', value: '', reason: 'empty' }],
      });
    }
  });

  test('Japanese CRM: 受注 amounts by 受注日, ¥ and commas, full-width digits, ▲, a trailing space in the status', () => {
    const link: SourceLink = {
      sheet: '案件',
      date: '受注日',
      where: [{ column: 'ステータス', equals: ['受注'] }],
      sum: '金額',
    };
    for (const raw of [false, true]) {
      const p = aggregateSource(link, values('ja-crm', TOKYO, raw), fiscal);
      expect(p.months).toEqual([1594000, 2800000, 123000, 980000, -50000, 0, 0, 0, 240000, 0, 0, 3300000]);
      expect(p.unreadable.byReason).toEqual({ unparseable: 1, amount: 1 });
    }
  });

  test('a missing column is a SourceColumnError naming it', () => {
    const link: SourceLink = { sheet: 'Deals', date: 'Closed', sum: 'Amount' };
    expect(() => aggregateSource(link, values('hubspot-deals'), fiscal)).toThrow(SourceColumnError);
    expect(() => aggregateSource(link, values('hubspot-deals'), fiscal)).toThrow(
      'source sheet "Deals" has no column "Closed"',
    );
    expect(missingColumns(link, values('hubspot-deals')[0])).toEqual(['Closed']);
  });
});

describe('describeSource', () => {
  test('headers, the date columns guessed best first, distinct values most frequent first', () => {
    const d = describeSource(values('hubspot-deals'), TOKYO);
    expect(d.headers[2]).toBe('Deal Stage');
    expect(d.dateColumns).toEqual(['Close Date', 'Create Date']);
    expect(d.distinct['Deal Stage'].slice(0, 2)).toEqual(['Closed Won', 'Closed Lost']);
    expect(d.distinct['Deal Stage']).toContain('closed won');
    expect(d.rows).toBe(18); // the blank row is not a record
    expect(describeSource(values('ja-crm'), TOKYO).dateColumns).toEqual(['受注日']);
    expect(describeSource(values('ga4-sessions', TOKYO), TOKYO).dateColumns).toEqual(['Date']);
  });

  test('a column is a date column by its values too; an amount column is not', () => {
    const d = describeSource(
      [
        ['When', 'Amount', 'Note'],
        ['2026/4/1', 120000, 'x'],
        ['2026/4/2', 46113, 'y'],
        ['20260403', 5, 'z'],
      ],
      TOKYO,
    );
    expect(d.dateColumns).toEqual(['When']);
    expect(d.distinct.Amount).toEqual(['120000', '46113', '5']);
  });

  test('every fixture has a guessed date column', () => {
    for (const name of EXPORTS)
      expect([name, describeSource(values(name), TOKYO).dateColumns.length > 0]).toEqual([name, true]);
  });
});

test('columnLetter and headerColumns (first column wins)', () => {
  expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  expect(headerColumns(['Date', ' Amount ', '', 'Date'])).toEqual({ Date: 'A', Amount: 'B' });
});

test('sourceLabel and unreadableText name the link and its unreadable rows in en and ja', () => {
  const link: SourceLink = {
    sheet: 'Deals',
    date: 'Close Date',
    where: [{ column: 'Deal Stage', equals: ['Closed Won', 'Won'] }],
    sum: 'Amount',
  };
  expect(sourceLabel(link, 'en')).toBe('Deals · Close Date · Deal Stage = Closed Won or Won · sum of Amount');
  expect(sourceLabel({ sheet: '案件', date: '受注日' }, 'ja')).toBe('案件・受注日・件数');
  const p = aggregateSource(link, values('hubspot-deals'), { fiscalYear: APRIL_2026, timeZone: TOKYO });
  expect(unreadableText(p, 'en')).toBe(
    '2 rows could not be read: 1 not a date, 1 amount not a number (e.g. row 10: "TBD")',
  );
  expect(unreadableText(p, 'ja')).toBe(
    '2行を読めませんでした: 日付として読めない 1行、金額が数値でない 1行（例: 10行目 "TBD"）',
  );
  expect(unreadableText({ ...p, unreadable: { count: 0, byReason: {}, examples: [] } }, 'en')).toBe('');
});
