// Developer metadata, as Apps Script and the Sheets API document it:
// https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata
// https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata-finder
// https://developers.google.com/sheets/api/guides/metadata ("You can associate metadata with rows,
// columns, sheets, or a spreadsheet"; "if developer metadata is associated with row 5 and another row
// is then subsequently inserted above row 5, that original metadata is still associated with the row
// it was first associated with (what is now row 6). If the associated object is deleted then its
// metadata is deleted too.")
import { loadAddon } from '../../dev/harness';

const dist = 'test/harness/fixtures/dist';
type App = GoogleAppsScript.Spreadsheet.SpreadsheetApp;

function setup() {
  const a = loadAddon({ dist });
  const app = a.global.SpreadsheetApp as App;
  const ss = a.spreadsheet;
  const sheet = ss.getActiveSheet();
  return { a, app, ss, sheet };
}

describe('developer metadata', () => {
  test('on the spreadsheet, a sheet, a whole row and a whole column; key, value, visibility, id, location', () => {
    const { app, ss, sheet } = setup();
    // addDeveloperMetadata returns the range / sheet / spreadsheet, for chaining
    expect(ss.addDeveloperMetadata('plan', '{"id":"p1"}').getId()).toBe(ss.getId());
    expect(sheet.addDeveloperMetadata('role', 'plan', app.DeveloperMetadataVisibility.PROJECT).getName()).toBe(
      sheet.getName(),
    );
    sheet.getRange('3:3').addDeveloperMetadata('kpi', 'k1');
    sheet.getRange(1, 4, sheet.getMaxRows(), 1).addDeveloperMetadata('month', app.DeveloperMetadataVisibility.PROJECT);
    const [top, onSheet, row, col] = ss.createDeveloperMetadataFinder().find();
    const ids = [top, onSheet, row, col].map((m) => m.getId());
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(Number.isInteger(id) && id > 0).toBe(true);
    expect([top.getKey(), top.getValue(), top.getVisibility()]).toEqual([
      'plan',
      '{"id":"p1"}',
      app.DeveloperMetadataVisibility.DOCUMENT,
    ]);
    expect(onSheet.getVisibility()).toBe(app.DeveloperMetadataVisibility.PROJECT);
    expect([col.getValue(), String(col.getVisibility())]).toEqual([null, 'PROJECT']);
    expect(top.getLocation().getLocationType()).toBe(app.DeveloperMetadataLocationType.SPREADSHEET);
    expect(top.getLocation().getSpreadsheet()!.getId()).toBe(ss.getId());
    expect(onSheet.getLocation().getSheet()!.getName()).toBe(sheet.getName());
    expect(onSheet.getLocation().getRow()).toBeNull();
    expect(row.getLocation().getLocationType()).toBe(app.DeveloperMetadataLocationType.ROW);
    expect(row.getLocation().getRow()!.getA1Notation()).toBe('A3:Z3');
    expect(row.getLocation().getSheet()).toBeNull();
    expect(col.getLocation().getColumn()!.getA1Notation()).toBe('D1:D1000');
    expect(ss.getDeveloperMetadata().map((m) => m.getKey())).toEqual(['plan']);
    expect(sheet.getDeveloperMetadata().map((m) => m.getKey())).toEqual(['role']);
    expect(
      sheet
        .getRange('3:3')
        .getDeveloperMetadata()
        .map((m) => m.getValue()),
    ).toEqual(['k1']);
    expect(
      sheet
        .getRange('D:D')
        .getDeveloperMetadata()
        .map((m) => m.getKey()),
    ).toEqual(['month']);
  });

  test('any other range throws, as Sheets does', () => {
    const { sheet } = setup();
    const message = 'Adding developer metadata to arbitrary ranges is not currently supported.';
    for (const a1 of ['A1', 'A3:Y3', 'B1:B999', '2:3', 'A:B'])
      expect(() => sheet.getRange(a1).addDeveloperMetadata('k')).toThrow(message);
    expect(() => sheet.getRange('3:3').addDeveloperMetadata('')).toThrow('key');
  });

  test('setKey, setValue, setVisibility, move and remove', () => {
    const { app, ss, sheet } = setup();
    const other = ss.insertSheet('Other');
    const [m] = sheet.getRange('2:2').addDeveloperMetadata('kpi', 'a').getDeveloperMetadata();
    m.setKey('kpi2').setValue('b').setVisibility(app.DeveloperMetadataVisibility.PROJECT);
    expect([m.getKey(), m.getValue(), String(m.getVisibility())]).toEqual(['kpi2', 'b', 'PROJECT']);
    m.moveToRow(sheet.getRange('5:5'));
    expect(m.getLocation().getRow()!.getRow()).toBe(5);
    m.moveToColumn(other.getRange('C:C'));
    expect([m.getLocation().getColumn()!.getSheet().getName(), m.getLocation().getColumn()!.getColumn()]).toEqual([
      'Other',
      3,
    ]);
    expect(() => m.moveToRow(sheet.getRange('A1:B2'))).toThrow('arbitrary ranges');
    m.moveToSheet(other);
    expect(other.getDeveloperMetadata().map((x) => x.getId())).toEqual([m.getId()]);
    m.moveToSpreadsheet();
    expect(ss.getDeveloperMetadata().map((x) => x.getId())).toEqual([m.getId()]);
    const id = m.getId();
    m.remove();
    expect(ss.createDeveloperMetadataFinder().find()).toEqual([]);
    expect(() => m.getKey()).toThrow(`No developer metadata with id ${id}`);
  });

  test('finders: by key, value, id, location type, visibility; range scope is "wholly contained" unless intersecting', () => {
    const { app, ss, sheet } = setup();
    const other = ss.insertSheet('Other');
    ss.addDeveloperMetadata('plan', 'p1');
    sheet.addDeveloperMetadata('plan', 'p1');
    const [r3] = sheet.getRange('3:3').addDeveloperMetadata('kpi', 'k1').getDeveloperMetadata();
    sheet.getRange('4:4').addDeveloperMetadata('kpi', 'k2', app.DeveloperMetadataVisibility.PROJECT);
    sheet.getRange('C:C').addDeveloperMetadata('month', '2026-04');
    other.getRange('3:3').addDeveloperMetadata('kpi', 'k1');
    const keys = (f: GoogleAppsScript.Spreadsheet.DeveloperMetadataFinder) =>
      f.find().map((m) => `${m.getKey()}=${m.getValue()}`);
    expect(keys(ss.createDeveloperMetadataFinder())).toHaveLength(6);
    expect(keys(ss.createDeveloperMetadataFinder().withKey('kpi').withValue('k1'))).toEqual(['kpi=k1', 'kpi=k1']);
    expect(
      ss
        .createDeveloperMetadataFinder()
        .withId(r3.getId())
        .find()
        .map((m) => m.getId()),
    ).toEqual([r3.getId()]);
    expect(keys(ss.createDeveloperMetadataFinder().withLocationType(app.DeveloperMetadataLocationType.SHEET))).toEqual([
      'plan=p1',
    ]);
    expect(keys(ss.createDeveloperMetadataFinder().withVisibility(app.DeveloperMetadataVisibility.PROJECT))).toEqual([
      'kpi=k2',
    ]);
    expect(keys(sheet.createDeveloperMetadataFinder())).toEqual(['plan=p1', 'kpi=k1', 'kpi=k2', 'month=2026-04']);
    // "metadata associated with the row '3:3' is not in the scope of a range 'A1:D5' but is within the scope of a range '1:5'"
    expect(keys(sheet.getRange('A1:D5').createDeveloperMetadataFinder())).toEqual([]);
    expect(keys(sheet.getRange('1:5').createDeveloperMetadataFinder())).toEqual(['kpi=k1', 'kpi=k2']);
    expect(keys(sheet.getRange('A1:D5').createDeveloperMetadataFinder().onIntersectingLocations())).toEqual([
      'kpi=k1',
      'kpi=k2',
      'month=2026-04',
    ]);
    expect(keys(sheet.getRange('B4').createDeveloperMetadataFinder().onIntersectingLocations().withKey('kpi'))).toEqual(
      ['kpi=k2'],
    );
  });

  test('row and column metadata moves with inserted and deleted rows and columns, and goes with its row or column', () => {
    const { ss, sheet } = setup();
    sheet.getRange('3:3').addDeveloperMetadata('kpi', 'k3');
    sheet.getRange('5:5').addDeveloperMetadata('kpi', 'k5');
    sheet.getRange('C:C').addDeveloperMetadata('month', 'm3');
    const rowOf = (v: string) =>
      ss
        .createDeveloperMetadataFinder()
        .withValue(v)
        .find()
        .map((m) => m.getLocation().getRow()!.getRow());
    sheet.insertRowBefore(3);
    expect([rowOf('k3'), rowOf('k5')]).toEqual([[4], [6]]);
    sheet.insertRowsAfter(4, 2);
    expect([rowOf('k3'), rowOf('k5')]).toEqual([[4], [8]]);
    sheet.deleteRow(4);
    expect([rowOf('k3'), rowOf('k5')]).toEqual([[], [7]]);
    sheet.deleteRows(1, 2);
    expect(rowOf('k5')).toEqual([5]);
    sheet.insertColumnBefore(1);
    expect(ss.createDeveloperMetadataFinder().withKey('month').find()[0].getLocation().getColumn()!.getColumn()).toBe(
      4,
    );
    sheet.deleteColumns(3, 2);
    expect(ss.createDeveloperMetadataFinder().withKey('month').find()).toEqual([]);
  });

  test('row metadata follows a sort; a deleted sheet takes its metadata', () => {
    const { ss, sheet } = setup();
    sheet.getRange('A1:B3').setValues([
      ['c', 3],
      ['a', 1],
      ['b', 2],
    ]);
    sheet.getRange('1:1').addDeveloperMetadata('kpi', 'c');
    sheet.getRange('2:2').addDeveloperMetadata('kpi', 'a');
    sheet.getRange('A1:B3').sort(1);
    expect(sheet.getRange('A1:B3').getValues()).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    const rowOf = (v: string) =>
      ss.createDeveloperMetadataFinder().withValue(v).find()[0].getLocation().getRow()!.getRow();
    expect([rowOf('a'), rowOf('c')]).toEqual([1, 3]);
    sheet.getRange('A1:B3').sort({ column: 2, ascending: false });
    expect([rowOf('a'), rowOf('c')]).toEqual([3, 1]);
    const other = ss.insertSheet('Other');
    other.addDeveloperMetadata('x');
    other.getRange('2:2').addDeveloperMetadata('y');
    ss.deleteSheet(other);
    expect(
      ss
        .createDeveloperMetadataFinder()
        .find()
        .map((m) => m.getKey()),
    ).toEqual(['kpi', 'kpi']);
  });

  test('a copied sheet carries its sheet, row and column metadata with new ids; the workbook saves it', () => {
    const { a, ss, sheet } = setup();
    const [s] = sheet.addDeveloperMetadata('plan', 'p1').getDeveloperMetadata();
    sheet.getRange('2:2').addDeveloperMetadata('kpi', 'k1');
    ss.addDeveloperMetadata('book');
    const copy = sheet.copyTo(ss);
    expect(copy.getName()).toBe('Copy of Sheet1');
    const inCopy = copy.createDeveloperMetadataFinder().find();
    expect(inCopy.map((m) => m.getKey())).toEqual(['plan', 'kpi']);
    expect(inCopy[0].getId()).not.toBe(s.getId());
    expect(inCopy[1].getLocation().getRow()!.getSheet().getSheetId()).toBe(copy.getSheetId());
    expect(
      ss
        .createDeveloperMetadataFinder()
        .withKey('plan')
        .find()
        .map((m) => m.getLocation().getSheet()!.getSheetId()),
    ).toEqual([sheet.getSheetId(), copy.getSheetId()]);
    const fromTemplate = ss.insertSheet('Report', { template: sheet });
    const duplicate = ss.duplicateActiveSheet();
    for (const x of [fromTemplate, duplicate]) {
      expect(x.getDeveloperMetadata().map((m) => m.getValue())).toEqual(['p1']);
      expect(
        x
          .getRange('2:2')
          .getDeveloperMetadata()
          .map((m) => m.getValue()),
      ).toEqual(['k1']);
    }
    const all = ss
      .createDeveloperMetadataFinder()
      .find()
      .map((m) => m.getId());
    expect(new Set(all).size).toBe(all.length);
    const b = loadAddon({ dist, workbook: JSON.parse(JSON.stringify(a.saveWorkbook())) });
    const found = b.spreadsheet
      .createDeveloperMetadataFinder()
      .find()
      .map((m) => [m.getId(), m.getKey(), m.getValue()]);
    expect(found).toEqual(
      ss
        .createDeveloperMetadataFinder()
        .find()
        .map((m) => [m.getId(), m.getKey(), m.getValue()]),
    );
    expect(
      b.spreadsheet
        .getSheetByName('Copy of Sheet1')!
        .getRange('2:2')
        .getDeveloperMetadata()
        .map((m) => m.getValue()),
    ).toEqual(['k1']);
    expect(b.spreadsheet.addDeveloperMetadata('new').getId()).not.toBe(s.getId());
  });
});
