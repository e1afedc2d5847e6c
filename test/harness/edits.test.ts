// Every structural edit a person can make in Sheets, which the harness must allow too.
import { loadAddon } from '../../dev/harness';
import { basicPlan } from '../sheets/plans';

const dist = 'test/harness/fixtures/dist';

describe('rows and columns through spilled array results', () => {
  // Sheets inserts and deletes rows/columns anywhere, also through the cells an array formula
  // spilled into; the formula's references follow the edit and its result takes the new shape.
  // (HyperFormula alone refuses: "Cannot move cell. Destination already occupied.")
  function setup() {
    const a = loadAddon({ dist });
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1:A3').setValues([[1], [2], [3]]);
    s.getRange('B1').setFormula('=ARRAYFORMULA(A1:A3*2)');
    s.getRange('C1').setFormula('=KPI_DOUBLE(A1:A3)');
    s.getRange('D1').setFormula('=KPI_SEQ(3)');
    s.getRange('A6').setValue('below');
    return { a, s };
  }

  test('a row inserted inside the spill: the formulas reach the new row and spill one row more', () => {
    const { s } = setup();
    s.insertRowBefore(2);
    expect(s.getRange('B1:C1').getFormulas()).toEqual([['=ARRAYFORMULA(A1:A4*2)', '=KPI_DOUBLE(A1:A4)']]);
    expect(s.getRange('A1:C4').getValues()).toEqual([
      [1, 2, 2],
      ['', 0, ''],
      [2, 4, 4],
      [3, 6, 6],
    ]);
    s.getRange('A2').setValue(10);
    expect(s.getRange('B2:C2').getValues()).toEqual([[20, 20]]);
    expect(s.getRange('A7').getValue()).toBe('below');
  });

  test('a column inserted inside a row spill, then rows and columns deleted through spills', () => {
    const { s } = setup();
    s.insertColumnAfter(4); // between D1 and E1 of KPI_SEQ(3)'s D1:F1
    expect(s.getRange('D1:G1').getValues()).toEqual([[1, 2, 3, '']]);
    s.deleteRow(2);
    expect(s.getRange('B1:C1').getFormulas()).toEqual([['=ARRAYFORMULA(A1:A2*2)', '=KPI_DOUBLE(A1:A2)']]);
    expect(s.getRange('A1:C3').getValues()).toEqual([
      [1, 2, 2],
      [3, 6, 6],
      ['', '', ''],
    ]);
    s.deleteColumn(2);
    expect(s.getRange('B1').getFormula()).toBe('=KPI_DOUBLE(A1:A2)');
    expect(s.getRange('A1:B2').getValues()).toEqual([
      [1, 2],
      [3, 6],
    ]);
    s.deleteRows(1, 2); // the formulas' own rows: gone with them
    expect(s.getRange('A1:B2').getFormulas()).toEqual([
      ['', ''],
      ['', ''],
    ]);
  });

  test('an array formula on another sheet that reads the edited rows recomputes at its new size', () => {
    const { a, s } = setup();
    const other = a.spreadsheet.insertSheet('Other');
    other.getRange('A1').setFormula('=ARRAYFORMULA(Sheet1!A1:A3+1)');
    s.insertRowAfter(1);
    expect(other.getRange('A1').getFormula()).toBe('=ARRAYFORMULA(Sheet1!A1:A4+1)');
    expect(other.getRange('A1:A5').getValues()).toEqual([[2], [1], [3], [4], ['']]);
  });

  test('open ranges stay open when rows are inserted', () => {
    const a = loadAddon({ dist });
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A2:A3').setValues([[1], [2]]);
    s.getRange('B1').setFormula('=SUM(A2:A)');
    s.insertRowsBefore(1, 2);
    expect(s.getRange('B3').getFormula()).toBe('=SUM(A4:A)');
    s.getRange('A1000').setValue(5);
    expect(s.getRange('B3').getValue()).toBe(8);
  });
});

describe('what else moves with inserted and deleted rows and columns', () => {
  // Sheets adjusts conditional-format formulas and ranges, validation ranges, chart ranges, row
  // heights, column widths, hidden columns and frozen rows/columns, like cell formulas.
  test('a conditional-format formula keeps reading its own cells after rows are inserted above and inside', () => {
    const a = loadAddon({ dist });
    const app = a.global.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A3:B5').setValues([
      [1, 5],
      [9, 5],
      [2, 5],
    ]);
    const rule = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=$A3>$B$3')
      .setBackground('#b7e1cd')
      .setRanges([s.getRange('A3:A5')])
      .build();
    s.setConditionalFormatRules([rule]);
    expect(a.view('A3:A5').backgrounds.flat()).toEqual(['#ffffff', '#b7e1cd', '#ffffff']);
    s.insertRowsBefore(1, 2);
    expect(s.getConditionalFormatRules()[0].getBooleanCondition()!.getCriteriaValues()).toEqual(['=$A5>$B$5']);
    expect(a.view('A5:A7').backgrounds.flat()).toEqual(['#ffffff', '#b7e1cd', '#ffffff']);
    s.insertRowAfter(5);
    s.getRange('A6:B6').setValues([[7, 0]]);
    expect(a.view('A5:A8').backgrounds.flat()).toEqual(['#ffffff', '#b7e1cd', '#b7e1cd', '#ffffff']);
    s.deleteRows(4, 2); // the rule's first row (and $B$5) go: #REF!
    expect(s.getConditionalFormatRules()[0].getBooleanCondition()!.getCriteriaValues()).toEqual(['=#REF!>#REF!']);
  });

  test('validation ranges, chart ranges, sizes, hidden columns and frozen rows follow the edit', () => {
    const a = loadAddon({ dist });
    const app = a.global.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1:A3').setValues([['x'], ['y'], ['z']]);
    s.getRange('C1').setDataValidation(app.newDataValidation().requireValueInRange(s.getRange('A1:A3')).build());
    s.insertChart(s.newChart().asColumnChart().addRange(s.getRange('A1:B3')).setPosition(5, 1, 0, 0).build());
    s.setFrozenRows(2);
    s.setRowHeight(3, 40);
    s.setColumnWidth(4, 200);
    s.hideColumns(5);
    s.insertRowBefore(2);
    s.insertColumnBefore(1);
    expect(s.getRange('D1').getDataValidation()!.getCriteriaValues()[0].getA1Notation()).toBe('B1:B4');
    expect(
      s
        .getCharts()[0]
        .getRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['B1:C4']);
    expect([
      s.getFrozenRows(),
      s.getRowHeight(4),
      s.getColumnWidth(5),
      s.isColumnHiddenByUser(6),
      s.isColumnHiddenByUser(5),
    ]).toEqual([3, 40, 200, true, false]);
    s.deleteRows(1, 2);
    expect(s.getFrozenRows()).toBe(1);
  });
});

describe('sorting', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#sort(Object)
  test('Range.sort moves whole rows of the range: values, formulas (references follow their row), formats', () => {
    const a = loadAddon({ dist });
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1:C4').setValues([
      ['name', 'n', 'twice'],
      ['b', 2, '=B2*2'],
      ['c', '', '=B3*2'],
      ['a', 10, '=B4*2'],
    ]);
    s.getRange('A4').setBackground('#ff0000');
    s.setFrozenRows(1);
    s.getRange('A2:C4').sort({ column: 2, ascending: false });
    expect(s.getRange('A1:C4').getValues()).toEqual([
      ['name', 'n', 'twice'],
      ['a', 10, 20],
      ['b', 2, 4],
      ['c', '', 0],
    ]);
    expect(s.getRange('C2').getFormula()).toBe('=B2*2');
    expect(s.getRange('A2').getBackground()).toBe('#ff0000');
    s.sort(1); // below the frozen row, by name
    expect(s.getRange('A2:A4').getValues().flat()).toEqual(['a', 'b', 'c']);
    expect(() => s.getRange('A2:B4').sort(3)).toThrow('outside the range');
  });
});

describe('sheets: copy, template, duplicate, move, rename, delete', () => {
  test('Sheet.copyTo, insertSheet with a template, duplicateActiveSheet, moveActiveSheet', () => {
    // https://developers.google.com/apps-script/reference/spreadsheet/sheet#copyTo(Spreadsheet)
    // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#insertSheet(String,Integer,Object)
    // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#duplicateActiveSheet()
    const a = loadAddon({ dist });
    const ss = a.spreadsheet;
    const s = ss.getActiveSheet();
    s.getRange('A1:A2').setValues([[2], ['=A1*KPI_DOUBLE(1)']]);
    s.getRange('B1').setFormula('=KPI_SEQ(2)');
    s.getRange('A1').setNumberFormat('0.0').setNote('input');
    s.setFrozenRows(1);
    const copy = s.copyTo(ss);
    expect(ss.getSheets().map((x) => x.getName())).toEqual(['Sheet1', 'Copy of Sheet1']);
    expect(ss.getActiveSheet().getName()).toBe('Sheet1');
    expect(copy.getRange('A1:C2').getValues()).toEqual([
      [2, 1, 2],
      [4, '', ''],
    ]);
    expect([copy.getRange('A1').getNumberFormat(), copy.getRange('A1').getNote(), copy.getFrozenRows()]).toEqual([
      '0.0',
      'input',
      1,
    ]);
    expect(copy.getSheetId()).not.toBe(s.getSheetId());
    copy.getRange('A1').setValue(5); // a copy is independent
    expect([s.getRange('A2').getValue(), copy.getRange('A2').getValue()]).toEqual([4, 10]);
    const fromTemplate = ss.insertSheet('Report', 0, { template: s });
    expect(ss.getActiveSheet().getName()).toBe('Report');
    expect(ss.getSheets().map((x) => x.getName())).toEqual(['Report', 'Sheet1', 'Copy of Sheet1']);
    expect(fromTemplate.getRange('A2').getFormula()).toBe('=A1*KPI_DOUBLE(1)');
    s.activate();
    const dup = ss.duplicateActiveSheet();
    expect([dup.getName(), ss.getActiveSheet().getName()]).toEqual(['Copy of Sheet1 2', 'Copy of Sheet1 2']);
    expect(ss.getSheets().map((x) => x.getName())).toEqual(['Report', 'Sheet1', 'Copy of Sheet1 2', 'Copy of Sheet1']);
    ss.moveActiveSheet(1);
    expect(ss.getSheets().map((x) => x.getName())[0]).toBe('Copy of Sheet1 2');
    ss.renameActiveSheet('Notes');
    expect(ss.getSheets().map((x) => x.getName())).toEqual(['Notes', 'Report', 'Sheet1', 'Copy of Sheet1']);
  });

  test('renaming a sheet keeps formulas and named ranges pointing at it', () => {
    const a = loadAddon({ dist });
    const ss = a.spreadsheet;
    const plan = ss.insertSheet('Plan');
    plan.getRange('A1').setValue(3);
    ss.setNamedRange('BASE', plan.getRange('A1'));
    ss.getSheetByName('Sheet1')!
      .getRange('A1:B1')
      .setFormulas([['=Plan!A1*2', '=BASE+1']]);
    plan.setName('My plan');
    expect(ss.getSheetByName('Sheet1')!.getRange('A1:B1').getFormulas()).toEqual([["='My plan'!A1*2", '=BASE+1']]);
    expect(ss.getSheetByName('Sheet1')!.getRange('A1:B1').getValues()).toEqual([[6, 4]]);
    expect(ss.getRangeByName('BASE')!.getSheet().getName()).toBe('My plan');
  });

  // A named range whose sheet is deleted shows #REF! in Data > Named ranges, and stays so when a
  // sheet of the same name is added again; formulas using it give #REF!.
  test('a named range of a deleted sheet is #REF!: getRangeByName is null, formulas give #REF!, no rebinding', () => {
    const a = loadAddon({ dist });
    const ss = a.spreadsheet;
    const plan = ss.insertSheet('Plan');
    plan.getRange('A1').setValue(3);
    ss.setNamedRange('BASE', plan.getRange('A1'));
    const s = ss.getSheetByName('Sheet1')!;
    s.getRange('A1').setFormula('=BASE*2');
    ss.deleteSheet(plan);
    expect(ss.getRangeByName('BASE')).toBeNull();
    expect(s.getRange('A1').getValue()).toBe('#REF!');
    expect(ss.getNamedRanges().map((n) => n.getName())).toEqual([]);
    ss.insertSheet('Plan').getRange('A1').setValue(7);
    expect(ss.getRangeByName('BASE')).toBeNull();
    expect(s.getRange('A1').getValue()).toBe('#REF!');
    const b = loadAddon({ dist, workbook: JSON.parse(JSON.stringify(a.saveWorkbook())) });
    expect(b.spreadsheet.getRangeByName('BASE')).toBeNull();
    expect(b.spreadsheet.getSheetByName('Sheet1')!.getRange('A1').getValue()).toBe('#REF!');
    ss.setNamedRange('BASE', ss.getSheetByName('Plan')!.getRange('A1')); // named again: it works again
    expect(s.getRange('A1').getValue()).toBe(14);
  });
});

describe('the real workbook takes every edit', () => {
  // The built add-on's Plan, Actuals and Progress: a row inserted between two KPI rows and a column
  // between two months, then deleted again, never meet a refusal and never leave a blocked spill.
  const blocks = ['KPI_NAMES', 'MONTHLY_TARGETS', 'ACTUALS', 'PROGRESS'];
  test.each(blocks)('inside %s', (name) => {
    const a = loadAddon();
    a.run('buildWorkbook', basicPlan('en'));
    const block = a.spreadsheet.getRangeByName(name);
    if (!block) throw new Error(`no named range ${name}`);
    const sheet = block.getSheet();
    const row = block.getRow() + 1;
    const col = block.getColumn() + Math.min(1, block.getNumColumns() - 1);
    sheet.insertRowBefore(row);
    sheet.insertColumnBefore(col + 1);
    sheet.deleteRow(row);
    sheet.deleteColumn(col + 1);
    for (const s of a.spreadsheet.getSheets()) {
      const errors = a.view(`'${s.getName()}'!${s.getDataRange().getA1Notation()}`).errors.flat();
      expect(errors.filter((e) => /Array result was not expanded|Cannot move cell/.test(e))).toEqual([]);
    }
  });
});

describe('an inserted row or column deleted again leaves the workbook as it was', () => {
  // Insert then delete the same row (or column) anywhere: every value, formula, format, rule, name
  // and piece of developer metadata is back where it was, in the real built workbook.
  test('on every sheet, at the edges and inside the blocks', () => {
    const a = loadAddon();
    a.run('buildWorkbook', basicPlan('en'));
    const ss = a.spreadsheet;
    ss.getSheets()[0].getRange('2:2').addDeveloperMetadata('probe', 'row 2');
    const snapshot = () => JSON.stringify(a.saveWorkbook());
    const before = snapshot();
    for (const s of ss.getSheets()) {
      const rows = Math.max(2, s.getLastRow());
      const cols = Math.max(2, s.getLastColumn());
      for (const r of new Set([1, 2, Math.ceil(rows / 2), rows, rows + 1])) {
        s.insertRowBefore(r);
        s.deleteRow(r);
      }
      for (const c of new Set([1, 2, Math.ceil(cols / 2), cols, cols + 1])) {
        s.insertColumnBefore(c);
        s.deleteColumn(c);
      }
      expect({ sheet: s.getName(), workbook: snapshot() }).toEqual({ sheet: s.getName(), workbook: before });
    }
  });
});
