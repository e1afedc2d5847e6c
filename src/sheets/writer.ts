/**
 * The ONE writer: applies SheetSpecs (spec.ts) to a Spreadsheet with a fixed number of
 * batched service calls per sheet — one bounding-box range and one call per property
 * (values, number formats, weights, styles, colours, sizes, backgrounds, alignments, notes),
 * plus one call per sheet-level item of the spec (widths, hidden columns, validations,
 * named ranges, charts) and one for all conditional-format rules. None of it grows with the
 * number of rows a block holds.
 *
 * It never overwrites: sheet names and named ranges must be free (pick them with
 * `freeSheetName` / `freeRangeSuffix`), and if anything fails midway, what this call created
 * is removed again. Locking is the caller's job (build.ts).
 */
import {
  type Cell,
  type CellStyle,
  type ColumnWidth,
  type ConditionalFormatSpec,
  type Grid,
  isFormula,
  type RangeRef,
  type SheetSpec,
  toGrid,
} from './spec';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/**
 * The value handed to `setValues` for a cell. Text always gets a leading apostrophe, which
 * Sheets reads as "this is text" and does not store: `=HYPERLINK(…)`, `+1`, `-1`, `@x`,
 * `0012`, `Apr 2026` stay exactly the text they are, never a formula, number or date.
 */
export function cellInput(c: Cell): string | number | boolean {
  if (c === null) return '';
  if (typeof c === 'string') return c === '' ? '' : `'${c}`;
  if (typeof c === 'number') {
    if (!Number.isFinite(c)) throw new Error(`writer: cell value ${c} is not a finite number`);
    return c;
  }
  if (typeof c === 'boolean') return c;
  return c.f;
}

const range = (sheet: Sheet, r: RangeRef): Range => sheet.getRange(r.row, r.col, r.rows ?? 1, r.cols ?? 1);

/** Sheets' limits: characters in one cell, characters in a sheet name. */
export const LIMITS = { cellChars: 50_000, sheetNameChars: 100 } as const;

/**
 * One batched Range setter per cell property over the sheet's whole grid: the method and the
 * value for a style (the defaults are what Apps Script itself reports for a plain cell). Number
 * formats are not among them: a plain cell keeps Sheets' Automatic format (see `rectangles`).
 */
const SETTERS: [string, (s: CellStyle) => unknown][] = [
  ['setFontWeights', (s) => (s.bold ? 'bold' : 'normal')],
  ['setFontStyles', (s) => (s.italic ? 'italic' : 'normal')],
  ['setFontColors', (s) => s.color ?? '#000000'],
  ['setFontSizes', (s) => s.fontSize ?? 10],
  ['setBackgrounds', (s) => s.background ?? '#ffffff'],
  ['setHorizontalAlignments', (s) => s.align ?? null],
  ['setWraps', (s) => s.wrap ?? false],
  ['setNotes', (s) => s.note ?? ''],
];

/** Rows and columns of a new sheet (Sheets and the harness): it is grown without asking. */
const NEW_SHEET = { rows: 1000, cols: 26 } as const;

/** Grows a sheet of `have` rows × columns to hold rows × cols. */
function grow(sheet: Sheet, have: { rows: number; cols: number }, rows: number, cols: number): void {
  if (rows > have.rows) sheet.insertRowsAfter(have.rows, rows - have.rows);
  if (cols > have.cols) sheet.insertColumnsAfter(have.cols, cols - have.cols);
}

/** A rectangle of the grid (0-based top-left, size). */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * The cells where `take` holds, covered by rectangles: each column's runs from one such cell
 * to the last one below it, across cells where `bridge` holds (blank cells inside a formula
 * column, such as a spilled array); side-by-side runs of the same rows are one rectangle. A
 * table whose rows all have the same shape gives the same rectangles for 5 rows or 500.
 */
export function rectangles(
  grid: Grid,
  take: (r: number, c: number) => boolean,
  bridge: (r: number, c: number) => boolean = () => false,
): Rect[] {
  const runs: Rect[] = [];
  for (let c = 0; c < grid.cols; c++) {
    let r = 0;
    while (r < grid.rows) {
      if (!take(r, c)) {
        r++;
        continue;
      }
      let last = r;
      for (let x = r + 1; x < grid.rows && (take(x, c) || bridge(x, c)); x++) if (take(x, c)) last = x;
      runs.push({ row: r, col: c, rows: last - r + 1, cols: 1 });
      r = last + 1;
    }
  }
  const out: Rect[] = [];
  for (const run of runs) {
    const left = out.find((o) => o.row === run.row && o.rows === run.rows && o.col + o.cols === run.col);
    if (left) left.cols++;
    else out.push({ ...run });
  }
  return out;
}

/** Everything one sheet's write needs, computed (and checked) before the first write. */
interface Prepared {
  spec: SheetSpec;
  grid: Grid;
  values: (string | number | boolean)[][];
  formulas: { rect: Rect; formulas: string[][] }[];
  formats: { rect: Rect; formats: string[][] }[];
}

/** The grid of a spec as setValues / setFormulas / setNumberFormats input; throws for a cell Sheets would refuse. */
export function prepare(spec: SheetSpec): Prepared {
  if ([...spec.name].length > LIMITS.sheetNameChars) {
    const shown = spec.name.slice(0, 40);
    throw new Error(`writer: the sheet name "${shown}…" is longer than Sheets' ${LIMITS.sheetNameChars} characters`);
  }
  const grid = toGrid(spec);
  const values = grid.cells.map((row, r) =>
    row.map((c, j) => {
      // What the cell holds (the apostrophe that marks text is not stored).
      const text = typeof c === 'string' ? c : isFormula(c) ? c.f : '';
      if (text.length > LIMITS.cellChars) {
        throw new Error(
          `writer: cell R${r + 1}C${j + 1} of "${spec.name}" has ${text.length} characters; ` +
            `Sheets allows at most ${LIMITS.cellChars.toLocaleString('en')} in a cell`,
        );
      }
      return isFormula(c) ? '' : cellInput(c);
    }),
  );
  /** The rectangle's cells of the grid, each as `pick` gives it. */
  const inRect = <T>(rect: Rect, pick: (r: number, c: number) => T): T[][] =>
    Array.from({ length: rect.rows }, (_, i) =>
      Array.from({ length: rect.cols }, (_, j) => pick(rect.row + i, rect.col + j)),
    );
  const formulaAt = (r: number, c: number) => isFormula(grid.cells[r][c]);
  const blankAt = (r: number, c: number) => grid.cells[r][c] === null;
  const formulas = rectangles(grid, formulaAt, blankAt).map((rect) => ({
    rect,
    formulas: inRect(rect, (r, c) => {
      const cell = grid.cells[r][c];
      return isFormula(cell) ? cell.f : '';
    }),
  }));
  const formatAt = (r: number, c: number) => grid.styles[r][c].numberFormat !== undefined;
  const formats = rectangles(grid, formatAt).map((rect) => ({
    rect,
    formats: inRect(rect, (r, c) => grid.styles[r][c].numberFormat!),
  }));
  return { spec, grid, values, formulas, formats };
}

const at = (sheet: Sheet, rect: Rect): Range => sheet.getRange(rect.row + 1, rect.col + 1, rect.rows, rect.cols);

/**
 * Writes one spec's cells and sheet-level formatting onto an (empty) sheet: values with
 * setValues, then each formula rectangle with setFormulas, number formats only where the spec
 * gives one. `prepared` when the caller has already sized the sheet for it (writeSheets).
 */
export function writeContent(sheet: Sheet, spec: SheetSpec, prepared?: Prepared): void {
  let p = prepared;
  if (!p) {
    p = prepare(spec);
    grow(sheet, { rows: sheet.getMaxRows(), cols: sheet.getMaxColumns() }, p.grid.rows, p.grid.cols);
  }
  const { grid } = p;
  const box = sheet.getRange(1, 1, grid.rows, grid.cols);
  box.setValues(p.values);
  for (const x of p.formulas) at(sheet, x.rect).setFormulas(x.formulas);
  for (const x of p.formats) at(sheet, x.rect).setNumberFormats(x.formats);
  const setters = box as unknown as Record<string, (v: unknown[][]) => void>;
  for (const [method, value] of SETTERS) {
    const styleGrid = grid.styles.map((row) => row.map(value));
    // A new sheet already has the plain style: a property the spec never sets is not written.
    const plain = value({});
    if (prepared && styleGrid.every((row) => row.every((v) => v === plain))) continue;
    setters[method](styleGrid);
  }

  if (spec.frozenRows) sheet.setFrozenRows(spec.frozenRows);
  if (spec.frozenColumns) sheet.setFrozenColumns(spec.frozenColumns);
  for (const w of mergedWidths(spec.columnWidths ?? [])) sheet.setColumnWidths(w.col, w.count, w.width);
  for (const h of spec.hiddenColumns ?? []) sheet.hideColumns(h.col, h.count ?? 1);
  for (const h of spec.hiddenRows ?? []) sheet.hideRows(h.row, h.count ?? 1);
  for (const v of spec.validations ?? []) {
    let builder = SpreadsheetApp.newDataValidation();
    const rule = v.rule;
    if (rule.kind === 'numberAtLeast') builder = builder.requireNumberGreaterThanOrEqualTo(rule.min);
    else if (rule.kind === 'numberBetween') builder = builder.requireNumberBetween(rule.min, rule.max);
    else if (rule.kind === 'checkbox') builder = builder.requireCheckbox();
    else builder = builder.requireValueInList(rule.values, true);
    range(sheet, v.range).setDataValidation(builder.setAllowInvalid(false).setHelpText(rule.help).build());
  }
  if (spec.conditionalFormats?.length) sheet.setConditionalFormatRules(buildRules(sheet, spec.conditionalFormats));
  for (const c of spec.charts ?? []) {
    let chart = sheet.newChart().setChartType(Charts.ChartType[c.type.toUpperCase() as Uppercase<typeof c.type>]);
    for (const r of c.ranges) chart = chart.addRange(range(sheet, r));
    chart = chart.setPosition(c.at.row, c.at.col, 0, 0);
    for (const [k, val] of Object.entries(c.options)) chart = chart.setOption(k, val);
    sheet.insertChart(chart.build());
  }
  if (spec.tabColor) sheet.setTabColor(spec.tabColor);
  writeMetadata(sheet, spec);
}

/**
 * The spec's developer metadata (identity.ts): one call per entry, a fixed number per sheet
 * whatever the number of rows. Visible to this script project only.
 */
export function writeMetadata(sheet: Sheet, spec: SheetSpec): void {
  const project = SpreadsheetApp.DeveloperMetadataVisibility.PROJECT;
  const sheetId = sheet.getSheetId();
  for (const m of spec.sheetMetadata ?? [])
    sheet.addDeveloperMetadata(m.key, JSON.stringify({ ...m.value, sheetId }), project);
  for (const m of spec.rowMetadata ?? [])
    sheet.getRange(`${m.row}:${m.row}`).addDeveloperMetadata(m.key, m.value, project);
}

/** Adjacent columns of the same width as one setColumnWidths call. */
function mergedWidths(widths: ColumnWidth[]): Required<ColumnWidth>[] {
  const out: Required<ColumnWidth>[] = [];
  for (const w of widths) {
    const last = out[out.length - 1];
    if (last && last.width === w.width && last.col + last.count === w.col) last.count += w.count ?? 1;
    else out.push({ col: w.col, count: w.count ?? 1, width: w.width });
  }
  return out;
}

function buildRules(
  sheet: Sheet,
  specs: ConditionalFormatSpec[],
): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
  return specs.map((s) =>
    SpreadsheetApp.newConditionalFormatRule()
      .whenFormulaSatisfied(s.formula)
      .setBackground(s.background)
      .setRanges([range(sheet, s.range)])
      .build(),
  );
}

/**
 * Puts the spec's conditional-format rules back on a sheet: the user's own rules are kept,
 * earlier copies of ours (same formula) are replaced. One read and one write call.
 */
export function applyConditionalFormats(sheet: Sheet, specs: ConditionalFormatSpec[]): number {
  const ours = new Set(specs.map((s) => s.formula));
  // A rule of ours is one with the same custom formula (a gradient rule has no boolean condition).
  const kept = sheet
    .getConditionalFormatRules()
    .filter((r) => !ours.has(r.getBooleanCondition()?.getCriteriaValues()[0] as string));
  // Ours first: Sheets applies the first matching rule, and these must decide the colours.
  sheet.setConditionalFormatRules([...buildRules(sheet, specs), ...kept]);
  return specs.length;
}

/** `base`, else `base (2)`, `base (3)`, … — the first name no sheet uses (case-insensitive, as Sheets). */
export function freeSheetName(taken: Iterable<string>, base: string): string {
  const used = new Set([...taken].map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const name = `${base} (${i})`;
    if (!used.has(name.toLowerCase())) return name;
  }
}

/**
 * `''` when none of `names` is taken, else the first `_2`, `_3`, … suffix free for ALL of
 * them, so one build's ranges share one suffix and stay findable together.
 */
export function freeRangeSuffix(taken: Iterable<string>, names: string[]): string {
  const used = new Set([...taken].map((n) => n.toUpperCase()));
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? '' : `_${i}`;
    if (names.every((n) => !used.has(`${n}${suffix}`.toUpperCase()))) return suffix;
  }
}

/** The names of the spreadsheet's sheets and named ranges. */
export function takenNames(ss: Spreadsheet): { sheets: string[]; ranges: string[] } {
  return {
    sheets: ss.getSheets().map((s) => s.getName()),
    ranges: ss.getNamedRanges().map((n) => n.getName()),
  };
}

/**
 * Creates every sheet of `specs` (appended after the existing ones), their named ranges,
 * then writes their content. Refuses a taken sheet or range name before writing anything;
 * on any failure removes what it created and rethrows.
 */
export function writeSheets(ss: Spreadsheet, specs: SheetSpec[]): Sheet[] {
  // Every read first: a read after a write makes Apps Script flush its write buffer.
  const taken = takenNames(ss);
  const sheetNames = new Set(taken.sheets.map((n) => n.toLowerCase()));
  const rangeNames = new Set(taken.ranges.map((n) => n.toUpperCase()));
  for (const s of specs) {
    if (sheetNames.has(s.name.toLowerCase())) throw new Error(`writer: a sheet named "${s.name}" already exists`);
    for (const n of s.namedRanges ?? []) {
      if (rangeNames.has(n.name.toUpperCase())) throw new Error(`writer: a named range "${n.name}" already exists`);
    }
  }
  const prepared = specs.map(prepare);
  const created: Sheet[] = [];
  const named: string[] = [];
  try {
    // Sheets sized and named ranges defined first, so formulas find their names when written.
    specs.forEach((s, i) => {
      const sheet = ss.insertSheet(s.name, taken.sheets.length + i);
      created.push(sheet);
      grow(sheet, NEW_SHEET, prepared[i].grid.rows, prepared[i].grid.cols);
      for (const n of s.namedRanges ?? []) {
        ss.setNamedRange(n.name, range(sheet, n.range));
        named.push(n.name);
      }
    });
    specs.forEach((s, i) => writeContent(created[i], s, prepared[i]));
    return created;
  } catch (e) {
    for (const n of named) {
      try {
        ss.removeNamedRange(n);
      } catch {
        /* already gone */
      }
    }
    for (const sh of created) {
      try {
        ss.deleteSheet(sh);
      } catch {
        /* already gone */
      }
    }
    throw e;
  }
}
