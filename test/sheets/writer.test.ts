// The writer (src/sheets/writer.ts) applied directly to the harness's in-memory spreadsheet:
// every spec feature lands, calls are batched, and a failure leaves nothing behind.
import { loadAddon } from '../../dev/harness';
import type { SheetSpec } from '../../src/sheets/spec';
import { isFormula, toGrid } from '../../src/sheets/spec';
import { applyConditionalFormats, rectangles, writeContent, writeSheets } from '../../src/sheets/writer';

type Addon = ReturnType<typeof loadAddon>;

/** The writer reads SpreadsheetApp / Charts as globals, as in Apps Script: use the harness's. */
function setup(): Addon {
  const addon = loadAddon();
  const g = globalThis as Record<string, unknown>;
  g.SpreadsheetApp = addon.global.SpreadsheetApp;
  g.Charts = addon.global.Charts;
  return addon;
}

function reportLike(rows: number): SheetSpec {
  const data = Array.from({ length: rows }, (_, i) => [`KPI ${i + 1}`, 10 + i, 12, { f: `=B${i + 3}/C${i + 3}` }]);
  return {
    name: 'Report',
    frozenRows: 2,
    frozenColumns: 1,
    columnWidths: [
      { col: 1, width: 220 },
      { col: 2, count: 3, width: 90 },
    ],
    blocks: [
      { row: 1, col: 1, cells: [['Monthly report']], style: { bold: true, fontSize: 14, note: 'made by the test' } },
      {
        row: 2,
        col: 1,
        cells: [['KPI', 'Actual', 'Target', 'Achievement']],
        style: { bold: true, background: '#dadce0' },
      },
      {
        row: 3,
        col: 1,
        cells: data,
        colStyles: [undefined, { numberFormat: '#,##0' }, { numberFormat: '#,##0' }, { numberFormat: '0%' }],
      },
    ],
    hiddenColumns: [{ col: 5 }],
    namedRanges: [{ name: 'REPORT_ROWS', range: { row: 3, col: 1, rows, cols: 4 } }],
    validations: [{ range: { row: 3, col: 2, rows }, rule: { kind: 'numberAtLeast', min: 0, help: 'zero or more' } }],
    conditionalFormats: [{ range: { row: 3, col: 4, rows }, formula: '=D3>=1', background: '#b7e1cd' }],
    charts: [
      {
        type: 'column',
        ranges: [{ row: 2, col: 1, rows: rows + 1, cols: 3 }],
        at: { row: 3, col: 6 },
        options: { title: 'Target vs actual' },
      },
    ],
    tabColor: '#ff0000',
  };
}

describe('writeSheets', () => {
  test('applies values, formulas, formats, notes, freezes, hidden columns, names, validation, rules and charts', () => {
    const addon = setup();
    const [sheet] = writeSheets(addon.spreadsheet, [reportLike(3)]);
    expect(sheet.getName()).toBe('Report');
    const v = addon.view(`'Report'!A1:D5`);
    expect(v.values[0][0]).toBe('Monthly report');
    expect(v.values[2]).toEqual(['KPI 1', 10, 12, 10 / 12]);
    expect(v.displayValues[4]).toEqual(['KPI 3', '12', '12', '100%']);
    expect(v.backgrounds[4][3]).toBe('#b7e1cd');
    expect(v.backgrounds[2][3]).toBe('#ffffff');
    expect(v.backgrounds[1][0]).toBe('#dadce0');
    expect(v.notes[0][0]).toBe('made by the test');
    expect(sheet.getRange('A1').getFontWeight()).toBe('bold');
    expect(sheet.getRange('A1').getFontSize()).toBe(14);
    expect(sheet.getFrozenRows()).toBe(2);
    expect(sheet.getFrozenColumns()).toBe(1);
    expect(sheet.getColumnWidth(1)).toBe(220);
    expect(sheet.isColumnHiddenByUser(5)).toBe(true);
    expect(sheet.isColumnHiddenByUser(4)).toBe(false);
    expect(addon.spreadsheet.getRangeByName('REPORT_ROWS')!.getA1Notation()).toBe('A3:D5');
    expect(sheet.getCharts()).toHaveLength(1);
    expect(() => addon.type(`'Report'!B3`, -1)).toThrow(/zero or more/);
  });

  test('the number of calls does not depend on the number of rows', () => {
    const count = (rows: number) => {
      const addon = setup();
      addon.resetCalls();
      writeSheets(addon.spreadsheet, [reportLike(rows)]);
      return { ...addon.calls };
    };
    expect(count(500)).toEqual(count(3));
  });

  test('refuses a taken sheet name or named range before writing anything', () => {
    const addon = setup();
    addon.spreadsheet.insertSheet('Report');
    addon.resetCalls();
    expect(() => writeSheets(addon.spreadsheet, [reportLike(2)])).toThrow(
      'writer: a sheet named "Report" already exists',
    );
    addon.spreadsheet.setNamedRange('report_rows', addon.spreadsheet.getSheets()[0].getRange('A1'));
    expect(() => writeSheets(addon.spreadsheet, [{ ...reportLike(2), name: 'Other' }])).toThrow(
      'writer: a named range "REPORT_ROWS" already exists',
    );
    expect(addon.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Report']);
  });

  test('a failure midway removes the sheets and named ranges it created', () => {
    const addon = setup();
    const bad: SheetSpec = {
      name: 'Broken',
      blocks: [{ row: 1, col: 1, cells: [[NaN]] }],
      namedRanges: [{ name: 'BROKEN', range: { row: 1, col: 1 } }],
    };
    expect(() => writeSheets(addon.spreadsheet, [reportLike(2), bad])).toThrow(
      'writer: cell value NaN is not a finite number',
    );
    expect(addon.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
    expect(addon.spreadsheet.getNamedRanges()).toEqual([]);
  });

  test('writeContent rewrites an existing sheet (the report reruns); applyConditionalFormats does not pile up', () => {
    const addon = setup();
    const sheet = addon.spreadsheet.insertSheet('Again');
    writeContent(sheet, { ...reportLike(2), name: 'Again', charts: [] });
    expect(sheet.getRange('A3').getValue()).toBe('KPI 1');
    const rules = reportLike(2).conditionalFormats!;
    applyConditionalFormats(sheet, rules);
    applyConditionalFormats(sheet, rules);
    expect(sheet.getConditionalFormatRules()).toHaveLength(1);
  });
});

describe('what the writer checks and how it batches', () => {
  test('a sheet name over 100 characters or a cell over 50,000 is refused before any write, naming the limit', () => {
    const addon = setup();
    addon.resetCalls();
    expect(() => writeSheets(addon.spreadsheet, [{ ...reportLike(2), name: 'R'.repeat(101) }])).toThrow(
      /Sheets' 100 characters/,
    );
    const long: SheetSpec = {
      name: 'Long',
      blocks: [
        { row: 1, col: 1, cells: [['x'.repeat(50_000)]] },
        { row: 2, col: 1, cells: [['y'.repeat(50_001)]] },
      ],
    };
    expect(() => writeSheets(addon.spreadsheet, [long])).toThrow(
      /R2C1 of "Long" has 50001 characters; Sheets allows at most 50,000/,
    );
    const writes = Object.keys(addon.calls).filter((k) => /\.(set|insert|delete|remove)/.test(k));
    expect(writes).toEqual([]);
  });

  test('formula rectangles: one per column run (blanks inside a run bridged), side-by-side runs merged', () => {
    const F = { f: '=1' };
    const grid = toGrid({
      name: 'x',
      blocks: [
        {
          row: 1,
          col: 1,
          cells: [
            [F, F, 'a', F],
            [null, F, 'b', F],
            [F, F, 'c', null],
            ['v', null, 'd', null],
          ],
        },
      ],
    });
    const rects = rectangles(
      grid,
      (r, c) => isFormula(grid.cells[r][c]),
      (r, c) => grid.cells[r][c] === null,
    );
    expect(rects).toEqual([
      { row: 0, col: 0, rows: 3, cols: 2 },
      { row: 0, col: 3, rows: 2, cols: 1 },
    ]);
    // The same shape with more rows gives the same number of rectangles.
    const tall = toGrid({
      name: 'y',
      blocks: [{ row: 1, col: 1, cells: Array.from({ length: 50 }, () => [F, 'v', F]) }],
    });
    expect(rectangles(tall, (r, c) => isFormula(tall.cells[r][c]))).toHaveLength(2);
  });
});
