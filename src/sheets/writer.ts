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
import { type Cell, type CellStyle, type ConditionalFormatSpec, type Grid, type RangeRef, type SheetSpec, toGrid } from './spec';

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

/**
 * One batched Range setter per cell property: the method and the value for a style (the
 * defaults are what Apps Script itself reports, and accepts, for "Automatic").
 */
const SETTERS: [string, (s: CellStyle) => unknown][] = [
  ['setNumberFormats', (s) => s.numberFormat ?? '0.###############'],
  ['setFontWeights', (s) => (s.bold ? 'bold' : 'normal')],
  ['setFontStyles', (s) => (s.italic ? 'italic' : 'normal')],
  ['setFontColors', (s) => s.color ?? '#000000'],
  ['setFontSizes', (s) => s.fontSize ?? 10],
  ['setBackgrounds', (s) => s.background ?? '#ffffff'],
  ['setHorizontalAlignments', (s) => s.align ?? null],
  ['setWraps', (s) => s.wrap ?? false],
  ['setNotes', (s) => s.note ?? ''],
];

/** Grows the sheet to hold rows × cols (a new sheet has 1000 × 26, as in Sheets). */
function ensureSize(sheet: Sheet, rows: number, cols: number): void {
  const maxRows = sheet.getMaxRows();
  const maxCols = sheet.getMaxColumns();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  if (cols > maxCols) sheet.insertColumnsAfter(maxCols, cols - maxCols);
}

/** The spec's grid, with the sheet grown to hold it. */
function sized(sheet: Sheet, spec: SheetSpec): Grid {
  const grid = toGrid(spec);
  ensureSize(sheet, grid.rows, grid.cols);
  return grid;
}

/**
 * Writes one spec's cells and sheet-level formatting onto an (empty) sheet; `grid` when the
 * caller has already sized the sheet for it (writeSheets).
 */
export function writeContent(sheet: Sheet, spec: SheetSpec, grid = sized(sheet, spec)): void {
  const box = sheet.getRange(1, 1, grid.rows, grid.cols);
  box.setValues(grid.cells.map((row) => row.map(cellInput)));
  for (const [method, value] of SETTERS) (box as unknown as Record<string, (v: unknown[][]) => void>)[method](grid.styles.map((row) => row.map(value)));

  if (spec.frozenRows) sheet.setFrozenRows(spec.frozenRows);
  if (spec.frozenColumns) sheet.setFrozenColumns(spec.frozenColumns);
  for (const w of spec.columnWidths ?? []) sheet.setColumnWidths(w.col, w.count ?? 1, w.width);
  for (const h of spec.hiddenColumns ?? []) sheet.hideColumns(h.col, h.count ?? 1);
  for (const v of spec.validations ?? []) {
    let builder = SpreadsheetApp.newDataValidation();
    const rule = v.rule;
    if (rule.kind === 'numberAtLeast') builder = builder.requireNumberGreaterThanOrEqualTo(rule.min);
    else if (rule.kind === 'numberBetween') builder = builder.requireNumberBetween(rule.min, rule.max);
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
}

function buildRules(sheet: Sheet, specs: ConditionalFormatSpec[]): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
  return specs.map((s) => SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied(s.formula).setBackground(s.background).setRanges([range(sheet, s.range)]).build());
}

/**
 * Puts the spec's conditional-format rules back on a sheet: the user's own rules are kept,
 * earlier copies of ours (same formula) are replaced. One read and one write call.
 */
export function applyConditionalFormats(sheet: Sheet, specs: ConditionalFormatSpec[]): number {
  const ours = new Set(specs.map((s) => s.formula));
  // A rule of ours is one with the same custom formula (a gradient rule has no boolean condition).
  const kept = sheet.getConditionalFormatRules().filter((r) => !ours.has(r.getBooleanCondition()?.getCriteriaValues()[0] as string));
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
  const taken = takenNames(ss);
  const sheetNames = new Set(taken.sheets.map((n) => n.toLowerCase()));
  const rangeNames = new Set(taken.ranges.map((n) => n.toUpperCase()));
  for (const s of specs) {
    if (sheetNames.has(s.name.toLowerCase())) throw new Error(`writer: a sheet named "${s.name}" already exists`);
    for (const n of s.namedRanges ?? []) {
      if (rangeNames.has(n.name.toUpperCase())) throw new Error(`writer: a named range "${n.name}" already exists`);
    }
  }
  const created: Sheet[] = [];
  const grids: Grid[] = [];
  const named: string[] = [];
  try {
    // Sheets sized and named ranges defined first, so formulas find their names when written.
    for (const s of specs) {
      const sheet = ss.insertSheet(s.name, ss.getNumSheets());
      created.push(sheet);
      grids.push(sized(sheet, s));
      for (const n of s.namedRanges ?? []) {
        ss.setNamedRange(n.name, range(sheet, n.range));
        named.push(n.name);
      }
    }
    specs.forEach((s, i) => writeContent(created[i], s, grids[i]));
    return created;
  } catch (e) {
    for (const n of named) {
      try { ss.removeNamedRange(n); } catch { /* already gone */ }
    }
    for (const sh of created) {
      try { ss.deleteSheet(sh); } catch { /* already gone */ }
    }
    throw e;
  }
}
