// The harness running the real built add-on (dist/, built by `npm test` before jest).
import { existsSync, readFileSync } from 'node:fs';
import { loadAddon } from '../../dev/harness';

const built = existsSync('dist/Code.js');

test('dist/Code.js is built and contains neither the harness nor HyperFormula', () => {
  expect(built).toBe(true);
  const code = readFileSync('dist/Code.js', 'utf8');
  expect(code).not.toMatch(/HyperFormula/i);
  expect(code).not.toMatch(/loadAddon|not implemented in harness/);
});

describe('the real KPI_* functions inside formulas', () => {
  test('KPI_TARGET evaluates; KPI_FUNNEL spills a column; KPI_MONTHLY spills 12 and recalculates', () => {
    const a = loadAddon();
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1:A4').setValues([[10000000], [0.4], [0.2], [500000]]);
    s.getRange('B1').setFormula('=KPI_TARGET(A1, A2:A3, A4)');
    s.getRange('C1').setFormula('=KPI_FUNNEL(A1, A2:A3, A4)');
    expect(s.getRange('B1').getValue()).toBe(250);
    expect(s.getRange('C1:C3').getValues()).toEqual([[250], [100], [20]]);
    s.getRange('D1').setFormula('=KPI_MONTHLY(A5)');
    s.getRange('A5').setValue(100);
    expect(a.view('D1:P1').values[0]).toEqual([9, 9, 9, 9, 8, 8, 8, 8, 8, 8, 8, 8, '']);
    s.getRange('A5').setValue(1200);
    expect(a.view('D1:O1').values[0]).toEqual(new Array(12).fill(100));
    s.getRange('A2').setValue(0.5);
    expect(s.getRange('B1').getValue()).toBe(200);
  });

  test("a bad argument shows #ERROR! with the function's message", () => {
    const a = loadAddon();
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1').setFormula('=KPI_TARGET(100, 25)');
    expect(a.view('A1').values).toEqual([['#ERROR!']]);
    expect(a.view('A1').errors[0][0]).toMatch(/^KPI_TARGET: .*25/);
  });

  test('dates reach KPI_PACE as Dates (PRODUCT.md example: 18 of 30 by 15 January → 1.24)', () => {
    const a = loadAddon();
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1:C1').setValues([['2024-01-01', '2024-01-31', '2024-01-15']]);
    s.getRange('D1').setFormula('=KPI_PACE(18, 30, A1, B1, C1)');
    expect(s.getRange('D1').getValue()).toBeCloseTo(1.24, 2);
  });

  test.each(['Asia/Tokyo', 'America/New_York', 'UTC'])(
    "the script runs in the add-on's time zone (%s): a date cell is that day",
    (timeZone) => {
      const a = loadAddon({ timeZone });
      const s = a.spreadsheet.getActiveSheet();
      s.getRange('A1').setFormula('=DATE(2025,4,1)');
      s.getRange('A2').setValue(new Date(2025, 3, 10));
      s.getRange('A3').setFormula('=KPI_PACE(10, 30, DATE(2025,4,1), DATE(2025,4,30), A2)');
      const d = s.getRange('A1').getValue() as Date;
      expect([d.getFullYear(), d.getMonth() + 1, d.getDate()]).toEqual([2025, 4, 1]);
      expect(a.view('A2').displayValues[0][0]).toBe('4/10/2025');
      expect(s.getRange('A3').getValue()).toBeCloseTo(1, 9); // 10 of 30 after 10 of 30 days
    },
  );
});
