// Spreadsheet, Sheet and SpreadsheetApp over the in-memory workbook.
import { parseA1, splitSheet, type Rect } from './a1';
import { BooleanCriteria, ConditionalFormatRule, ConditionalFormatRuleBuilder, InterpolationType } from './conditional';
import type { Ctx } from './context';
import type { CfRuleSpec, SheetModel } from './engine';
import { normalizeColor } from './colors';
import { checkBounds, RangeImpl } from './range';
import {
  addMetadata,
  DeveloperMetadataFinderImpl,
  DeveloperMetadataLocationType,
  DeveloperMetadataVisibility,
  metadataObject,
} from './metadata';
import {
  DataValidationBuilder,
  DataValidationCriteria,
  EmbeddedChartBuilder,
  EmbeddedChartImpl,
  NamedRangeImpl,
  ProtectionImpl,
} from './objects';

export class SheetImpl {
  constructor(
    private readonly ctx: Ctx,
    readonly sm: SheetModel,
  ) {}
  private get engine() {
    return this.ctx.engine;
  }
  private alive(): SheetModel {
    if (!this.engine.sheets.includes(this.sm)) throw new Error('Sheet ' + this.sm.name + ' has been deleted.');
    return this.sm;
  }

  getName() {
    return this.sm.name;
  }
  setName(name: string) {
    this.engine.renameSheet(this.alive(), String(name));
    return this;
  }
  getSheetName() {
    return this.sm.name;
  }
  getSheetId() {
    return this.sm.gid;
  }
  getIndex() {
    return this.engine.sheets.indexOf(this.sm) + 1;
  }
  getParent() {
    return this.ctx.spreadsheet();
  }
  activate() {
    this.engine.active = this.alive();
    this.sm.hidden = false;
    return this;
  }
  getType() {
    return 'GRID';
  }

  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number) {
    const sm = this.alive();
    if (typeof a === 'string') {
      const rect = parseA1(a, sm.maxRows, sm.maxCols);
      if (!rect) throw new Error('Range not found');
      checkBounds(sm, rect);
      return this.ctx.range(sm, rect);
    }
    if (typeof a !== 'number' || typeof column !== 'number') {
      throw new Error(
        `The parameters (${typeof a}, ${typeof column}) don't match the method signature for SpreadsheetApp.Sheet.getRange.`,
      );
    }
    const rect: Rect = { row: a - 1, col: column - 1, rows: numRows ?? 1, cols: numColumns ?? 1 };
    checkBounds(sm, rect);
    return this.ctx.range(sm, rect);
  }
  getDataRange() {
    const { lastRow, lastCol } = this.engine.extent(this.alive());
    return this.ctx.range(this.sm, { row: 0, col: 0, rows: Math.max(1, lastRow), cols: Math.max(1, lastCol) });
  }
  getLastRow() {
    return this.engine.extent(this.alive()).lastRow;
  }
  getLastColumn() {
    return this.engine.extent(this.alive()).lastCol;
  }
  getMaxRows() {
    return this.sm.maxRows;
  }
  getMaxColumns() {
    return this.sm.maxCols;
  }
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number) {
    const { lastRow, lastCol } = this.engine.extent(this.sm);
    return this.getRange(
      startRow,
      startColumn,
      numRows === -1 ? Math.max(1, lastRow - startRow + 1) : numRows,
      numColumns === -1 ? Math.max(1, lastCol - startColumn + 1) : numColumns,
    ).getValues();
  }

  // ---- shape ------------------------------------------------------------------------------------
  private shape(axis: 'row' | 'col', index0: number, count: number): this {
    const max = axis === 'row' ? this.sm.maxRows : this.sm.maxCols;
    if (!Number.isInteger(count) || count < 1)
      throw new Error(`Those ${axis === 'row' ? 'rows' : 'columns'} are out of bounds.`);
    if (index0 < 0 || index0 > max) throw new Error(`Those ${axis === 'row' ? 'rows' : 'columns'} are out of bounds.`);
    this.engine.changeShape(this.alive(), axis, index0, count);
    return this;
  }
  private remove(axis: 'row' | 'col', index0: number, count: number): void {
    const max = axis === 'row' ? this.sm.maxRows : this.sm.maxCols;
    if (index0 < 0 || count < 1 || index0 + count > max)
      throw new Error(`Those ${axis === 'row' ? 'rows' : 'columns'} are out of bounds.`);
    if (count === max) throw new Error(`You can't delete all the ${axis === 'row' ? 'rows' : 'columns'} on the sheet.`);
    this.engine.changeShape(this.alive(), axis, index0, -count);
  }
  insertRows(rowIndex: number, numRows = 1) {
    return this.shape('row', rowIndex - 1, numRows);
  }
  insertRowBefore(beforePosition: number) {
    return this.shape('row', beforePosition - 1, 1);
  }
  insertRowAfter(afterPosition: number) {
    return this.shape('row', afterPosition, 1);
  }
  insertRowsBefore(beforePosition: number, howMany: number) {
    return this.shape('row', beforePosition - 1, howMany);
  }
  insertRowsAfter(afterPosition: number, howMany: number) {
    return this.shape('row', afterPosition, howMany);
  }
  insertColumns(columnIndex: number, numColumns = 1) {
    return this.shape('col', columnIndex - 1, numColumns);
  }
  insertColumnBefore(beforePosition: number) {
    return this.shape('col', beforePosition - 1, 1);
  }
  insertColumnAfter(afterPosition: number) {
    return this.shape('col', afterPosition, 1);
  }
  insertColumnsBefore(beforePosition: number, howMany: number) {
    return this.shape('col', beforePosition - 1, howMany);
  }
  insertColumnsAfter(afterPosition: number, howMany: number) {
    return this.shape('col', afterPosition, howMany);
  }
  deleteRow(rowPosition: number) {
    this.remove('row', rowPosition - 1, 1);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number) {
    this.remove('row', rowPosition - 1, howMany);
  }
  deleteColumn(columnPosition: number) {
    this.remove('col', columnPosition - 1, 1);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number) {
    this.remove('col', columnPosition - 1, howMany);
  }

  setFrozenRows(rows: number) {
    if (rows < 0 || rows > this.sm.maxRows) throw new Error(`Those rows are out of bounds.`);
    this.sm.frozenRows = rows;
  }
  setFrozenColumns(columns: number) {
    if (columns < 0 || columns > this.sm.maxCols) throw new Error(`Those columns are out of bounds.`);
    this.sm.frozenCols = columns;
  }
  getFrozenRows() {
    return this.sm.frozenRows;
  }
  getFrozenColumns() {
    return this.sm.frozenCols;
  }
  setColumnWidth(columnPosition: number, width: number) {
    this.sm.colWidths[columnPosition] = width;
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number) {
    for (let c = startColumn; c < startColumn + numColumns; c++) this.sm.colWidths[c] = width;
    return this;
  }
  hideColumns(columnIndex: number, numColumns = 1) {
    this.columnsHidden(columnIndex, numColumns, true);
  }
  showColumns(columnIndex: number, numColumns = 1) {
    this.columnsHidden(columnIndex, numColumns, false);
  }
  isColumnHiddenByUser(columnPosition: number) {
    return this.sm.hiddenCols.includes(columnPosition);
  }
  hideRows(rowIndex: number, numRows = 1) {
    this.rowsHidden(rowIndex, numRows, true);
  }
  showRows(rowIndex: number, numRows = 1) {
    this.rowsHidden(rowIndex, numRows, false);
  }
  isRowHiddenByUser(rowPosition: number) {
    return (this.sm.hiddenRows ?? []).includes(rowPosition);
  }
  private rowsHidden(start: number, count: number, hide: boolean) {
    const rows = new Set(this.sm.hiddenRows ?? []);
    for (let r = start; r < start + count; r++) hide ? rows.add(r) : rows.delete(r);
    this.sm.hiddenRows = [...rows].sort((a, b) => a - b);
  }
  private columnsHidden(start: number, count: number, hide: boolean) {
    if (start < 1 || count < 1 || start + count - 1 > this.sm.maxCols)
      throw new Error('Those columns are out of bounds.');
    const cols = new Set(this.sm.hiddenCols);
    for (let c = start; c < start + count; c++)
      if (hide) cols.add(c);
      else cols.delete(c);
    this.sm.hiddenCols = [...cols].sort((a, b) => a - b);
  }
  getColumnWidth(columnPosition: number) {
    return this.sm.colWidths[columnPosition] ?? 100;
  }
  setRowHeight(rowPosition: number, height: number) {
    this.sm.rowHeights[rowPosition] = height;
    return this;
  }
  setRowHeights(startRow: number, numRows: number, height: number) {
    for (let r = startRow; r < startRow + numRows; r++) this.sm.rowHeights[r] = height;
    return this;
  }
  setRowHeightsForced(startRow: number, numRows: number, height: number) {
    return this.setRowHeights(startRow, numRows, height);
  }
  getRowHeight(rowPosition: number) {
    return this.sm.rowHeights[rowPosition] ?? 21;
  }
  autoResizeColumns(startColumn: number, numColumns: number) {
    void startColumn;
    void numColumns;
    return this;
  }
  autoResizeColumn(columnPosition: number) {
    void columnPosition;
    return this;
  }
  autoResizeRows(startRow: number, numRows: number) {
    void startRow;
    void numRows;
    return this;
  }

  setTabColor(color: string | null) {
    this.sm.tabColor = color ? normalizeColor(color) : null;
    return this;
  }
  getTabColor() {
    return this.sm.tabColor;
  }
  hideSheet() {
    if (this.engine.sheets.filter((s) => !s.hidden).length === 1 && !this.sm.hidden)
      throw new Error("You can't hide all the sheets in a document.");
    this.sm.hidden = true;
    if (this.engine.active === this.sm) this.engine.active = this.engine.sheets.find((s) => !s.hidden);
    return this;
  }
  showSheet() {
    this.sm.hidden = false;
    return this;
  }
  isSheetHidden() {
    return this.sm.hidden;
  }

  // ---- clearing -----------------------------------------------------------------------------------
  private all() {
    return new RangeImpl(this.ctx, this.sm, { row: 0, col: 0, rows: this.sm.maxRows, cols: this.sm.maxCols });
  }
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }) {
    this.all().clear(options);
    if (!options || (!options.contentsOnly && !options.formatOnly)) this.sm.merges = [];
    return this;
  }
  clearContents() {
    this.all().clearContent();
    return this;
  }
  clearFormats() {
    this.all().clearFormat();
    return this;
  }
  clearNotes() {
    this.all().clearNote();
    return this;
  }

  // ---- conditional formatting ---------------------------------------------------------------------
  getConditionalFormatRules() {
    return this.sm.cfRules.map((spec) =>
      this.ctx.wrap(
        new ConditionalFormatRule(this.ctx, { ...structuredClone(spec), sheet: this.sm.name }),
        'ConditionalFormatRule',
      ),
    );
  }
  setConditionalFormatRules(rules: { spec: CfRuleSpec & { sheet?: string } }[]) {
    if (!Array.isArray(rules))
      throw new Error(
        "The parameters don't match the method signature for SpreadsheetApp.Sheet.setConditionalFormatRules.",
      );
    const specs = rules.map((r, i) => {
      if (!r || !r.spec) throw new Error(`Conditional format rule ${i + 1} is not a ConditionalFormatRule.`);
      const { sheet, ...spec } = structuredClone(r.spec);
      if (!spec.ranges.length) throw new Error('Conditional format rule cannot have no ranges.');
      if (sheet && sheet.toLowerCase() !== this.sm.name.toLowerCase())
        throw new Error(`Conditional format rule ranges must be on sheet ${this.sm.name}, not ${sheet}.`);
      if (!spec.condition && !spec.gradient)
        throw new Error(
          'Conditional format rule must have a condition: call when...() or setGradient...() on the builder.',
        );
      if (spec.gradient && (!spec.gradient.min || !spec.gradient.max))
        throw new Error('A gradient rule needs a min point and a max point.');
      return spec;
    });
    this.sm.cfRules = specs;
  }
  clearConditionalFormatRules() {
    this.sm.cfRules = [];
  }

  // ---- charts -------------------------------------------------------------------------------------
  newChart() {
    return this.ctx.wrap(new EmbeddedChartBuilder(this.ctx, this.sm), 'EmbeddedChartBuilder');
  }
  insertChart(chart: { spec: EmbeddedChartImpl['spec'] }) {
    this.sm.charts.push(structuredClone(chart.spec));
  }
  updateChart(chart: { spec: EmbeddedChartImpl['spec'] }) {
    const i = this.sm.charts.findIndex((c) => c.id === chart.spec.id);
    if (i < 0) throw new Error('The chart is not on this sheet.');
    this.sm.charts[i] = structuredClone(chart.spec);
  }
  getCharts() {
    return this.sm.charts.map((c) =>
      this.ctx.wrap(new EmbeddedChartImpl(this.ctx, this.sm, structuredClone(c)), 'EmbeddedChart'),
    );
  }
  removeChart(chart: { spec: EmbeddedChartImpl['spec'] }) {
    this.sm.charts = this.sm.charts.filter((c) => c.id !== chart.spec.id);
  }

  // ---- developer metadata, copies, sorting --------------------------------------------------------
  addDeveloperMetadata(...args: unknown[]) {
    addMetadata(this.ctx, { type: 'SHEET', sheet: this.alive() }, args);
    return this;
  }
  /** The metadata of the sheet itself (not of its rows and columns). */
  getDeveloperMetadata() {
    return this.engine.metadata
      .filter((m) => m.location.type === 'SHEET' && m.location.sheet === this.sm)
      .map((m) => metadataObject(this.ctx, m));
  }
  createDeveloperMetadataFinder() {
    return this.ctx.wrap(
      new DeveloperMetadataFinderImpl(this.ctx, { type: 'SHEET', sm: this.alive() }),
      'DeveloperMetadataFinder',
    );
  }
  /** "Copies the sheet to a given spreadsheet ... The copied sheet is named 'Copy of [original name]'" (at the end). */
  copyTo(spreadsheet: { getId(): string }) {
    if (!spreadsheet || typeof spreadsheet.getId !== 'function')
      throw new Error("The parameters don't match the method signature for SpreadsheetApp.Sheet.copyTo.");
    if (spreadsheet.getId() !== this.ctx.spreadsheet().getId())
      throw new Error('not implemented in harness: Sheet.copyTo another spreadsheet');
    return this.ctx.sheet(
      this.engine.copySheet(this.alive(), copyName(this.engine.sheets, this.sm.name), this.engine.sheets.length),
    );
  }
  /** Sort the sheet's rows below the frozen ones by a column (Sheet.sort(columnPosition, ascending)). */
  sort(columnPosition: number, ascending = true) {
    const sm = this.alive();
    const rows = this.engine.extent(sm).lastRow - sm.frozenRows;
    if (rows > 1)
      this.ctx
        .range(sm, { row: sm.frozenRows, col: 0, rows, cols: sm.maxCols })
        .sort({ column: columnPosition, ascending });
    return this;
  }

  // ---- protection & names -------------------------------------------------------------------------
  protect() {
    const existing = this.sm.protections.find((p) => !p.rect);
    const spec = existing ?? { id: Date.now(), description: '', warningOnly: false, editors: [], domainEdit: true };
    if (!existing) this.sm.protections.push(spec);
    return this.ctx.wrap(new ProtectionImpl(this.ctx, this.sm, spec), 'Protection');
  }
  getProtections(type: string) {
    return this.sm.protections
      .filter((p) => (String(type) === 'SHEET' ? !p.rect : !!p.rect))
      .map((p) => this.ctx.wrap(new ProtectionImpl(this.ctx, this.sm, p), 'Protection'));
  }
  getNamedRanges() {
    return this.engine
      .namedNames()
      .filter((n) => this.engine.named(n)?.sm === this.sm)
      .map((n) => this.ctx.wrap(new NamedRangeImpl(this.ctx, n), 'NamedRange'));
  }
}

export class SpreadsheetImpl {
  constructor(
    private readonly ctx: Ctx,
    private readonly meta: { id: string; name: string },
  ) {}
  private get engine() {
    return this.ctx.engine;
  }

  getId() {
    return this.meta.id;
  }
  getName() {
    return this.meta.name;
  }
  rename(name: string) {
    this.meta.name = String(name);
  }
  getUrl() {
    return `https://docs.google.com/spreadsheets/d/${this.meta.id}/edit`;
  }
  getSpreadsheetLocale() {
    return this.engine.locale;
  }
  setSpreadsheetLocale(locale: string) {
    this.engine.locale = String(locale);
  }
  getSpreadsheetTimeZone() {
    return this.engine.timeZone;
  }
  setSpreadsheetTimeZone(tz: string) {
    this.engine.timeZone = String(tz);
  }

  getActiveSheet() {
    return this.ctx.sheet(this.engine.active ?? this.engine.sheets[0]);
  }
  setActiveSheet(sheet: { getName(): string }) {
    const sm = this.engine.sheetByName(sheet.getName());
    if (!sm) throw new Error(`Sheet ${sheet.getName()} not found.`);
    this.engine.active = sm;
    sm.hidden = false;
    return this.ctx.sheet(sm);
  }
  getActiveRange() {
    return this.ctx.range(this.engine.active ?? this.engine.sheets[0], { row: 0, col: 0, rows: 1, cols: 1 });
  }
  getActiveCell() {
    return this.getActiveRange();
  }
  getSheets() {
    return this.engine.sheets.map((s) => this.ctx.sheet(s));
  }
  getNumSheets() {
    return this.engine.sheets.length;
  }
  getSheetByName(name: string) {
    const sm = this.engine.sheetByName(String(name));
    return sm ? this.ctx.sheet(sm) : null;
  }
  getSheetById(id: number) {
    const sm = this.engine.sheets.find((s) => s.gid === id);
    return sm ? this.ctx.sheet(sm) : null;
  }
  /**
   * insertSheet(), (index), (name), (name, index), with a last `{ template }` argument: a copy of the
   * template sheet (contents, formats and developer metadata). The new sheet becomes active.
   */
  insertSheet(a?: string | number | object, b?: number | object, c?: object) {
    let name: string | undefined, index: number | undefined;
    if (typeof a === 'string') {
      name = a;
      if (typeof b === 'number') index = b;
    } else if (typeof a === 'number') index = a;
    const options = [a, b, c].find((x) => x && typeof x === 'object') as { template?: { sm?: SheetModel } } | undefined;
    const template = options?.template?.sm;
    if (options?.template && (!template || !this.engine.sheets.includes(template)))
      throw new Error('Invalid argument: template');
    if (name === undefined) {
      let n = this.engine.sheets.length + 1;
      while (this.engine.sheetByName(`Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    if (!name.trim()) throw new Error('Invalid argument: sheetName');
    if (index !== undefined && (index < 0 || index > this.engine.sheets.length))
      throw new Error(`Invalid argument: index. It must be between 0 and ${this.engine.sheets.length}.`);
    const sm = template
      ? this.engine.copySheet(template, name, index ?? this.engine.sheets.length)
      : this.engine.addSheet(name, index);
    this.engine.active = sm;
    return this.ctx.sheet(sm);
  }
  /** "Duplicates the active sheet and makes it the active sheet" (named "Copy of …", right after it). */
  duplicateActiveSheet() {
    const src = this.engine.active ?? this.engine.sheets[0];
    const sm = this.engine.copySheet(src, copyName(this.engine.sheets, src.name), this.engine.sheets.indexOf(src) + 1);
    this.engine.active = sm;
    return this.ctx.sheet(sm);
  }
  addDeveloperMetadata(...args: unknown[]) {
    addMetadata(this.ctx, { type: 'SPREADSHEET' }, args);
    return this;
  }
  /** The metadata of the spreadsheet itself (not of its sheets, rows or columns). */
  getDeveloperMetadata() {
    return this.engine.metadata
      .filter((m) => m.location.type === 'SPREADSHEET')
      .map((m) => metadataObject(this.ctx, m));
  }
  createDeveloperMetadataFinder() {
    return this.ctx.wrap(new DeveloperMetadataFinderImpl(this.ctx, { type: 'SPREADSHEET' }), 'DeveloperMetadataFinder');
  }
  deleteSheet(sheet: { getName(): string }) {
    const sm = this.engine.sheetByName(sheet.getName());
    if (!sm) throw new Error(`Sheet ${sheet.getName()} not found.`);
    this.engine.removeSheet(sm);
  }
  deleteActiveSheet() {
    this.engine.removeSheet(this.engine.active ?? this.engine.sheets[0]);
    return this.getActiveSheet();
  }
  moveActiveSheet(pos: number) {
    const sm = this.engine.active ?? this.engine.sheets[0];
    this.engine.sheets = this.engine.sheets.filter((s) => s !== sm);
    this.engine.sheets.splice(Math.max(0, Math.min(pos - 1, this.engine.sheets.length)), 0, sm);
  }
  renameActiveSheet(newName: string) {
    this.engine.renameSheet(this.engine.active ?? this.engine.sheets[0], String(newName));
  }
  getRange(a1: string) {
    return this.ctx.rangeByA1(String(a1));
  }
  getRangeByName(name: string) {
    const n = this.engine.named(String(name));
    return n ? this.ctx.range(n.sm, n.rect) : null;
  }
  setNamedRange(name: string, range: { getSheet(): { getName(): string }; getA1Notation(): string }) {
    const sm = this.engine.sheetByName(range.getSheet().getName());
    const rect = sm && parseA1(range.getA1Notation(), sm.maxRows, sm.maxCols);
    if (!sm || !rect) throw new Error('Range not found');
    this.engine.setNamed(String(name), sm, rect);
  }
  /** The named ranges that still refer to a range (one whose sheet was deleted is #REF!, not listed). */
  getNamedRanges() {
    return this.engine
      .namedNames()
      .filter((n) => this.engine.named(n))
      .map((n) => this.ctx.wrap(new NamedRangeImpl(this.ctx, n), 'NamedRange'));
  }
  removeNamedRange(name: string) {
    if (!this.engine.namedNames().some((n) => n.toLowerCase() === String(name).toLowerCase()))
      throw new Error(`Named range ${name} not found.`);
    this.engine.removeNamed(String(name));
  }
  toast(msg: string, title?: string, timeoutSeconds?: number) {
    this.ctx.ui.toasts.push({ message: String(msg), title: title === undefined ? '' : String(title), timeoutSeconds });
  }
  getSheetValues(startRow: number, startColumn: number, numRows: number, numColumns: number) {
    return this.getActiveSheet().getSheetValues(startRow, startColumn, numRows, numColumns);
  }
}

export function spreadsheetApp(ctx: Ctx) {
  const enums = {
    BorderStyle: Object.freeze({
      DOTTED: 'DOTTED',
      DASHED: 'DASHED',
      SOLID: 'SOLID',
      SOLID_MEDIUM: 'SOLID_MEDIUM',
      SOLID_THICK: 'SOLID_THICK',
      DOUBLE: 'DOUBLE',
    }),
    InterpolationType,
    BooleanCriteria,
    DataValidationCriteria,
    WrapStrategy: Object.freeze({ WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' }),
    ProtectionType: Object.freeze({ RANGE: 'RANGE', SHEET: 'SHEET' }),
    Dimension: Object.freeze({ COLUMNS: 'COLUMNS', ROWS: 'ROWS' }),
    Direction: Object.freeze({ UP: 'UP', DOWN: 'DOWN', PREVIOUS: 'PREVIOUS', NEXT: 'NEXT' }),
    SheetType: Object.freeze({ GRID: 'GRID', OBJECT: 'OBJECT', DATASOURCE: 'DATASOURCE' }),
    TextDirection: Object.freeze({ LEFT_TO_RIGHT: 'LEFT_TO_RIGHT', RIGHT_TO_LEFT: 'RIGHT_TO_LEFT' }),
    CopyPasteType: Object.freeze({
      PASTE_NORMAL: 'PASTE_NORMAL',
      PASTE_VALUES: 'PASTE_VALUES',
      PASTE_FORMAT: 'PASTE_FORMAT',
    }),
    DeveloperMetadataVisibility,
    DeveloperMetadataLocationType,
    SortOrder: Object.freeze({ ASCENDING: 'ASCENDING', DESCENDING: 'DESCENDING' }),
    AutoFillSeries: Object.freeze({ DEFAULT_SERIES: 'DEFAULT_SERIES', ALTERNATE_SERIES: 'ALTERNATE_SERIES' }),
  };
  const app = {
    ...enums,
    getActiveSpreadsheet: () => ctx.spreadsheet(),
    getActive: () => ctx.spreadsheet(),
    getActiveSheet: () => ctx.spreadsheet().getActiveSheet(),
    getActiveRange: () => ctx.spreadsheet().getActiveRange(),
    getUi: () => ctx.uiService(),
    newConditionalFormatRule: () => ctx.wrap(new ConditionalFormatRuleBuilder(ctx), 'ConditionalFormatRuleBuilder'),
    newDataValidation: () => ctx.wrap(new DataValidationBuilder(ctx), 'DataValidationBuilder'),
    flush: () => undefined,
    setActiveSheet: (sheet: { getName(): string }) =>
      ctx.spreadsheet().setActiveSheet(sheet as GoogleAppsScript.Spreadsheet.Sheet),
  };
  return ctx.wrap(app, 'SpreadsheetApp');
}

/** "Copy of Plan", then "Copy of Plan 2", ... as Sheets names a copied sheet. */
function copyName(sheets: SheetModel[], name: string): string {
  const taken = (n: string) => sheets.some((s) => s.name.toLowerCase() === n.toLowerCase());
  let candidate = `Copy of ${name}`;
  for (let i = 2; taken(candidate); i++) candidate = `Copy of ${name} ${i}`;
  return candidate;
}

/** Resolve "'Sheet'!A1:B2", "Sheet!A1", a named range, or A1 on the active sheet. */
export function resolveRef(ctx: Ctx, ref: string): { sm: SheetModel; rect: Rect } {
  const { engine } = ctx;
  const named = engine.named(ref.trim());
  if (named) return named;
  const { sheet, a1 } = splitSheet(ref);
  const sm = sheet !== undefined ? engine.sheetByName(sheet) : (engine.active ?? engine.sheets[0]);
  const rect = sm && parseA1(a1, sm.maxRows, sm.maxCols);
  if (!sm || !rect) throw new Error('Range not found');
  checkBounds(sm, rect);
  return { sm, rect };
}
