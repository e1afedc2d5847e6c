// Range: values, formulas, display values, formats, notes, validation, merges — Apps Script semantics.
import { colToLetters, rectA1, shiftFormula, type Rect } from './a1';
import { normalizeColor } from './colors';
import type { Ctx } from './context';
import {
  key,
  LOADING,
  MAX_CELL_CHARS,
  parseInput,
  type CellInput,
  type CellMeta,
  type SheetModel,
  type ValidationSpec,
} from './engine';
import { AUTOMATIC, defaultDateFormat, isDateFormat } from './format';
import { addMetadata, DeveloperMetadataFinderImpl, dimensionOf, metadataObject, metadataOfRange } from './metadata';
import { DataValidation, ProtectionImpl } from './objects';

type Grid<T> = T[][];

export function checkBounds(sm: SheetModel, r: Rect): void {
  if (r.row < 0) throw new Error('The starting row of the range is too small.');
  if (r.col < 0) throw new Error('The starting column of the range is too small.');
  if (r.rows < 1) throw new Error('The number of rows in the range must be at least 1.');
  if (r.cols < 1) throw new Error('The number of columns in the range must be at least 1.');
  if (r.row + r.rows > sm.maxRows || r.col + r.cols > sm.maxCols)
    throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
}

/** Sheets refuses a cell text (or formula) over 50,000 characters, before anything is written. */
function checkLength(values: unknown[][]): void {
  for (const line of values) {
    for (const v of line) {
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS) {
        throw new Error(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
      }
    }
  }
}

/** An R1C1 formula written in a cell at (row, col), 0-based, as A1: R[-1]C is relative, R2C3 absolute. */
export function r1c1ToA1(formula: string, row: number, col: number): string {
  return formula.replace(
    /("(?:[^"]|"")*")|(?<![A-Za-z0-9_.$])R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(?![A-Za-z0-9_(])/gi,
    (all, str: string | undefined, r: string | undefined, c: string | undefined) => {
      if (str !== undefined) return all;
      const part = (p: string | undefined, here: number) => {
        if (p === undefined) return { abs: false, at: here };
        if (p.startsWith('[')) return { abs: false, at: here + Number(p.slice(1, -1)) };
        return { abs: true, at: Number(p) - 1 };
      };
      const rr = part(r, row);
      const cc = part(c, col);
      if (rr.at < 0 || cc.at < 0) return '#REF!';
      return `${cc.abs ? '$' : ''}${colToLetters(cc.at)}${rr.abs ? '$' : ''}${rr.at + 1}`;
    },
  );
}

const describe = (v: unknown) =>
  Array.isArray(v)
    ? `${Array.isArray(v[0]) ? 'number[][]' : typeof v[0] === 'string' ? 'String[]' : 'number[]'}`
    : v === null
      ? 'null'
      : typeof v === 'string'
        ? 'String'
        : typeof v;

export class RangeImpl {
  constructor(
    private readonly ctx: Ctx,
    readonly sm: SheetModel,
    readonly rect: Rect,
  ) {}

  // ---- helpers --------------------------------------------------------------------------------
  private grid<T>(f: (row: number, col: number) => T): Grid<T> {
    const { row, col, rows, cols } = this.rect;
    return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => f(row + i, col + j)));
  }
  private checkShape(data: unknown, method: string): asserts data is unknown[][] {
    if (!Array.isArray(data) || !data.every(Array.isArray)) {
      throw new Error(
        `The parameters (${describe(data)}) don't match the method signature for SpreadsheetApp.Range.${method}.`,
      );
    }
    if (data.length !== this.rect.rows) {
      throw new Error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this.rect.rows}.`,
      );
    }
    for (const line of data) {
      if (line.length !== this.rect.cols) {
        throw new Error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${line.length} but the range has ${this.rect.cols}.`,
        );
      }
    }
  }
  private meta(row: number, col: number): CellMeta | undefined {
    return this.sm.cells.get(key(row, col));
  }
  private setMeta(row: number, col: number, patch: Partial<CellMeta>): void {
    const k = key(row, col);
    const m = { ...this.sm.cells.get(k), ...patch };
    for (const f of Object.keys(m) as (keyof CellMeta)[]) if (m[f] === undefined) delete m[f];
    if (Object.keys(m).length) this.sm.cells.set(k, m);
    else this.sm.cells.delete(k);
  }
  private eachMeta(patch: (row: number, col: number) => Partial<CellMeta>): this {
    this.grid((r, c) => this.setMeta(r, c, patch(r, c)));
    return this;
  }
  private eachMetaGrid<T>(data: unknown, method: string, f: (v: T) => Partial<CellMeta>): this {
    this.checkShape(data, method);
    const { row, col } = this.rect;
    return this.eachMeta((r, c) => f(data[r - row][c - col] as T));
  }
  /** Parse inputs the way Sheets does for setValue(s), write them in one batch, apply implied formats. */
  private writeValues(values: unknown[][]): void {
    checkLength(values);
    const { engine } = this.ctx;
    const validate = (f: string) => engine.hf.validateFormula(f);
    const inputs: CellInput[][] = values.map((line, i) =>
      line.map((v, j) => {
        const r = this.rect.row + i,
          c = this.rect.col + j;
        const { input, format } = parseInput(v, engine.locale, engine.timeZone, validate);
        const own = this.meta(r, c)?.format;
        if (format === 'date') {
          if (!isDateFormat(own)) this.setMeta(r, c, { format: defaultDateFormat(engine.locale) });
        } else if (format && !own) this.setMeta(r, c, { format });
        return input;
      }),
    );
    engine.write(this.sm, this.rect.row, this.rect.col, inputs);
  }

  // ---- position -------------------------------------------------------------------------------
  getA1Notation() {
    return rectA1(this.rect);
  }
  getRow() {
    return this.rect.row + 1;
  }
  getRowIndex() {
    return this.rect.row + 1;
  }
  getColumn() {
    return this.rect.col + 1;
  }
  getColumnIndex() {
    return this.rect.col + 1;
  }
  getNumRows() {
    return this.rect.rows;
  }
  getNumColumns() {
    return this.rect.cols;
  }
  getHeight() {
    return this.rect.rows;
  }
  getWidth() {
    return this.rect.cols;
  }
  getLastRow() {
    return this.rect.row + this.rect.rows;
  }
  getLastColumn() {
    return this.rect.col + this.rect.cols;
  }
  getSheet() {
    return this.ctx.sheet(this.sm);
  }
  getGridId() {
    return this.sm.gid;
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number) {
    const r: Rect = {
      row: this.rect.row + rowOffset,
      col: this.rect.col + columnOffset,
      rows: numRows ?? this.rect.rows,
      cols: numColumns ?? this.rect.cols,
    };
    checkBounds(this.sm, r);
    return this.ctx.range(this.sm, r);
  }
  getCell(row: number, column: number) {
    if (row < 1 || column < 1 || row > this.rect.rows || column > this.rect.cols)
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    return this.ctx.range(this.sm, { row: this.rect.row + row - 1, col: this.rect.col + column - 1, rows: 1, cols: 1 });
  }
  activate() {
    this.ctx.engine.active = this.sm;
    return this;
  }
  isBlank() {
    return this.grid((r, c) => this.ctx.engine.raw(this.sm, r, c) === null && !this.ctx.engine.isFormula(this.sm, r, c))
      .flat()
      .every(Boolean);
  }

  // ---- values and formulas ----------------------------------------------------------------------
  /** While the harness is pending, a cell computed by a custom function reads "Loading...", as during a recalculation. */
  private loading(r: number, c: number): boolean {
    return this.ctx.engine.pending && this.ctx.engine.computedByCustomFunction(this.sm, r, c);
  }
  getValues() {
    return this.grid((r, c) => (this.loading(r, c) ? LOADING : this.ctx.engine.value(this.sm, r, c)));
  }
  getValue() {
    const { row, col } = this.rect;
    return this.loading(row, col) ? LOADING : this.ctx.engine.value(this.sm, row, col);
  }
  getDisplayValues() {
    return this.grid((r, c) => (this.loading(r, c) ? LOADING : this.ctx.engine.display(this.sm, r, c)));
  }
  getDisplayValue() {
    const { row, col } = this.rect;
    return this.loading(row, col) ? LOADING : this.ctx.engine.display(this.sm, row, col);
  }
  getFormulas() {
    return this.grid((r, c) => this.ctx.engine.formula(this.sm, r, c));
  }
  getFormula() {
    return this.ctx.engine.formula(this.sm, this.rect.row, this.rect.col);
  }
  setValues(values: unknown[][]) {
    this.checkShape(values, 'setValues');
    this.writeValues(values);
    return this;
  }
  /** Every cell of the range gets the value; a formula's relative references shift per cell, as in Sheets. */
  setValue(value: unknown): this {
    if (typeof value === 'string' && value.startsWith('=') && value.length > 1) return this.setFormula(value);
    this.writeValues(this.grid(() => value));
    return this;
  }
  setFormulas(formulas: string[][]) {
    this.checkShape(formulas, 'setFormulas');
    this.writeValues(formulas.map((line) => line.map((f) => (f === null || f === undefined ? '' : String(f)))));
    return this;
  }
  setFormula(formula: string): this {
    const f = String(formula);
    if (!f.startsWith('=')) return this.setValue(f);
    this.writeValues(this.grid((r, c) => shiftFormula(f, r - this.rect.row, c - this.rect.col)));
    return this;
  }
  setFormulaR1C1(formula: string): this {
    const f = String(formula);
    if (!f.startsWith('=')) return this.setValue(f);
    this.writeValues(this.grid((r, c) => r1c1ToA1(f, r, c)));
    return this;
  }
  setFormulasR1C1(formulas: string[][]) {
    this.checkShape(formulas, 'setFormulasR1C1');
    const { row, col } = this.rect;
    this.writeValues(
      formulas.map((line, i) =>
        line.map((f, j) => {
          const text = f === null || f === undefined ? '' : String(f);
          return text.startsWith('=') ? r1c1ToA1(text, row + i, col + j) : text;
        }),
      ),
    );
    return this;
  }

  /**
   * copyTo(destination[, { contentsOnly, formatOnly }]): the cells (values, formulas, formats, notes,
   * validations), their conditional formats and merges, onto the destination's top-left corner;
   * a destination larger than one cell must be at least the size of this range.
   */
  copyTo(destination: unknown, options?: { contentsOnly?: boolean; formatOnly?: boolean }) {
    const dst = destination as { sm?: SheetModel; rect?: Rect } | null;
    if (!dst?.sm || !dst.rect || (options !== undefined && typeof options !== 'object'))
      throw new Error("The parameters don't match the method signature for SpreadsheetApp.Range.copyTo.");
    const single = dst.rect.rows === 1 && dst.rect.cols === 1;
    if (!single && (dst.rect.rows < this.rect.rows || dst.rect.cols < this.rect.cols))
      throw new Error('The coordinates or dimensions of the range are invalid.');
    checkBounds(dst.sm, { ...dst.rect, rows: this.rect.rows, cols: this.rect.cols });
    const only = options?.contentsOnly ? 'contents' : options?.formatOnly ? 'formats' : undefined;
    this.ctx.engine.copyRange(this.sm, this.rect, dst.sm, dst.rect.row, dst.rect.col, only);
    return this;
  }

  clearContent() {
    this.ctx.engine.clear(this.sm, this.rect);
    return this;
  }
  clearFormat() {
    return this.eachMeta(() => ({
      format: undefined,
      background: undefined,
      fontWeight: undefined,
      fontColor: undefined,
      fontSize: undefined,
      fontStyle: undefined,
      fontFamily: undefined,
      fontLine: undefined,
      hAlign: undefined,
      vAlign: undefined,
      wrap: undefined,
      wrapStrategy: undefined,
      border: undefined,
    }));
  }
  clearNote() {
    return this.eachMeta(() => ({ note: undefined }));
  }
  clearDataValidations() {
    return this.eachMeta(() => ({ validation: undefined }));
  }
  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    commentsOnly?: boolean;
    validationsOnly?: boolean;
    skipFilteredRows?: boolean;
  }) {
    const o = options ?? {};
    const only = o.contentsOnly || o.formatOnly || o.commentsOnly || o.validationsOnly;
    if (!only || o.contentsOnly) this.clearContent();
    if (!only || o.formatOnly) this.clearFormat();
    if (o.commentsOnly) this.clearNote();
    if (o.validationsOnly) this.clearDataValidations();
    return this;
  }

  // ---- formats ------------------------------------------------------------------------------------
  getNumberFormat() {
    return this.ctx.engine.numberFormat(this.sm, this.rect.row, this.rect.col);
  }
  getNumberFormats() {
    return this.grid((r, c) => this.ctx.engine.numberFormat(this.sm, r, c));
  }
  setNumberFormat(format: string) {
    return this.eachMeta(() => ({ format: format === AUTOMATIC || format === '' ? undefined : String(format) }));
  }
  setNumberFormats(formats: string[][]) {
    return this.eachMetaGrid<string>(formats, 'setNumberFormats', (f) => ({
      format: f === AUTOMATIC || !f ? undefined : String(f),
    }));
  }
  getBackground() {
    return this.meta(this.rect.row, this.rect.col)?.background ?? '#ffffff';
  }
  getBackgrounds() {
    return this.grid((r, c) => this.meta(r, c)?.background ?? '#ffffff');
  }
  setBackground(color: string | null) {
    return this.eachMeta(() => ({ background: color ? normalizeColor(color) : undefined }));
  }
  setBackgrounds(colors: (string | null)[][]) {
    return this.eachMetaGrid<string | null>(colors, 'setBackgrounds', (c) => ({
      background: c ? normalizeColor(c) : undefined,
    }));
  }
  setBackgroundRGB(r: number, g: number, b: number) {
    return this.setBackground(`#${[r, g, b].map((x) => x.toString(16).padStart(2, '0')).join('')}`);
  }
  getFontColor() {
    return this.meta(this.rect.row, this.rect.col)?.fontColor ?? '#000000';
  }
  getFontColors() {
    return this.grid((r, c) => this.meta(r, c)?.fontColor ?? '#000000');
  }
  setFontColor(color: string | null) {
    return this.eachMeta(() => ({ fontColor: color ? normalizeColor(color) : undefined }));
  }
  setFontColors(colors: (string | null)[][]) {
    return this.eachMetaGrid<string | null>(colors, 'setFontColors', (c) => ({
      fontColor: c ? normalizeColor(c) : undefined,
    }));
  }
  getFontWeight() {
    return this.meta(this.rect.row, this.rect.col)?.fontWeight ?? 'normal';
  }
  getFontWeights() {
    return this.grid((r, c) => this.meta(r, c)?.fontWeight ?? 'normal');
  }
  setFontWeight(w: string | null) {
    return this.eachMeta(() => ({ fontWeight: w && w !== 'normal' ? w : undefined }));
  }
  setFontWeights(ws: (string | null)[][]) {
    return this.eachMetaGrid<string | null>(ws, 'setFontWeights', (w) => ({
      fontWeight: w && w !== 'normal' ? w : undefined,
    }));
  }
  getFontStyle() {
    return this.meta(this.rect.row, this.rect.col)?.fontStyle ?? 'normal';
  }
  setFontStyle(s: string | null) {
    return this.eachMeta(() => ({ fontStyle: s && s !== 'normal' ? s : undefined }));
  }
  setFontStyles(ss: (string | null)[][]) {
    return this.eachMetaGrid<string | null>(ss, 'setFontStyles', (s) => ({
      fontStyle: s && s !== 'normal' ? s : undefined,
    }));
  }
  getFontSize() {
    return this.meta(this.rect.row, this.rect.col)?.fontSize ?? 10;
  }
  setFontSize(n: number | null) {
    return this.eachMeta(() => ({ fontSize: n ?? undefined }));
  }
  setFontSizes(ns: (number | null)[][]) {
    return this.eachMetaGrid<number | null>(ns, 'setFontSizes', (n) => ({ fontSize: n ?? undefined }));
  }
  getFontFamily() {
    return this.meta(this.rect.row, this.rect.col)?.fontFamily ?? 'Arial';
  }
  setFontFamily(f: string | null) {
    return this.eachMeta(() => ({ fontFamily: f ?? undefined }));
  }
  getFontLine() {
    return this.meta(this.rect.row, this.rect.col)?.fontLine ?? 'none';
  }
  setFontLine(l: string | null) {
    return this.eachMeta(() => ({ fontLine: l && l !== 'none' ? l : undefined }));
  }
  getHorizontalAlignment() {
    return this.meta(this.rect.row, this.rect.col)?.hAlign ?? 'general';
  }
  getHorizontalAlignments() {
    return this.grid((r, c) => this.meta(r, c)?.hAlign ?? 'general');
  }
  setHorizontalAlignment(a: string | null) {
    return this.eachMeta(() => ({ hAlign: a ?? undefined }));
  }
  setHorizontalAlignments(as: (string | null)[][]) {
    return this.eachMetaGrid<string | null>(as, 'setHorizontalAlignments', (a) => ({ hAlign: a ?? undefined }));
  }
  getVerticalAlignment() {
    return this.meta(this.rect.row, this.rect.col)?.vAlign ?? 'bottom';
  }
  setVerticalAlignment(a: string | null) {
    return this.eachMeta(() => ({ vAlign: a ?? undefined }));
  }
  setVerticalAlignments(as: (string | null)[][]) {
    return this.eachMetaGrid<string | null>(as, 'setVerticalAlignments', (a) => ({ vAlign: a ?? undefined }));
  }
  getWrap() {
    return this.meta(this.rect.row, this.rect.col)?.wrap ?? false;
  }
  setWrap(w: boolean) {
    return this.eachMeta(() => ({ wrap: w || undefined }));
  }
  setWraps(ws: boolean[][]) {
    return this.eachMetaGrid<boolean>(ws, 'setWraps', (w) => ({ wrap: w || undefined }));
  }
  setWrapStrategy(s: string) {
    return this.eachMeta(() => ({ wrapStrategy: String(s), wrap: String(s) === 'WRAP' || undefined }));
  }
  getWrapStrategy() {
    return this.meta(this.rect.row, this.rect.col)?.wrapStrategy ?? 'OVERFLOW';
  }
  setBorder(
    top: boolean | null,
    left: boolean | null,
    bottom: boolean | null,
    right: boolean | null,
    vertical: boolean | null,
    horizontal: boolean | null,
    color?: string | null,
    style?: string | null,
  ) {
    return this.eachMeta((r, c) => ({
      border: {
        ...this.meta(r, c)?.border,
        top,
        left,
        bottom,
        right,
        vertical,
        horizontal,
        color: color ? normalizeColor(color) : null,
        style: style ? String(style) : null,
      },
    }));
  }
  /** Not Apps Script: the border spec stored for the top-left cell (tests). */
  getBorder() {
    return this.meta(this.rect.row, this.rect.col)?.border ?? null;
  }

  // ---- notes ----------------------------------------------------------------------------------------
  getNote() {
    return this.meta(this.rect.row, this.rect.col)?.note ?? '';
  }
  getNotes() {
    return this.grid((r, c) => this.meta(r, c)?.note ?? '');
  }
  setNote(note: string | null) {
    return this.eachMeta(() => ({ note: note ? String(note) : undefined }));
  }
  setNotes(notes: (string | null)[][]) {
    return this.eachMetaGrid<string | null>(notes, 'setNotes', (n) => ({ note: n ? String(n) : undefined }));
  }

  // ---- data validation -----------------------------------------------------------------------------
  getDataValidation() {
    return this.validationAt(this.rect.row, this.rect.col);
  }
  getDataValidations() {
    return this.grid((r, c) => this.validationAt(r, c));
  }
  private validationAt(r: number, c: number) {
    const v = this.meta(r, c)?.validation;
    return v ? this.ctx.wrap(new DataValidation(this.ctx, v), 'DataValidation') : null;
  }
  setDataValidation(rule: { spec: ValidationSpec } | null) {
    return this.eachMeta(() => ({ validation: rule ? structuredClone(rule.spec) : undefined }));
  }
  setDataValidations(rules: ({ spec: ValidationSpec } | null)[][]) {
    return this.eachMetaGrid<{ spec: ValidationSpec } | null>(rules, 'setDataValidations', (v) => ({
      validation: v ? structuredClone(v.spec) : undefined,
    }));
  }

  // ---- merges ---------------------------------------------------------------------------------------
  merge() {
    return this.mergeRects([this.rect]);
  }
  mergeAcross() {
    return this.mergeRects(
      Array.from({ length: this.rect.rows }, (_, i) => ({ ...this.rect, row: this.rect.row + i, rows: 1 })),
    );
  }
  mergeVertically() {
    return this.mergeRects(
      Array.from({ length: this.rect.cols }, (_, j) => ({ ...this.rect, col: this.rect.col + j, cols: 1 })),
    );
  }
  private mergeRects(rects: Rect[]) {
    const overlaps = (a: Rect, b: Rect) =>
      a.row < b.row + b.rows && b.row < a.row + a.rows && a.col < b.col + b.cols && b.col < a.col + a.cols;
    this.sm.merges = this.sm.merges.filter((m) => !rects.some((r) => overlaps(m, r)));
    for (const r of rects) {
      if (r.rows * r.cols < 2) continue;
      // Sheets keeps the top-left value only.
      const rest: CellInput[][] = Array.from({ length: r.rows }, () => new Array<CellInput>(r.cols).fill(null));
      const f = this.ctx.engine.formula(this.sm, r.row, r.col);
      rest[0][0] = f ? { formula: f } : this.ctx.engine.raw(this.sm, r.row, r.col);
      this.ctx.engine.write(this.sm, r.row, r.col, rest);
      this.sm.merges.push({ ...r });
    }
    return this;
  }
  breakApart() {
    const inside = (m: Rect) =>
      m.row >= this.rect.row &&
      m.col >= this.rect.col &&
      m.row + m.rows <= this.rect.row + this.rect.rows &&
      m.col + m.cols <= this.rect.col + this.rect.cols;
    this.sm.merges = this.sm.merges.filter((m) => !inside(m));
    return this;
  }
  isPartOfMerge() {
    const r = this.rect;
    return this.sm.merges.some(
      (m) => m.row < r.row + r.rows && r.row < m.row + m.rows && m.col < r.col + r.cols && r.col < m.col + m.cols,
    );
  }
  getMergedRanges() {
    const r = this.rect;
    return this.sm.merges
      .filter(
        (m) => m.row < r.row + r.rows && r.row < m.row + m.rows && m.col < r.col + r.cols && r.col < m.col + m.cols,
      )
      .map((m) => this.ctx.range(this.sm, m));
  }

  // ---- developer metadata ------------------------------------------------------------------------
  /** Only a whole row (`3:3`) or a whole column (`A:A`) takes metadata; any other range throws, as in Sheets. */
  addDeveloperMetadata(...args: unknown[]) {
    addMetadata(this.ctx, dimensionOf(this.sm, this.rect), args);
    return this;
  }
  getDeveloperMetadata() {
    return metadataOfRange(this.ctx.engine, this.sm, this.rect).map((m) => metadataObject(this.ctx, m));
  }
  createDeveloperMetadataFinder() {
    return this.ctx.wrap(
      new DeveloperMetadataFinderImpl(this.ctx, { type: 'RANGE', sm: this.sm, rect: { ...this.rect } }),
      'DeveloperMetadataFinder',
    );
  }

  // ---- sorting ------------------------------------------------------------------------------------
  /**
   * sort(column), sort({ column, ascending }), sort([...]): rows of the range reordered by the given
   * columns (absolute positions); numbers before text, blanks last, ties keep their order. Cell formats
   * and the rows' developer metadata move with their rows.
   */
  sort(spec: unknown) {
    const specs = (Array.isArray(spec) ? spec : [spec]).map((x) => {
      const o = typeof x === 'number' ? { column: x, ascending: true } : (x as { column: number; ascending?: boolean });
      if (
        !o ||
        typeof o.column !== 'number' ||
        o.column < this.rect.col + 1 ||
        o.column > this.rect.col + this.rect.cols
      ) {
        throw new Error(`Sort column ${o?.column} is outside the range ${rectA1(this.rect)}.`);
      }
      return { col: o.column - 1, ascending: o.ascending !== false };
    });
    const { engine } = this.ctx;
    const rank = (v: unknown) =>
      v === null || v === '' ? 3 : typeof v === 'number' ? 0 : typeof v === 'boolean' ? 2 : 1;
    const order = Array.from({ length: this.rect.rows }, (_, i) => i);
    const at = (i: number, c: number) => engine.raw(this.sm, this.rect.row + i, c);
    order.sort((x, y) => {
      for (const { col, ascending } of specs) {
        const a = at(x, col);
        const b = at(y, col);
        const ra = rank(a);
        const rb = rank(b);
        if (ra === 3 || rb === 3) {
          if (ra !== rb) return ra - rb;
          continue;
        }
        const d =
          ra !== rb
            ? ra - rb
            : typeof a === 'number'
              ? (a as number) - (b as number)
              : String(a).localeCompare(String(b), undefined, { sensitivity: 'base' });
        if (d) return ascending ? d : -d;
      }
      return x - y;
    });
    engine.reorderRows(this.sm, this.rect, order);
    return this;
  }

  // ---- protection --------------------------------------------------------------------------------
  protect() {
    const spec = {
      id: Date.now() + this.sm.protections.length,
      rect: { ...this.rect },
      description: '',
      warningOnly: false,
      editors: [],
      domainEdit: true,
    };
    this.sm.protections.push(spec);
    return this.ctx.wrap(new ProtectionImpl(this.ctx, this.sm, spec), 'Protection');
  }
}
