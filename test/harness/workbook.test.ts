// Saving the whole workbook as JSON and loading it back (the preview persists with this).
import { loadAddon, loadWorkbook, saveWorkbook } from '../../dev/harness';

const dist = 'test/harness/fixtures/dist';

test('a saved workbook loads back with contents, formats, names, rules, validations, notes, charts', () => {
  const a = loadAddon({ dist, locale: 'ja_JP' });
  const app = a.global.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const ss = a.spreadsheet;
  const s = ss.insertSheet('計画');
  s.getRange('A1:C1').setValues([[3, "'=text", '2024-04-01']]);
  s.getRange('A2').setFormula('=KPI_SEQ(A1)');
  s.getRange('A1').setNumberFormat('#,##0').setBackground('#f1f3f4').setFontWeight('bold').setNote('input');
  s.getRange('A1').setDataValidation(
    app.newDataValidation().requireNumberGreaterThanOrEqualTo(0).setAllowInvalid(false).build(),
  );
  s.setFrozenRows(1);
  s.setColumnWidth(2, 180);
  s.getRange('D1:E1').merge();
  ss.setNamedRange('KGI_TARGET', s.getRange('A1'));
  s.setConditionalFormatRules([
    app
      .newConditionalFormatRule()
      .whenNumberGreaterThan(2)
      .setBackground('#b7e1cd')
      .setRanges([s.getRange('A2:C2')])
      .build(),
  ]);
  s.insertChart(
    s
      .newChart()
      .asColumnChart()
      .addRange(s.getRange('A1:C2'))
      .setPosition(5, 1, 0, 0)
      .setOption('title', 'T vs A')
      .build(),
  );
  (a.global.PropertiesService as GoogleAppsScript.Properties.PropertiesService)
    .getDocumentProperties()
    .setProperty('k', 'v');

  const json = JSON.parse(JSON.stringify(saveWorkbook(a)));
  const b = loadAddon({ dist, workbook: json });
  const t = b.spreadsheet.getSheetByName('計画')!;
  expect(b.spreadsheet.getSheets().map((x) => x.getName())).toEqual(['Sheet1', '計画']);
  expect(b.spreadsheet.getActiveSheet().getName()).toBe('計画');
  expect(b.spreadsheet.getSpreadsheetLocale()).toBe('ja_JP');
  expect(t.getRange('A1:B1').getValues()).toEqual([[3, '=text']]);
  expect(Object.prototype.toString.call(t.getRange('C1').getValue())).toBe('[object Date]');
  expect(t.getRange('A2').getFormula()).toBe('=KPI_SEQ(A1)');
  expect(b.view("'計画'!A2:C2").values).toEqual([[1, 2, 3]]);
  expect(b.view("'計画'!A2:C2").backgrounds).toEqual([['#ffffff', '#ffffff', '#b7e1cd']]);
  expect([
    t.getRange('A1').getNumberFormat(),
    t.getRange('A1').getBackground(),
    t.getRange('A1').getFontWeight(),
    t.getRange('A1').getNote(),
  ]).toEqual(['#,##0', '#f1f3f4', 'bold', 'input']);
  expect(t.getRange('A1').getDataValidation()!.getCriteriaType()).toBe('NUMBER_GREATER_THAN_OR_EQUAL_TO');
  expect([t.getFrozenRows(), t.getColumnWidth(2), t.getRange('E1').isPartOfMerge()]).toEqual([1, 180, true]);
  expect(b.spreadsheet.getRangeByName('KGI_TARGET')!.getA1Notation()).toBe('A1');
  expect(t.getCharts().map((c) => [c.getOptions().get('title'), c.getRanges().map((r) => r.getA1Notation())])).toEqual([
    ['T vs A', ['A1:C2']],
  ]);
  expect(
    (b.global.PropertiesService as GoogleAppsScript.Properties.PropertiesService)
      .getDocumentProperties()
      .getProperty('k'),
  ).toBe('v');
  // saving again gives the same JSON
  expect(JSON.parse(JSON.stringify(b.saveWorkbook()))).toEqual(json);
});

test('loadWorkbook replaces the workbook; a bad file throws a clear message and leaves one empty sheet', () => {
  const a = loadAddon({ dist });
  a.spreadsheet.insertSheet('Old');
  const saved = a.saveWorkbook();
  const b = loadAddon({ dist });
  b.spreadsheet.insertSheet('Mine');
  loadWorkbook(b, saved);
  expect(b.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1', 'Old']);
  expect(() => loadWorkbook(b, { version: 2 })).toThrow('workbook: not a saved workbook');
  expect(b.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
  expect(() =>
    loadAddon({ dist, workbook: { version: 1, sheets: [{ name: 'A', cells: { 'not-a1': { v: 1 } } }] } }),
  ).toThrow('workbook: sheet "A": bad range "not-a1"');
});
