// Range.copyTo (paste normal, contentsOnly, formatOnly) and failure injection (addon.failAtWrite):
// what the in-place update's backup and rollback rely on.
import { loadAddon } from '../../dev/harness';

const dist = 'test/harness/fixtures/dist';

function setup() {
  const a = loadAddon({ dist });
  const s = a.spreadsheet.getActiveSheet();
  const SpreadsheetApp = a.global.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  s.getRange('A1:B2').setValues([
    [1, 'text'],
    [2, true],
  ]);
  s.getRange('C1').setFormula('=A1*10+$A$2');
  s.getRange('A1').setNumberFormat('0.00').setBackground('#ff0000').setNote('a note');
  s.getRange('B1').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['text', 'x']).build());
  const rule = SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied('=A1>1')
    .setBackground('#00ff00')
    .setRanges([s.getRange('A1:A5')])
    .build();
  s.setConditionalFormatRules([rule]);
  return { a, s };
}

describe('Range.copyTo', () => {
  test('paste normal: values, formulas with relative references moved, formats, notes, validation, rules', () => {
    const { a, s } = setup();
    const other = a.spreadsheet.insertSheet('Other');
    s.getRange('A1:C2').copyTo(other.getRange('B3'));
    expect(other.getRange('B3:D4').getValues()).toEqual([
      [1, 'text', 10], // $A$2 is Other's A2, blank
      [2, true, ''],
    ]);
    expect(other.getRange('D3').getFormula()).toBe('=B3*10+$A$2');
    expect(other.getRange('B3').getNumberFormat()).toBe('0.00');
    expect(other.getRange('B3').getBackground()).toBe('#ff0000');
    expect(other.getRange('B3').getNote()).toBe('a note');
    expect(other.getRange('C3').getDataValidation()?.getCriteriaValues()[0]).toEqual(['text', 'x']);
    const rules = other.getConditionalFormatRules();
    expect(rules.map((r) => r.getRanges().map((x) => x.getA1Notation()))).toEqual([['B3:B4']]);
    expect(rules[0].getBooleanCondition()?.getCriteriaValues()).toEqual(['=B3>1']);
  });

  test('contentsOnly and formatOnly; a destination smaller than the range is refused', () => {
    const { a, s } = setup();
    const other = a.spreadsheet.insertSheet('Other');
    s.getRange('A1:A2').copyTo(other.getRange('A1'), { contentsOnly: true });
    expect(other.getRange('A1:A2').getValues()).toEqual([[1], [2]]);
    expect(other.getRange('A1').getBackground()).toBe('#ffffff');
    s.getRange('A1').copyTo(other.getRange('B1'), { formatOnly: true });
    expect([other.getRange('B1').getValue(), other.getRange('B1').getBackground()]).toEqual(['', '#ff0000']);
    expect(() => s.getRange('A1:C2').copyTo(other.getRange('A1:B2'))).toThrow(/dimensions/);
  });
});

describe('addon.failAtWrite(k)', () => {
  test('the k-th write throws before it changes anything; reads do not count; then calls run again', () => {
    const { a, s } = setup();
    a.failAtWrite(2);
    s.getRange('E1').setValue('one');
    s.getRange('E1').getValue();
    expect(() => s.getRange('E2').setValue('two')).toThrow(/injected failure at Range.setValue/);
    expect(s.getRange('E1:E2').getValues()).toEqual([['one'], ['']]);
    s.getRange('E2').setValue('three');
    expect(s.getRange('E2').getValue()).toBe('three');
  });
});
