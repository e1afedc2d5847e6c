// Spreadsheet / Sheet / Range behaviour that the add-on relies on, with Apps Script's messages.
import { loadAddon } from '../../dev/harness';

const dist = 'test/harness/fixtures/dist';
const fresh = () => loadAddon({ dist });

describe('sheets', () => {
  test('insertSheet activates the new sheet; a taken name throws like Apps Script (case-insensitive)', () => {
    const a = fresh();
    const ss = a.spreadsheet;
    const plan = ss.insertSheet('Plan');
    expect(ss.getActiveSheet().getName()).toBe('Plan');
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Plan']);
    expect(() => ss.insertSheet('plan')).toThrow(
      'A sheet with the name "plan" already exists. Please enter another name.',
    );
    ss.insertSheet('First', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['First', 'Sheet1', 'Plan']);
    expect(plan.getIndex()).toBe(3);
    expect(ss.getSheetByName('Nope')).toBeNull();
    expect(() => plan.setName('Sheet1')).toThrow(
      'A sheet with the name "Sheet1" already exists. Please enter another name.',
    );
  });

  test('deleteSheet removes it; formulas pointing at it become #REF!; the last sheet cannot go', () => {
    const a = fresh();
    const ss = a.spreadsheet;
    const other = ss.insertSheet('Other');
    other.getRange('A1').setValue(5);
    ss.getSheetByName('Sheet1')!.getRange('A1').setFormula('=Other!A1*2');
    expect(a.view("'Sheet1'!A1").values).toEqual([[10]]);
    ss.deleteSheet(other);
    expect(ss.getSheetByName('Other')).toBeNull();
    expect(a.view("'Sheet1'!A1").values).toEqual([['#REF!']]);
    expect(() => ss.deleteSheet(ss.getSheets()[0])).toThrow("You can't remove all the sheets in a document.");
  });

  test('new sheets are 1000 × 26; writing outside throws; insertColumns/Rows grow them', () => {
    const s = fresh().spreadsheet.getActiveSheet();
    expect([s.getMaxRows(), s.getMaxColumns()]).toEqual([1000, 26]);
    expect(() => s.getRange(1, 27)).toThrow('The coordinates of the range are outside the dimensions of the sheet.');
    expect(() => s.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => s.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => s.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => s.getRange('not a range')).toThrow('Range not found');
    s.insertColumnsAfter(26, 4);
    expect(s.getMaxColumns()).toBe(30);
    s.getRange(1, 30).setValue('far');
    expect(s.getRange('AD1').getValue()).toBe('far');
  });

  test('inserting rows shifts values, formulas, formats and named ranges', () => {
    const a = fresh();
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1:A2').setValues([[2], ['=A1*10']]);
    s.getRange('A1').setNumberFormat('0.0');
    a.spreadsheet.setNamedRange('BASE', s.getRange('A1'));
    s.insertRowsBefore(1, 2);
    expect(s.getRange('A3:A4').getValues()).toEqual([[2], [20]]);
    expect(s.getRange('A4').getFormula()).toBe('=A3*10');
    expect(s.getRange('A3').getNumberFormat()).toBe('0.0');
    expect(a.spreadsheet.getRangeByName('BASE')!.getA1Notation()).toBe('A3');
    s.deleteRows(1, 2);
    expect(s.getRange('A2').getValue()).toBe(20);
  });

  test('getDataRange / getLastRow / getLastColumn follow the content', () => {
    const s = fresh().spreadsheet.getActiveSheet();
    expect([s.getLastRow(), s.getLastColumn()]).toEqual([0, 0]);
    expect(s.getDataRange().getA1Notation()).toBe('A1');
    s.getRange('B2:C3').setValues([
      [1, 2],
      [3, ''],
    ]);
    expect([s.getLastRow(), s.getLastColumn()]).toEqual([3, 3]);
    expect(s.getDataRange().getA1Notation()).toBe('A1:C3');
    expect(s.getDataRange().getValues()).toEqual([
      ['', '', ''],
      ['', 1, 2],
      ['', 3, ''],
    ]);
  });

  test('frozen rows, column widths, tab colour, hide, protect', () => {
    const a = fresh();
    const s = a.spreadsheet.getActiveSheet();
    s.setFrozenRows(2);
    s.setFrozenColumns(1);
    s.setColumnWidth(1, 220);
    s.setColumnWidths(2, 3, 90);
    s.setRowHeight(1, 40);
    s.setTabColor('#FF0000');
    expect([
      s.getFrozenRows(),
      s.getFrozenColumns(),
      s.getColumnWidth(1),
      s.getColumnWidth(4),
      s.getColumnWidth(9),
      s.getRowHeight(1),
    ]).toEqual([2, 1, 220, 90, 100, 40]);
    expect(s.getTabColor()).toBe('#ff0000');
    const p = s.protect().setDescription('built by KPI Planner').setWarningOnly(true);
    expect(p.getDescription()).toBe('built by KPI Planner');
    const app = a.global.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    expect(s.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
    s.getRange('A1:B2').protect().setDescription('inputs');
    expect(s.getProtections(app.ProtectionType.RANGE).map((x) => x.getRange().getA1Notation())).toEqual(['A1:B2']);
    const other = a.spreadsheet.insertSheet('Other');
    s.hideSheet();
    expect(s.isSheetHidden()).toBe(true);
    expect(() => other.hideSheet()).toThrow("You can't hide all the sheets in a document.");
  });

  test('hidden columns are kept, shown again and saved with the workbook', () => {
    const a = fresh();
    const s = a.spreadsheet.getActiveSheet();
    s.hideColumns(3, 2);
    s.hideColumns(8);
    s.showColumns(4);
    expect([1, 2, 3, 4, 8].map((c) => s.isColumnHiddenByUser(c))).toEqual([false, false, true, false, true]);
    expect(() => s.hideColumns(26, 2)).toThrow('Those columns are out of bounds.');
    const b = loadAddon({ workbook: a.saveWorkbook() });
    expect(b.spreadsheet.getActiveSheet().isColumnHiddenByUser(8)).toBe(true);
  });
});

describe('ranges', () => {
  test('blank cells read "", a wrong shape throws like Apps Script', () => {
    const s = fresh().spreadsheet.getActiveSheet();
    expect(s.getRange('A1:B2').getValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
    expect(s.getRange('A1:B2').getDisplayValues()).toEqual([
      ['', ''],
      ['', ''],
    ]);
    expect(() =>
      s.getRange('A1:B3').setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.',
    );
    expect(() =>
      s.getRange('A1:C2').setValues([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.',
    );
    expect(() => s.getRange('A1:B1').setValues([1, 2] as never)).toThrow(
      "The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
    expect(() => s.getRange('A1:B2').setFormulas([['=1']])).toThrow('The data has 1 but the range has 2.');
  });

  test('setValues parses like typing: "=" makes a formula, "\'" keeps text, numbers/percent/booleans/dates are parsed', () => {
    const a = fresh();
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1:G1').setValues([['=1+1', '\'=HYPERLINK("x")', '1,234', '25%', 'true', '2024-01-15', '+1']]);
    expect(s.getRange('A1').getFormula()).toBe('=1+1');
    const [row] = s.getRange('A1:G1').getValues();
    expect(row.slice(0, 5)).toEqual([2, '=HYPERLINK("x")', 1234, 0.25, true]);
    expect(Object.prototype.toString.call(row[5])).toBe('[object Date]');
    expect(row[6]).toBe(1);
    expect(s.getRange('B1').getFormula()).toBe('');
    expect(s.getRange('A1:F1').getDisplayValues()).toEqual([
      ['2', '=HYPERLINK("x")', '1,234', '25%', 'TRUE', '1/15/2024'],
    ]);
  });

  test('a Date written reads back as the same instant in the spreadsheet time zone', () => {
    const a = loadAddon({ dist, timeZone: 'Asia/Tokyo', locale: 'ja_JP' });
    const s = a.spreadsheet.getActiveSheet();
    const d = new Date('2024-04-01T00:00:00+09:00');
    s.getRange('A1').setValue(d);
    expect((s.getRange('A1').getValue() as Date).getTime()).toBe(d.getTime());
    expect(s.getRange('A1').getDisplayValue()).toBe('2024/04/01');
    s.getRange('A1').setNumberFormat('yyyy"年"m"月"');
    expect(s.getRange('A1').getDisplayValue()).toBe('2024年4月');
  });

  test('setValue and setFormula fill every cell; relative references shift per cell', () => {
    const s = fresh().spreadsheet.getActiveSheet();
    s.getRange('A1:A3').setValues([[1], [2], [3]]);
    s.getRange('B1:B3').setFormula('=A1*2');
    expect(s.getRange('B1:B3').getFormulas()).toEqual([['=A1*2'], ['=A2*2'], ['=A3*2']]);
    expect(s.getRange('B1:B3').getValues()).toEqual([[2], [4], [6]]);
    s.getRange('C1:C2').setValue('x');
    expect(s.getRange('C1:C2').getValues()).toEqual([['x'], ['x']]);
  });

  test('number formats display like Sheets', () => {
    const s = fresh().spreadsheet.getActiveSheet();
    s.getRange('A1:F1').setValues([[0.256, 0.256, 1234567.4, 10000000, 2000000, 45306]]);
    s.getRange('A1:F1').setNumberFormats([['0%', '0.0%', '#,##0', '¥#,##0', '$#,##0.00', 'yyyy-mm-dd']]);
    expect(s.getRange('A1:F1').getDisplayValues()).toEqual([
      ['26%', '25.6%', '1,234,567', '¥10,000,000', '$2,000,000.00', '2024-01-15'],
    ]);
    expect(s.getRange('A1').getNumberFormat()).toBe('0%');
    expect(s.getRange('G1').getNumberFormat()).toBe('0.###############');
    s.getRange('G1').setValue(0.1 + 0.2);
    expect(s.getRange('G1').getValue()).toBe(0.1 + 0.2);
    expect(s.getRange('G1').getDisplayValue()).toBe('0.3');
  });

  test('fonts, backgrounds, alignment, wrap, borders, notes, merges', () => {
    const s = fresh().spreadsheet.getActiveSheet();
    const r = s.getRange('A1:B2');
    r.setFontWeight('bold')
      .setFontColor('#1A73E8')
      .setFontSize(12)
      .setFontStyle('italic')
      .setBackground('#F1F3F4')
      .setHorizontalAlignment('center')
      .setVerticalAlignment('middle')
      .setWrap(true)
      .setBorder(true, true, true, true, null, null, '#000', null);
    expect(r.getFontWeights()).toEqual([
      ['bold', 'bold'],
      ['bold', 'bold'],
    ]);
    expect(r.getBackgrounds()[1][1]).toBe('#f1f3f4');
    expect([
      r.getFontColor(),
      r.getFontSize(),
      r.getFontStyle(),
      r.getHorizontalAlignment(),
      r.getVerticalAlignment(),
      r.getWrap(),
    ]).toEqual(['#1a73e8', 12, 'italic', 'center', 'middle', true]);
    s.getRange('A3:B3').setBackgrounds([['#ff0000', null as never]]);
    expect(s.getRange('A3:B3').getBackgrounds()).toEqual([['#ff0000', '#ffffff']]);
    s.getRange('C1').setNote('from the plan');
    expect(s.getRange('C1:D1').getNotes()).toEqual([['from the plan', '']]);
    s.getRange('D1:E1').setValues([['keep', 'dropped']]);
    s.getRange('D1:E1').merge();
    expect(s.getRange('D1:E1').getValues()).toEqual([['keep', '']]);
    expect(s.getRange('E1').isPartOfMerge()).toBe(true);
    s.getRange('A5:C6').mergeAcross();
    expect(
      s
        .getRange('A5:C6')
        .getMergedRanges()
        .map((m) => m.getA1Notation()),
    ).toEqual(['A5:C5', 'A6:C6']);
  });

  test('data validation through the builder; typing rejects invalid input with the help text', () => {
    const a = fresh();
    const app = a.global.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const s = a.spreadsheet.getActiveSheet();
    const rule = app
      .newDataValidation()
      .requireNumberGreaterThanOrEqualTo(0)
      .setAllowInvalid(false)
      .setHelpText('Enter a number ≥ 0')
      .build();
    s.getRange('B2:C2').setDataValidation(rule);
    const got = s.getRange('C2').getDataValidation()!;
    expect(got.getCriteriaType()).toBe('NUMBER_GREATER_THAN_OR_EQUAL_TO');
    expect(got.getCriteriaValues()).toEqual([0]);
    expect(got.getAllowInvalid()).toBe(false);
    expect(got.getHelpText()).toBe('Enter a number ≥ 0');
    expect(s.getRange('D2').getDataValidation()).toBeNull();
    expect(() => a.type("'Sheet1'!B2", 'abc')).toThrow('Enter a number ≥ 0');
    expect(() => a.type("'Sheet1'!B2", -1)).toThrow('Enter a number ≥ 0');
    a.type("'Sheet1'!B2", '12');
    expect(s.getRange('B2').getValue()).toBe(12);
    // scripts may write anything, as in Apps Script
    s.getRange('C2').setValue('text');
    expect(s.getRange('C2').getValue()).toBe('text');
    expect(() => app.newDataValidation().build()).toThrow('You must set a criteria type');
  });

  test('offset, getCell, A1 notation, getSheet', () => {
    const s = fresh().spreadsheet.getActiveSheet();
    const r = s.getRange(2, 3, 4, 5);
    expect(r.getA1Notation()).toBe('C2:G5');
    expect([r.getRow(), r.getColumn(), r.getNumRows(), r.getNumColumns(), r.getLastRow(), r.getLastColumn()]).toEqual([
      2, 3, 4, 5, 5, 7,
    ]);
    expect(r.offset(1, 1, 1, 1).getA1Notation()).toBe('D3');
    expect(r.getCell(2, 2).getA1Notation()).toBe('D3');
    expect(r.getSheet().getName()).toBe('Sheet1');
  });

  test('unimplemented Apps Script methods fail loudly', () => {
    const s = fresh().spreadsheet.getActiveSheet();
    expect(() =>
      (s.getRange('A1') as unknown as { createTextFinder(t: string): unknown }).createTextFinder('x'),
    ).toThrow('not implemented in harness: Range.createTextFinder');
    expect(() => s.getFilter()).toThrow('not implemented in harness: Sheet.getFilter');
  });
});

describe('named ranges', () => {
  test('set, read, use in formulas, list and remove', () => {
    const a = fresh();
    const ss = a.spreadsheet;
    const s = ss.insertSheet('Plan Sheet');
    s.getRange('A1:A3').setValues([[1], [2], [3]]);
    ss.setNamedRange('KGI_TARGET', s.getRange('A1:A3'));
    s.getRange('B1').setFormula('=SUM(KGI_TARGET)');
    expect(s.getRange('B1').getValue()).toBe(6);
    expect(ss.getRangeByName('KGI_TARGET')!.getValues()).toEqual([[1], [2], [3]]);
    expect(a.view('KGI_TARGET').values).toEqual([[1], [2], [3]]);
    expect(
      ss.getNamedRanges().map((n) => [n.getName(), n.getRange().getA1Notation(), n.getRange().getSheet().getName()]),
    ).toEqual([['KGI_TARGET', 'A1:A3', 'Plan Sheet']]);
    s.getRange('A2').setValue(20);
    expect(s.getRange('B1').getValue()).toBe(24);
    ss.removeNamedRange('KGI_TARGET');
    expect(ss.getRangeByName('KGI_TARGET')).toBeNull();
    expect(s.getRange('B1').getValue()).toBe('#NAME?');
    expect(() => ss.setNamedRange('A1', s.getRange('A1'))).toThrow('is not a valid name for a named range');
  });
});
