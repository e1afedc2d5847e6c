// UI log, HtmlService, the document lock, call counting, properties and small services.
import { loadAddon } from '../../dev/harness';

const dist = 'test/harness/fixtures/dist';

describe('ui', () => {
  test('menus, sidebars and dialogs (HTML from dist, templates evaluated) are recorded', () => {
    const a = loadAddon({ dist });
    a.run('onOpen', { authMode: 'NONE' });
    expect(a.ui.menus).toEqual([
      {
        title: 'KPI Planner',
        items: [
          { caption: 'Open planner', functionName: 'showPlanner' },
          { caption: '', functionName: '', separator: true },
          { caption: 'Help', functionName: 'showHelp' },
        ],
      },
    ]);
    a.run('onOpen', {}); // opening again replaces the menu, no duplicate
    expect(a.ui.menus).toHaveLength(1);
    a.run('showPlanner');
    expect(a.ui.sidebars).toHaveLength(1);
    expect(a.ui.sidebars[0].title).toBe('Planner');
    expect(a.ui.sidebars[0].html).toContain('<h1>Fixture sidebar</h1>');
    a.run('showHelp');
    expect(a.ui.dialogs[0]).toMatchObject({ title: 'Help', modal: true, width: 400, height: 300 });
    expect(a.ui.dialogs[0].html).toContain('Hello &lt;b&gt;Ann&lt;/b&gt;, raw: <b>Ann</b>');
    expect(a.ui.dialogs[0].html).toContain('<i>0</i><i>1</i>');
  });

  test('a missing HTML file throws like Apps Script', () => {
    const a = loadAddon({ dist });
    const html = a.global.HtmlService as GoogleAppsScript.HTML.HtmlService;
    expect(() => html.createHtmlOutputFromFile('Nope')).toThrow('No HTML file named Nope was found.');
  });

  test('prompts and alerts take scripted answers; unscripted ones press the first button', () => {
    const a = loadAddon({ dist });
    a.ui.answer('OK', 'Ann');
    a.ui.answer('YES');
    expect(a.run('askName')).toBe('Ann');
    a.ui.answer('CANCEL');
    expect(a.run('askName')).toBe('cancelled');
    a.ui.answer('OK', 'Bob');
    a.ui.answer('NO');
    expect(a.run('askName')).toBe('no');
    expect(a.run('askName')).toBe(''); // OK with "", then YES
    expect(a.ui.alerts[0]).toEqual({
      title: 'Your name',
      prompt: 'Type it',
      buttons: 'OK_CANCEL',
      kind: 'prompt',
      answer: 'OK',
    });
    expect(a.ui.alerts[1]).toMatchObject({ title: 'Sure?', prompt: 'Use Ann?', kind: 'alert', answer: 'YES' });
  });

  test('toasts', () => {
    const a = loadAddon({ dist });
    a.spreadsheet.toast('Built', 'KPI Planner', 5);
    expect(a.ui.toasts).toEqual([{ message: 'Built', title: 'KPI Planner', timeoutSeconds: 5 }]);
  });
});

describe('document lock and call counting', () => {
  test('writes under the lock are told apart from writes without it', () => {
    const a = loadAddon({ dist });
    a.resetCalls();
    a.run('lockedWrite', 1);
    expect(a.lock.history).toEqual(['acquire', 'release']);
    expect(a.lock.lockedWrites).toBe(1);
    expect(a.lock.unlockedWrites).toEqual([]);
    a.run('unlockedWrite', 2);
    expect(a.lock.unlockedWrites).toEqual(['Range.setValue']);
    expect(a.lock.held).toBe(false);
  });

  test('a lock still held when the script call ends is released, as Apps Script does', () => {
    const a = loadAddon({ dist });
    a.run('forgetToRelease', 3);
    expect(a.lock.history).toEqual(['acquire', 'auto-release']);
    expect(a.lock.held).toBe(false);
  });

  test("a busy lock: waitLock throws Apps Script's timeout error and nothing is written", () => {
    const a = loadAddon({ dist });
    a.lock.busy = true;
    expect(() => a.run('lockedWrite', 9)).toThrow('Lock timeout: another process was holding the lock for too long.');
    expect(a.spreadsheet.getActiveSheet().getRange('A1').getValue()).toBe('');
    expect(a.lock.history).toEqual(['timeout']);
  });

  test('calls count "Class.method" for calls from outside the harness only, and reset', () => {
    const a = loadAddon({ dist });
    a.resetCalls();
    a.run('writeBlock', [
      [1, 2],
      [3, 4],
    ]);
    expect(a.calls).toEqual({
      'SpreadsheetApp.getActive': 1,
      'Spreadsheet.getSheets': 1,
      'Sheet.getRange': 1,
      'Range.setValues': 1,
    });
    expect(a.spreadsheet.getActiveSheet().getRange('A1:B2').getValues()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(a.calls['Range.getValues']).toBe(1);
    a.resetCalls();
    expect(a.calls).toEqual({});
  });
});

describe('other services', () => {
  test('properties, session, Utilities.formatDate, Logger', () => {
    const a = loadAddon({ dist, locale: 'ja_JP', timeZone: 'Asia/Tokyo' });
    const g = a.global as unknown as {
      PropertiesService: GoogleAppsScript.Properties.PropertiesService;
      Session: GoogleAppsScript.Base.Session;
      Utilities: GoogleAppsScript.Utilities.Utilities;
      Logger: GoogleAppsScript.Base.Logger;
      ScriptApp: GoogleAppsScript.Script.ScriptApp;
    };
    const props = g.PropertiesService.getDocumentProperties();
    props.setProperty('plan', JSON.stringify({ a: 1 }));
    expect(g.PropertiesService.getDocumentProperties().getProperty('plan')).toBe('{"a":1}');
    expect(props.getProperty('missing')).toBeNull();
    expect(g.Session.getActiveUserLocale()).toBe('ja');
    expect(g.Session.getScriptTimeZone()).toBe('Asia/Tokyo');
    expect(a.spreadsheet.getSpreadsheetLocale()).toBe('ja_JP');
    expect(a.spreadsheet.getSpreadsheetTimeZone()).toBe('Asia/Tokyo');
    expect(g.Utilities.formatDate(new Date('2024-03-31T16:00:00Z'), 'Asia/Tokyo', "yyyy-MM-dd'T'HH:mm")).toBe(
      '2024-04-01T01:00',
    );
    expect(g.Utilities.formatDate(new Date('2024-03-31T16:00:00Z'), 'UTC', 'yyyy/M/d EEE')).toBe('2024/3/31 Sun');
    g.Logger.log('built %s sheets', 4);
    expect(a.logs).toEqual(['built 4 sheets']);
    expect(g.ScriptApp.AuthMode.NONE).toBe('NONE');
  });

  test("typing runs the add-on's onEdit trigger", () => {
    const a = loadAddon({ dist });
    a.type("'Sheet1'!B3", 'hello');
    const props = (a.global.PropertiesService as GoogleAppsScript.Properties.PropertiesService).getDocumentProperties();
    expect(props.getProperty('lastEdit')).toBe('B3=hello');
  });
});
