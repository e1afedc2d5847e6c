// Google Sheets' rules the harness enforces, each checked against the documented behaviour.
import { loadAddon } from '../../dev/harness';

const dist = 'test/harness/fixtures/dist';
const fresh = (options: Parameters<typeof loadAddon>[0] = {}) => loadAddon({ dist, ...options });

describe('call log and flushes', () => {
  // https://developers.google.com/apps-script/guides/support/best-practices#avoid_alternating_read_and_write_commands
  // "Alternating read and write commands is slow": Apps Script caches writes and must flush them to
  // the server before a read (SpreadsheetApp.flush: "Applies all pending Spreadsheet changes").
  test('every call that touches the document is logged in order, reads after a write count as flushes', () => {
    const a = fresh();
    a.resetCallLog();
    expect(a.run('readWriteRead')).toBe(2);
    expect(a.callLog.map((c) => `${c.kind} ${c.object}.${c.method}(${c.args})`)).toEqual([
      'read Spreadsheet.getSheets()',
      'read Range.getValue()',
      'write Range.setValue("1")', // "" + 1
      'write Range.setFormulas([1×1])',
      'read Range.getValue()',
      'write Range.setValue(2)',
      'flush SpreadsheetApp.flush()',
      'read Range.getValue()',
    ]);
    expect(a.flushes).toBe(1);
    expect(a.callLog.filter((c) => c.method.startsWith('setValue')).map((c) => c.formulas)).toEqual([0, 0]);
    a.resetCallLog();
    a.run('writeBlock', [
      ['=1+1', 2],
      ['x', '=A1'],
    ]);
    expect(a.callLog.find((c) => c.method === 'setValues')).toEqual({
      object: 'Range',
      method: 'setValues',
      args: '[2×2]',
      kind: 'write',
      formulas: 2,
    });
    a.resetCallLog();
    expect([a.callLog.length, a.flushes]).toEqual([0, 0]);
  });

  test("a script execution ends with its writes flushed: the next execution's first read is no flush", () => {
    const a = fresh();
    a.run('unlockedWrite', 5);
    a.resetCallLog();
    a.run('unlockedWrite', 6);
    a.run('readWriteRead');
    expect(a.flushes).toBe(1);
    expect(a.calls['Range.setFormulas']).toBe(1);
  });
});

describe('custom functions', () => {
  // https://developers.google.com/apps-script/guides/sheets/functions — a custom function is
  // recalculated when its arguments change; cells that do not depend on it leave it alone.
  test('evaluations are counted per function; editing a cell it does not read evaluates none', () => {
    const a = fresh();
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1:A2').setValues([[3], [4]]);
    s.getRange('B1').setFormula('=KPI_DOUBLE(A1)');
    s.getRange('B2').setFormula('=SUM(A2:A3)');
    a.resetCustomFunctionCalls();
    a.type('A2', 10);
    expect(a.customFunctionCalls).toBe(0);
    expect(s.getRange('B2').getValue()).toBe(10);
    a.type('A1', 5);
    expect(a.customFunctionCalls).toBe(1);
    expect(a.customFunctionCallsByName).toEqual({ KPI_DOUBLE: 1 });
    expect(s.getRange('B1').getValue()).toBe(10);
    a.resetCalls();
    expect(a.customFunctionCalls).toBe(0);
  });

  // "Custom function arguments must be deterministic. That is, built-in spreadsheet functions that
  // return a different result each time they calculate — such as NOW() or RAND() — are not allowed
  // as arguments to a custom function." (same guide, "Arguments")
  test.each(['TODAY()', 'NOW()', 'RAND()', 'RANDBETWEEN(1, 9)', 'RANDARRAY(2)', 'IF(TRUE, TODAY(), 0)'])(
    'a volatile %s in the arguments gives an error',
    (arg) => {
      const a = fresh();
      const s = a.spreadsheet.getActiveSheet();
      s.getRange('A1').setFormula(`=KPI_TYPES(${arg})`);
      expect(a.view('A1').values).toEqual([['#ERROR!']]);
      expect(a.view('A1').errors[0][0]).toMatch(/KPI_TYPES: .*deterministic.*volatile/);
    },
  );

  test('so does a cell or range the arguments read that depends on a volatile function', () => {
    const a = fresh();
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1:A3').setFormulas([['=TODAY()'], ['=A1+1'], ['=5']]);
    s.getRange('B1:B3').setFormulas([['=KPI_DOUBLE(A2)'], ['=KPI_DOUBLE(A1:A3)'], ['=KPI_DOUBLE(A3)']]);
    expect(a.view('B1').errors[0][0]).toMatch(/volatile.*A2/);
    expect(a.view('B2').values[0][0]).toBe('#ERROR!');
    expect(s.getRange('B3').getValue()).toBe(10);
    a.spreadsheet.setNamedRange('STAMP', s.getRange('A2'));
    s.getRange('C1').setFormula('=KPI_DOUBLE(STAMP)');
    expect(a.view('C1').values[0][0]).toBe('#ERROR!');
  });

  // "Custom functions ... can call [read-only services]; they cannot set values in other cells"
  // (https://developers.google.com/apps-script/guides/sheets/functions#using_apps_script_services)
  test('a custom function may read the document but not write it', () => {
    const a = fresh({ timeZone: 'Australia/Sydney' });
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1:A2').setFormulas([['=KPI_ZONE()'], ['=KPI_WRITE()']]);
    expect(s.getRange('A1').getValue()).toBe('Australia/Sydney');
    expect(a.view('A2').errors[0][0]).toBe('You do not have permission to call setValue');
    expect(s.getRange('Z1').getValue()).toBe('');
    s.getRange('B1').setValue('a script may write');
    expect(s.getRange('B1').getValue()).toBe('a script may write');
  });

  // While Sheets recalculates, a custom-function cell shows "Loading..." and getValues reads it.
  test('pending: cells computed by a custom function, or from one, read "Loading..."', () => {
    const a = fresh();
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1').setValue(2);
    s.getRange('B1').setFormula('=KPI_SEQ(A1)');
    s.getRange('A2:A3').setFormulas([['=B1+C1'], ['=A1*3']]);
    a.pending = true;
    expect(s.getRange('A1:C3').getValues()).toEqual([
      [2, 'Loading...', 'Loading...'],
      ['Loading...', '', ''],
      [6, '', ''],
    ]);
    expect(s.getRange('B1').getDisplayValue()).toBe('Loading...');
    expect(s.getRange('A3').getValue()).toBe(6);
    a.pending = false;
    expect(s.getRange('A1:C2').getValues()).toEqual([
      [2, 1, 2],
      [3, '', ''],
    ]);
  });
});

describe('formulas', () => {
  // https://developers.google.com/apps-script/reference/spreadsheet/range#setformular1c1formula
  test('setFormula, setFormulas, setFormulaR1C1 and setFormulasR1C1 write formulas, getFormulas reads them', () => {
    const a = fresh();
    const s = a.spreadsheet.getActiveSheet();
    s.getRange('A1:A3').setValues([[1], [2], [3]]);
    s.getRange('B2:B3').setFormulaR1C1('=R[-1]C[-1]+R1C1');
    expect(s.getRange('B2:B3').getFormulas()).toEqual([['=A1+$A$1'], ['=A2+$A$1']]);
    expect(s.getRange('B2:B3').getValues()).toEqual([[2], [3]]);
    s.getRange('C1:D1').setFormulasR1C1([['=RC[-2]*10', 'text']]);
    expect(s.getRange('C1:D1').getValues()).toEqual([[10, 'text']]);
    s.getRange('E1:E2').setFormulas([['=SUM(A1:A3)'], ['']]);
    expect(s.getRange('E1:E2').getFormulas()).toEqual([['=SUM(A1:A3)'], ['']]);
    expect(a.calls['Range.setFormulaR1C1']).toBe(1);
  });

  // SPARKLINE draws a chart in the cell (https://support.google.com/docs/answer/3093289): the
  // harness has no chart, so the cell is empty, not an error, and keeps its formula for the preview.
  test('SPARKLINE is no error and keeps its formula', () => {
    const s = fresh().spreadsheet.getActiveSheet();
    s.getRange('A1:C1').setValues([[1, 3, 2]]);
    s.getRange('D1').setFormula('=SPARKLINE(A1:C1, {"charttype", "column"})');
    expect(s.getRange('D1').getValue()).toBe('');
    expect(s.getRange('D1').getFormulas()).toEqual([['=SPARKLINE(A1:C1, {"charttype", "column"})']]);
  });

  // "Google Sheets: up to 50,000 characters in a single cell" (https://support.google.com/drive/answer/37603)
  test('a cell takes at most 50,000 characters; a longer value or formula throws and writes nothing', () => {
    const s = fresh().spreadsheet.getActiveSheet();
    s.getRange('A1').setValue('x'.repeat(50000));
    expect((s.getRange('A1').getValue() as string).length).toBe(50000);
    const message = 'Your input contains more than the maximum of 50000 characters in a single cell.';
    expect(() => s.getRange('A2:B2').setValues([['ok', 'y'.repeat(50001)]])).toThrow(message);
    expect(s.getRange('A2').getValue()).toBe('');
    expect(() => s.getRange('A3').setFormula(`="${'z'.repeat(50001)}"`)).toThrow(message);
    expect(() => s.getRange('A3').setFormulas([[`="${'z'.repeat(50001)}"`]])).toThrow(message);
  });
});

describe('time zones', () => {
  // https://developers.google.com/apps-script/guides/sheets/functions#dates — dates reach a custom
  // function as Date objects; the script's time zone (appsscript.json) may differ from the
  // spreadsheet's (File > Settings), and the function then reads another calendar day.
  test("a Sydney spreadsheet's date read by a Tokyo script is the day before; the same zone reads it right", () => {
    const apart = fresh({ timeZone: 'Australia/Sydney', scriptTimeZone: 'Asia/Tokyo' });
    const s = apart.spreadsheet.getActiveSheet();
    s.getRange('A1').setFormula('=KPI_DAYOF(DATE(2025,4,1))');
    expect(s.getRange('A1').getValue()).toBe(20250331);
    expect(apart.spreadsheet.getSpreadsheetTimeZone()).toBe('Australia/Sydney');
    expect((apart.global.Session as GoogleAppsScript.Base.Session).getScriptTimeZone()).toBe('Asia/Tokyo');
    const same = fresh({ timeZone: 'Australia/Sydney', scriptTimeZone: 'Australia/Sydney' });
    same.spreadsheet.getActiveSheet().getRange('A1').setFormula('=KPI_DAYOF(DATE(2025,4,1))');
    expect(same.spreadsheet.getActiveSheet().getRange('A1').getValue()).toBe(20250401);
  });

  test("the script's Date is its own zone's, whatever the process zone or the add-on loaded last", () => {
    const tokyo = fresh({ scriptTimeZone: 'Asia/Tokyo' });
    const la = fresh({ scriptTimeZone: 'America/Los_Angeles' });
    expect(tokyo.run('localMidnight', 2025, 4, 1)).toBe('2025-03-31T15:00:00.000Z');
    expect(la.run('localMidnight', 2025, 4, 1)).toBe('2025-04-01T07:00:00.000Z');
    expect(la.run('localMidnight', 2025, 1, 1)).toBe('2025-01-01T08:00:00.000Z'); // PST
    const D = tokyo.global.Date as DateConstructor;
    const d = new D(2025, 0, 31);
    d.setMonth(1);
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getTimezoneOffset()]).toEqual([2025, 2, 3, -540]);
    expect(Object.prototype.toString.call(d)).toBe('[object Date]');
    expect(new D('2025-04-01T00:00:00').toISOString()).toBe('2025-03-31T15:00:00.000Z');
    expect(new D('2025-04-01').toISOString()).toBe('2025-04-01T00:00:00.000Z'); // date-only ISO is UTC
  });

  test('daylight saving in the script zone: skipped and repeated wall times, offsets, setters', () => {
    const D = fresh({ scriptTimeZone: 'America/Los_Angeles' }).global.Date as DateConstructor;
    const skipped = new D(2025, 2, 9, 2, 30); // 02:30 does not exist on 9 March 2025: as V8, 03:30 PDT
    expect([skipped.getHours(), skipped.getMinutes(), skipped.getTimezoneOffset()]).toEqual([3, 30, 420]);
    expect(new D(2025, 2, 8).getTimezoneOffset()).toBe(480);
    const d = new D(2025, 10, 1, 12);
    d.setDate(d.getDate() + 7); // across the end of DST: still noon
    expect([d.getMonth(), d.getDate(), d.getHours(), d.toISOString()]).toEqual([10, 8, 12, '2025-11-08T20:00:00.000Z']);
    expect(d.toString()).toBe('Sat Nov 08 2025 12:00:00 GMT-0800');
    expect(String(new D(Number.NaN))).toBe('Invalid Date');
    expect(new D(2025, 0, 1).getDay()).toBe(3);
  });

  // https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)
  test.each([
    ['Asia/Tokyo', 'yyyy-MM-dd HH:mm Z', '2025-04-01 00:00 +0900'],
    ['Australia/Sydney', 'yyyy-MM-dd HH:mm XXX', '2025-04-01 02:00 +11:00'],
    ['America/Los_Angeles', 'EEE, d MMM yyyy h:mm a', 'Mon, 31 Mar 2025 8:00 AM'],
    ['Asia/Kolkata', 'D u HH:mm:ss.SSS', '90 1 20:30:00.000'],
  ])('Utilities.formatDate in %s', (zone, pattern, expected) => {
    const a = fresh();
    const u = a.global.Utilities as GoogleAppsScript.Utilities.Utilities;
    expect(u.formatDate(new Date('2025-03-31T15:00:00Z'), zone, pattern)).toBe(expected);
  });
});
