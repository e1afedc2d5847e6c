import { loadAddon } from '../../dev/harness';

const dist = 'test/harness/fixtures/dist';

describe('formulas evaluated by HyperFormula with the add-on\'s KPI_* functions', () => {
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
