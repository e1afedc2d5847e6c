import { loadAddon } from '../../dev/harness';

const dist = 'test/harness/fixtures/dist';

describe("formulas evaluated by HyperFormula with the add-on's KPI_* functions", () => {
  test('a KPI_* formula runs the loaded code and recalculates when its input changes', () => {
    const a = loadAddon({ dist });
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1:A2').setValues([[3], ['=KPI_DOUBLE(A1)']]);
    expect(a.view('A2').values).toEqual([[6]]);
    expect(s.getRange('A2').getFormula()).toBe('=KPI_DOUBLE(A1)');
    s.getRange('A1').setValue(21);
    expect(s.getRange('A2').getValue()).toBe(42);
  });

  test('arrays spill, and re-spill at a new size when inputs change', () => {
    const a = loadAddon({ dist });
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1').setValue(3);
    s.getRange('B1').setFormula('=KPI_SEQ(A1)');
    expect(a.view('B1:F1').values).toEqual([[1, 2, 3, '', '']]);
    s.getRange('A1').setValue(5);
    expect(a.view('B1:G1').values).toEqual([[1, 2, 3, 4, 5, '']]);
    s.getRange('A1').setValue(2);
    expect(a.view('B1:F1').values).toEqual([[1, 2, '', '', '']]);
    // the spilled cells are values, not formulas
    expect(a.view('B1:C1').formulas).toEqual([['=KPI_SEQ(A1)', '']]);
  });

  test('a thrown error reads #ERROR! and view keeps its message', () => {
    const a = loadAddon({ dist });
    a.spreadsheet.getActiveSheet().getRange('C3').setValue('=KPI_DOUBLE("x")');
    const v = a.view('C3');
    expect(v.values).toEqual([['#ERROR!']]);
    expect(v.displayValues).toEqual([['#ERROR!']]);
    expect(v.errors).toEqual([['KPI_DOUBLE: expected a number, got "x"']]);
  });
});

describe('blocked spills, arguments, Google-Sheets formula differences', () => {
  test("a blocked spill reads #REF! with Sheets' message, and spills once the cell is cleared", () => {
    const a = loadAddon({ dist });
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('C1').setValue('in the way');
    s.getRange('A1').setFormula('=KPI_SEQ(4)');
    expect(a.view('A1').values).toEqual([['#REF!']]);
    expect(a.view('A1').errors[0][0]).toMatch(/^Array result was not expanded because it would overwrite data/);
    s.getRange('C1').clearContent();
    expect(a.view('A1:D1').values).toEqual([[1, 2, 3, 4]]);
  });

  test('arguments arrive as Apps Script passes them: 2D arrays with "" for blanks, Dates, booleans, undefined', () => {
    const a = loadAddon({ dist, timeZone: 'Asia/Tokyo' });
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1:B2').setValues([
      [1, ''],
      ['x', true],
    ]);
    s.getRange('C1').setValue(new Date('2024-01-15T00:00:00+09:00'));
    s.getRange('D1').setFormula('=KPI_TYPES(A1:B2, C1)');
    expect(a.view('D1:D3').values).toEqual([
      ['array2x2:[[1,""],["x",true]]'],
      ['date:2024-01-14T15:00:00.000Z'],
      ['undefined'],
    ]);
    s.getRange('E1').setFormula('=KPI_TYPES(B1, TRUE, DATE(2024,1,15))');
    expect(a.view('E1:E3').values).toEqual([['string:'], ['boolean:true'], ['date:2024-01-14T15:00:00.000Z']]);
  });

  test('a column result spills down; a function used inside another formula still works', () => {
    const a = loadAddon({ dist });
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1').setFormula('=KPI_COL(3)');
    s.getRange('B1').setFormula('=SUM(KPI_SEQ(4))');
    expect(a.view('A1:B4').values).toEqual([
      [1, 10],
      [2, ''],
      [3, ''],
      ['', ''],
    ]);
  });

  test('TRUE/FALSE constants, open ranges (C2:C), SPARKLINE stand-in, blank references stay blank, cycles', () => {
    const a = loadAddon({ dist });
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1:A3').setValues([[''], [2], [3]]);
    s.getRange('B1:B5').setFormulas([
      ['=IF(TRUE, "y", "n")'],
      ['=SUM(A2:A)'],
      ['=SPARKLINE(A2:A3)'],
      ['=A1'],
      ['=B5+1'],
    ]);
    expect(s.getRange('B1:B4').getValues()).toEqual([['y'], [5], [''], ['']]);
    expect(s.getRange('B2').getFormula()).toBe('=SUM(A2:A)');
    expect(a.view('B5').values).toEqual([['#REF!']]);
    expect(a.view('B5').errors[0][0]).toMatch(/Circular dependency/);
    s.getRange('A4').setValue(10);
    expect(s.getRange('B2').getValue()).toBe(15);
  });

  test('formulas may reference other sheets with quoted names', () => {
    const a = loadAddon({ dist });
    const plan = a.spreadsheet.insertSheet('計画 2026');
    plan.getRange('A1').setValue(7);
    a.spreadsheet.getSheetByName('Sheet1')!.getRange('A1').setFormula("='計画 2026'!A1*KPI_DOUBLE(1)");
    expect(a.view("'Sheet1'!A1").values).toEqual([[14]]);
  });
});
