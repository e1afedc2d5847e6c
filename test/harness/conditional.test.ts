// Conditional formatting built through the real builder API and evaluated for view().
import { loadAddon } from '../../dev/harness';

const dist = 'test/harness/fixtures/dist';
const GREEN = '#b7e1cd',
  YELLOW = '#fce8b2',
  RED = '#f4c7c3',
  WHITE = '#ffffff';

function setup() {
  const a = loadAddon({ dist });
  const app = a.global.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  const s = a.spreadsheet.getActiveSheet();
  return { a, app, s };
}

describe('conditional formatting in view()', () => {
  test('number comparisons, first matching rule wins, blanks and text do not match number rules', () => {
    const { a, app, s } = setup();
    const range = s.getRange('A1:E1');
    range.setValues([[1.2, 0.9, 0.5, '', 'n/a']]);
    s.setConditionalFormatRules([
      app.newConditionalFormatRule().whenNumberGreaterThanOrEqualTo(1).setBackground(GREEN).setRanges([range]).build(),
      app
        .newConditionalFormatRule()
        .whenNumberGreaterThanOrEqualTo(0.8)
        .setBackground(YELLOW)
        .setRanges([range])
        .build(),
      app.newConditionalFormatRule().whenNumberLessThan(0.8).setBackground(RED).setRanges([range]).build(),
    ]);
    expect(a.view('A1:E1').backgrounds).toEqual([[GREEN, YELLOW, RED, WHITE, WHITE]]);
    // the cell's own background shows where no rule applies, and getBackgrounds ignores rules
    s.getRange('D1').setBackground('#eeeeee');
    expect(a.view('D1').backgrounds).toEqual([['#eeeeee']]);
    expect(s.getRange('A1').getBackground()).toBe(WHITE);
    // values change → colours follow
    s.getRange('C1').setValue(2);
    expect(a.view('C1').backgrounds).toEqual([[GREEN]]);
    expect(s.getConditionalFormatRules()).toHaveLength(3);
    const cond = s.getConditionalFormatRules()[0].getBooleanCondition()!;
    expect([cond.getCriteriaType(), cond.getCriteriaValues(), cond.getBackground()]).toEqual([
      'NUMBER_GREATER_THAN_OR_EQUAL_TO',
      [1],
      GREEN,
    ]);
    expect(
      s
        .getConditionalFormatRules()[0]
        .getRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(['A1:E1']);
  });

  test('between, equal, text rules and empty/not-empty; font colour', () => {
    const { a, app, s } = setup();
    const r = s.getRange('A1:F1');
    r.setValues([[5, 'Off track', 'On track', '', 3, 'behind plan']]);
    s.setConditionalFormatRules([
      app.newConditionalFormatRule().whenNumberBetween(4, 6).setBackground('#0000ff').setRanges([r]).build(),
      app.newConditionalFormatRule().whenTextEqualTo('on track').setBackground(GREEN).setRanges([r]).build(),
      app
        .newConditionalFormatRule()
        .whenTextStartsWith('Off')
        .setBackground(RED)
        .setFontColor('#ffffff')
        .setRanges([r])
        .build(),
      app.newConditionalFormatRule().whenTextContains('plan').setBackground(YELLOW).setRanges([r]).build(),
      app.newConditionalFormatRule().whenCellEmpty().setBackground('#cccccc').setRanges([r]).build(),
    ]);
    const v = a.view('A1:F1');
    expect(v.backgrounds).toEqual([['#0000ff', RED, GREEN, '#cccccc', WHITE, YELLOW]]);
    expect(v.fontColors[0][1]).toBe('#ffffff');
  });

  test('custom formulas: relative references shift per cell, $-anchored ones do not, thresholds read from cells', () => {
    const { a, app, s } = setup();
    s.getRange('A1:B1').setValues([[0.8, 1]]); // warn, ok thresholds
    s.getRange('A3:C4').setValues([
      [1.1, 0.85, 0.2],
      ['', 1, 0.79],
    ]);
    const block = s.getRange('A3:C4');
    s.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=AND(A3<>"", A3>=$B$1)')
        .setBackground(GREEN)
        .setRanges([block])
        .build(),
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=AND(A3<>"", A3>=$A$1)')
        .setBackground(YELLOW)
        .setRanges([block])
        .build(),
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=AND(A3<>"", A3<$A$1)')
        .setBackground(RED)
        .setRanges([block])
        .build(),
    ]);
    expect(a.view('A3:C4').backgrounds).toEqual([
      [GREEN, YELLOW, RED],
      [WHITE, GREEN, RED],
    ]);
    s.getRange('A1').setValue(0.7); // change the warn threshold: colours follow without touching the rules
    expect(a.view('A3:C4').backgrounds).toEqual([
      [GREEN, YELLOW, RED],
      [WHITE, GREEN, YELLOW],
    ]);
  });

  test('a custom formula reading another sheet never applies, as in Sheets', () => {
    const { a, app, s } = setup();
    a.spreadsheet.insertSheet('Plan').getRange('A1').setValue(0.5);
    s.getRange('A1').setValue(0.9);
    s.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=A1>=Plan!$A$1')
        .setBackground(GREEN)
        .setRanges([s.getRange('A1')])
        .build(),
    ]);
    expect(a.view("'Sheet1'!A1").backgrounds).toEqual([[WHITE]]);
    // a sheet name inside a string is not a reference
    s.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=A1&"Plan!"<>""')
        .setBackground(GREEN)
        .setRanges([s.getRange('A1')])
        .build(),
    ]);
    expect(a.view("'Sheet1'!A1").backgrounds).toEqual([[GREEN]]);
  });

  test('custom formulas may use named ranges', () => {
    const { a, app, s } = setup();
    s.getRange('E1').setValue(0.5);
    a.spreadsheet.setNamedRange('THRESHOLD_OK', s.getRange('E1'));
    s.getRange('A1:B1').setValues([[0.6, 0.4]]);
    s.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=A1>=THRESHOLD_OK')
        .setBackground(GREEN)
        .setRanges([s.getRange('A1:B1')])
        .build(),
    ]);
    expect(a.view('A1:B1').backgrounds).toEqual([[GREEN, WHITE]]);
  });

  test('gradients: min/max colours at the ends, interpolated between; with a midpoint', () => {
    const { a, app, s } = setup();
    const r = s.getRange('A1:A3');
    r.setValues([[0], [50], [100]]);
    s.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .setGradientMinpoint('#ffffff')
        .setGradientMaxpoint('#000000')
        .setRanges([r])
        .build(),
    ]);
    expect(a.view('A1:A3').backgrounds).toEqual([['#ffffff'], ['#808080'], ['#000000']]);
    s.setConditionalFormatRules([
      app
        .newConditionalFormatRule()
        .setGradientMinpointWithValue('#ff0000', app.InterpolationType.NUMBER, '0')
        .setGradientMidpointWithValue('#ffff00', app.InterpolationType.NUMBER, '50')
        .setGradientMaxpointWithValue('#00ff00', app.InterpolationType.NUMBER, '100')
        .setRanges([r])
        .build(),
    ]);
    expect(a.view('A1:A3').backgrounds).toEqual([['#ff0000'], ['#ffff00'], ['#00ff00']]);
    const g = s.getConditionalFormatRules()[0].getGradientCondition()!;
    expect([g.getMinType(), g.getMidValue(), g.getMaxColor()]).toEqual(['NUMBER', '50', '#00ff00']);
  });

  test('rule ranges must be on the sheet; a rule needs a condition; rules copy() and clear', () => {
    const { app, s, a } = setup();
    const other = a.spreadsheet.insertSheet('Other');
    const rule = app
      .newConditionalFormatRule()
      .whenCellNotEmpty()
      .setBackground(RED)
      .setRanges([other.getRange('A1')])
      .build();
    expect(() => s.setConditionalFormatRules([rule])).toThrow(
      'Conditional format rule ranges must be on sheet Sheet1, not Other.',
    );
    expect(() =>
      s.setConditionalFormatRules([
        app
          .newConditionalFormatRule()
          .setBackground(RED)
          .setRanges([s.getRange('A1')])
          .build(),
      ]),
    ).toThrow('must have a condition');
    s.setConditionalFormatRules([
      rule
        .copy()
        .setRanges([s.getRange('A1:A2')])
        .build(),
    ]);
    s.getRange('A1').setValue('x');
    expect(a.view("'Sheet1'!A1:A2").backgrounds).toEqual([[RED], [WHITE]]);
    s.clearConditionalFormatRules();
    expect(a.view("'Sheet1'!A1").backgrounds).toEqual([[WHITE]]);
  });
});
