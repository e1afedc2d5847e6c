/**
 * Rewriting a plan's own sheets in place (updateWorkbook): each sheet keeps its Sheet object, id,
 * name, tab position and protections, so formulas elsewhere that point into it keep pointing at it.
 *
 * - Everything is read first (`readSheet`): values, formulas, notes, the column-key row, sizes.
 * - A column whose column-key cell is blank is the user's (identity.ts). Its cells are taken out with
 *   the column (deleteColumns: references elsewhere to the add-on's columns move with them), the
 *   add-on's content is written from the spec with the one writer, and the user's columns go back
 *   after the same add-on column they followed (insertColumnsAfter: the new formulas and named
 *   ranges move with the insert, as Sheets does), each keyed row's cells on that key's new row.
 *   Notes the user put on add-on cells follow (row key, column key).
 * - A row without a key among the add-on's that the new spec has no row for is the user's
 *   (findUserRows): it is taken out too and inserted again after the keyed row it followed, last (the
 *   add-on's formulas and named ranges move with that insert, as when the user inserted it).
 * - Before the first write each sheet is copied (Sheet.copyTo, hidden); if any write throws,
 *   `rollback` undoes the row/column inserts and deletes, copies the cells back from the copy
 *   (Range.copyTo), puts back rules, sizes, hidden state, metadata and named ranges, then removes
 *   the copies — reading the sheets again on that failure path only.
 */
import { KEY_COLUMN, KeyedSheet, META } from './identity';
import { type Cell, type Grid, type SheetSpec, toGrid } from './spec';
import { cellInput, prepare, rectangles, writeContent } from './writer';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** Sheets' width of a column nobody resized. */
const DEFAULT_WIDTH = 100;

/** A run of adjacent user columns, as read: where it was, which add-on column it followed, its cells. */
interface UserRun {
  /** 0-based first column and count. */
  start: number;
  count: number;
  /** The declared ids of the add-on columns to its left, nearest first (it goes after the first still there). */
  after: string[];
  widths: number[];
  /** Its cells by row: the row's key ('' for a row without one) and the row's 0-based index. */
  rows: { key: string; row: number; values: unknown[]; formulas: string[]; notes: string[] }[];
}

/** One plan sheet before the update. */
export interface SheetBefore {
  sheet: Sheet;
  keyed: KeyedSheet;
  maxRows: number;
  maxCols: number;
  rules: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[];
  /** Per column (0-based): its column-key cell, '' for a user's column. */
  colIds: string[];
  runs: UserRun[];
  /** Notes on add-on cells, by row key and the column's first declared id. */
  cellNotes: { key: string; col: string; note: string }[];
  /** Per row (0-based): its key ('' for none), and every cell's note. */
  keys: string[];
  notes: string[][];
}

/** Reads one plan sheet (reads only). */
export function readSheet(sheet: Sheet): SheetBefore {
  const keyed = new KeyedSheet(sheet);
  const maxCols = sheet.getMaxColumns();
  const box = sheet.getDataRange();
  const notes = box.getNotes();
  const colIds = Array.from({ length: maxCols }, (_, c) =>
    keyed.keyRow < 0 ? KEY_COLUMN : String(keyed.values[keyed.keyRow]?.[c] ?? '').trim(),
  );
  const keyCol = keyed.col(KEY_COLUMN);
  const rowKey = (r: number) => {
    const k = keyCol === undefined ? '' : keyed.values[r]?.[keyCol];
    return typeof k === 'string' ? k : '';
  };
  const has = (r: number, c: number) =>
    (keyed.values[r]?.[c] ?? '') !== '' || !!keyed.formulas[r]?.[c] || !!notes[r]?.[c];
  const rowCount = keyed.values.length;
  const rowIndexes = Array.from({ length: rowCount }, (_, r) => r);
  // A user's column: a blank key cell, up to the last column holding something (so a gap stays a gap).
  const last = colIds.reduce((end, id, c) => (id || rowIndexes.some((r) => has(r, c)) ? c : end), -1);
  const isUser = (c: number) => keyed.keyRow >= 0 && !colIds[c] && c <= last;
  const runs: UserRun[] = [];
  for (let c = 0; c < maxCols; c++) {
    if (!isUser(c)) continue;
    const previous = runs.at(-1);
    if (previous && previous.start + previous.count === c) {
      previous.count++;
      continue;
    }
    const after = colIds
      .slice(0, c)
      .filter(Boolean)
      .reverse()
      .map((ids) => ids.split(' ')[0]);
    runs.push({ start: c, count: 1, after, widths: [], rows: [] });
  }
  for (const run of runs) {
    const cols = Array.from({ length: run.count }, (_, j) => run.start + j);
    run.widths = cols.map((c) => sheet.getColumnWidth(c + 1));
    for (let r = 0; r < rowCount; r++) {
      if (r === keyed.keyRow || !cols.some((c) => has(r, c))) continue;
      run.rows.push({
        key: rowKey(r),
        row: r,
        values: cols.map((c) => keyed.values[r]?.[c] ?? ''),
        formulas: cols.map((c) => keyed.formulas[r]?.[c] ?? ''),
        notes: cols.map((c) => notes[r]?.[c] ?? ''),
      });
    }
  }
  const cellNotes = notes.flatMap((line, r) =>
    line.flatMap((note, c) =>
      note && colIds[c] && rowKey(r) ? [{ key: rowKey(r), col: colIds[c].split(' ')[0], note }] : [],
    ),
  );
  return {
    sheet,
    keyed,
    maxRows: sheet.getMaxRows(),
    maxCols,
    rules: sheet.getConditionalFormatRules(),
    colIds,
    runs,
    cellNotes,
    keys: rowIndexes.map(rowKey),
    notes,
  };
}

/** What a rewrite does, computed before the first write (prepare throws for a cell Sheets refuses). */
export interface Rewrite {
  before: SheetBefore;
  spec: SheetSpec;
  prepared: ReturnType<typeof prepare>;
  /** Placed user runs: the column after which each goes (0 = first), and its cells on the new rows. */
  placed: { run: UserRun; after: number; cells: Map<number, UserRun['rows'][number]> }[];
  /** A keyed row's user cells whose key has no row now (a removed KPI). */
  dropped: { key: string; text: string }[];
  newKeyRow: number;
  /** The user's rows inside the add-on's tables: the old row and the row it goes to (0-based, final). */
  userRows: { row: number; at: number; base: number }[];
}

/** Plans the in-place rewrite of `before` into `spec` (no call to Sheets). */
export function planRewrite(before: SheetBefore, spec: SheetSpec): Rewrite {
  // The user's notes on add-on cells go where the spec has none.
  const grid0 = toGrid(spec);
  const keyRowCells = grid0.cells[grid0.rows - 1] ?? [];
  const newIds = keyRowCells.map((c) => (typeof c === 'string' ? c.split(' ') : []));
  const colOf = (id: string) => newIds.findIndex((ids) => ids.includes(id));
  const keyCol = colOf(KEY_COLUMN);
  const newRows = new Map<string, number>();
  if (keyCol >= 0)
    grid0.cells.forEach((line, r) => {
      const k = line[keyCol];
      if (typeof k === 'string' && k && !newRows.has(k)) newRows.set(k, r);
    });
  const notes = before.cellNotes.flatMap(({ key, col, note }) => {
    const r = newRows.get(key);
    const c = colOf(col);
    if (r === undefined || c < 0 || grid0.styles[r][c].note) return [];
    return [{ row: r + 1, col: c + 1, rows: 1, cols: 1, style: { note } }];
  });
  const withNotes = notes.length ? { ...spec, blocks: [...spec.blocks, ...notes] } : spec;
  const prepared = prepare(withNotes);
  const dropped: Rewrite['dropped'] = [];
  const userRows = keyCol < 0 ? [] : findUserRows(before, grid0, keyCol, newRows);
  const isUserRow = new Set(userRows.map((u) => u.row));
  const placed = before.runs.map((run) => {
    const anchor = run.after.map(colOf).find((c) => c >= 0);
    const cells = new Map<number, UserRun['rows'][number]>();
    // Keyed rows first (on their key's new row), then the others on the row number they had.
    const own = run.rows.filter((x) => !isUserRow.has(x.row));
    const rows = [...own.filter((x) => x.key), ...own.filter((x) => !x.key)];
    for (const row of rows) {
      const r = row.key ? newRows.get(row.key) : row.row;
      if (r !== undefined && !cells.has(r) && r !== grid0.rows - 1) cells.set(r, row);
      else {
        const text = row.formulas.map((f, j) => f || String(row.values[j] ?? '')).filter(Boolean);
        dropped.push({ key: row.key, text: text.join(' / ') });
      }
    }
    return { run, after: anchor === undefined ? 0 : anchor + 1, cells };
  });
  return { before, spec: withNotes, prepared, placed, dropped, newKeyRow: grid0.rows, userRows };
}

/**
 * The rows a user inserted among the add-on's: a row without a key, in a run of such rows that has
 * more of them than the new spec has there (matched by their constant text, formulas aside). Each
 * goes after the keyed row it followed (the nearest one still there), as many rows below it as it was.
 */
function findUserRows(before: SheetBefore, grid: Grid, keyCol: number, newRows: Map<string, number>) {
  const { keys, keyed, colIds } = before;
  const addonCols = colIds.flatMap((id, c) => (id ? [c] : []));
  const oldText = (r: number) =>
    addonCols
      .map((c) => (keyed.formulas[r]?.[c] ? '=' : String(keyed.values[r]?.[c] ?? '')))
      .filter(Boolean)
      .join('\t');
  const newText = (r: number) =>
    grid.cells[r]
      .map((c) => (c === null ? '' : typeof c === 'object' ? '=' : String(c)))
      .filter(Boolean)
      .join('\t');
  const specKey = (r: number) => (typeof grid.cells[r]?.[keyCol] === 'string' ? grid.cells[r][keyCol] : '');
  /** The spec's rows without a key next to row `from` (step 1: below it, -1: above it). */
  const specGap = (from: number, step: number) => {
    const out: string[] = [];
    for (let r = from + step; r >= 0 && r < grid.rows && !specKey(r); r += step) out.push(newText(r));
    return step > 0 ? out : out.reverse();
  };
  const found: number[] = [];
  for (let r = 0; r < keyed.keyRow; r++) {
    if (keys[r]) continue;
    let end = r;
    while (end < keyed.keyRow && !keys[end]) end++;
    const previous = r ? newRows.get(keys[r - 1]) : -1;
    const next = newRows.get(keys[end]);
    const expected = previous !== undefined ? specGap(previous, 1) : next !== undefined ? specGap(next, -1) : [];
    const unmatched: number[] = [];
    let j = 0;
    for (let i = r; i < end; i++) {
      const k = expected.indexOf(oldText(i), j);
      if (k >= 0) j = k + 1;
      else unmatched.push(i);
    }
    const extra = end - r - expected.length;
    if (extra > 0) found.push(...unmatched.slice(-extra));
    r = end;
  }
  const placed = found.map((row) => {
    let anchor = row - 1;
    while (anchor >= 0 && !(keys[anchor] && newRows.has(keys[anchor]))) anchor--;
    const between = keys.slice(anchor + 1, row).filter((k) => !k).length;
    return { row, base: anchor < 0 ? -1 : newRows.get(keys[anchor])!, offset: between + 1 };
  });
  placed.sort((a, b) => a.base - b.base || a.offset - b.offset);
  let last = -1;
  return placed.map((p) => {
    const shift = placed.filter((q) => q.base < p.base).length;
    last = Math.max(p.base + p.offset + shift, last + 1);
    return { row: p.row, at: last, base: p.base };
  });
}

/** The structural changes made so far (undone last-first) and the sheets made, for a rollback. */
export interface Journal {
  undo: (() => void)[];
  created: Sheet[];
  backups: { before: SheetBefore; copy: Sheet }[];
}

/** Copies each sheet (hidden) before the first write of the update. */
export function backUp(ss: Spreadsheet, befores: SheetBefore[], journal: Journal): void {
  for (const before of befores) {
    const copy = before.sheet.copyTo(ss);
    journal.backups.push({ before, copy });
    copy.hideSheet();
  }
}

/** Takes the user's columns, then rows, out of a sheet (their cells are in `before`). */
export function takeOutUserColumns(w: Rewrite, journal: Journal): void {
  const { sheet } = w.before;
  for (const run of [...w.before.runs].reverse()) {
    sheet.deleteColumns(run.start + 1, run.count);
    journal.undo.push(() =>
      run.start ? sheet.insertColumnsAfter(run.start, run.count) : sheet.insertColumnsBefore(1, run.count),
    );
  }
  takeOutUserRows(w, journal);
}

/** Takes the user's rows out of a sheet (all of them lie above the column-key row). */
function takeOutUserRows(w: Rewrite, journal: Journal): void {
  const { sheet } = w.before;
  for (const row of w.userRows.map((u) => u.row).sort((a, b) => b - a)) {
    sheet.deleteRows(row + 1, 1);
    journal.undo.push(() => (row ? sheet.insertRowsAfter(row, 1) : sheet.insertRowsBefore(1, 1)));
  }
}

/** Writes the add-on's content of one sheet in place (its user columns and rows are out). */
export function rewriteContent(w: Rewrite, journal: Journal): void {
  const { before, spec, prepared } = w;
  const { sheet } = before;
  const userCols = before.runs.reduce((n, r) => n + r.count, 0);
  const cols = before.maxCols - userCols;
  const maxRows = before.maxRows - w.userRows.length;
  const keyRow = before.keyed.keyRow - w.userRows.length;
  const all = sheet.getRange(1, 1, maxRows, cols);
  all.clear();
  all.clearNote();
  all.clearDataValidations();
  sheet.showColumns(1, cols);
  if (before.keyed.keyRow >= 0) sheet.showRows(keyRow + 1);
  if (before.rules.length && !spec.conditionalFormats?.length) sheet.setConditionalFormatRules([]);
  const { rows: needRows, cols: needCols } = prepared.grid;
  if (needRows > maxRows) {
    sheet.insertRowsAfter(maxRows, needRows - maxRows);
    journal.undo.push(() => sheet.deleteRows(maxRows + 1, needRows - maxRows));
  }
  if (needCols > cols) {
    sheet.insertColumnsAfter(cols, needCols - cols);
    journal.undo.push(() => sheet.deleteColumns(cols + 1, needCols - cols));
  }
  // The sheet keeps its tab colour, frozen panes and metadata entries (the column-key row's moves to the new row).
  const own = { tabColor: undefined, frozenRows: undefined, frozenColumns: undefined, sheetMetadata: [] };
  writeContent(sheet, { ...spec, ...own, rowMetadata: [] }, prepared);
  for (const m of spec.rowMetadata ?? []) {
    const row = sheet.getRange(`${m.row}:${m.row}`);
    if (before.keyed.keyMeta && m.key === META.cols) {
      if (m.row !== keyRow + 1) before.keyed.keyMeta.moveToRow(row);
    } else row.addDeveloperMetadata(m.key, m.value, SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
  }
}

/** Puts the user's columns back after the add-on columns they followed, their cells on their rows; then their rows. */
export function putBackUserColumns(w: Rewrite, journal: Journal): void {
  const { before } = w;
  const { sheet } = before;
  const copy = journal.backups.find((b) => b.before === before)!.copy;
  const order = w.placed.map((p, i) => ({ ...p, i })).sort((a, b) => b.after - a.after || b.i - a.i);
  for (const p of order) {
    if (p.after) sheet.insertColumnsAfter(p.after, p.run.count);
    else sheet.insertColumnsBefore(1, p.run.count);
    journal.undo.push(() => sheet.deleteColumns(p.after + 1, p.run.count));
  }
  // The rows the cells are written over: the old content and the new, so nothing stays on an old row.
  const placedRows = w.placed.flatMap((p) => [...p.cells.keys()].map((r) => r + 1));
  const rowsNow = Math.max(before.maxRows - w.userRows.length, w.prepared.grid.rows);
  const height = Math.min(rowsNow, Math.max(before.keyed.values.length, w.newKeyRow, ...placedRows));
  for (const p of order) {
    const col = runColumn(w, p.run);
    p.run.widths.forEach((width, j) => {
      if (width !== DEFAULT_WIDTH) sheet.setColumnWidth(col + j, width);
    });
    // The column's formats, validations and rules come from the copy (by row number), then its cells by row key.
    copy.getRange(1, p.run.start + 1, rowsNow, p.run.count).copyTo(sheet.getRange(1, col, rowsNow, p.run.count));
    const block = (f: (cell: UserRun['rows'][number], j: number) => unknown) =>
      Array.from({ length: height }, (_, i) =>
        Array.from({ length: p.run.count }, (_, j) => {
          const cell = p.cells.get(i);
          return cell ? f(cell, j) : '';
        }),
      );
    const values = block((c, j) => valueInput(c.values[j], c.formulas[j]));
    const range = sheet.getRange(1, col, height, p.run.count);
    range.setValues(values as unknown[][]);
    const formulas = block((c, j) => c.formulas[j]) as string[][];
    const grid = { rows: height, cols: p.run.count, cells: [], styles: [] };
    for (const rect of rectangles(
      grid,
      (r, c) => !!formulas[r][c],
      (r, c) => !formulas[r][c] && values[r][c] === '',
    )) {
      sheet
        .getRange(1 + rect.row, col + rect.col, rect.rows, rect.cols)
        .setFormulas(
          formulas.slice(rect.row, rect.row + rect.rows).map((l) => l.slice(rect.col, rect.col + rect.cols)),
        );
    }
    range.setNotes(block((c, j) => c.notes[j]) as string[][]);
  }
  putBackUserRows(w, journal);
}

/** A cell as read, to write again (a formula's cell is blank here: its formula is written after). */
function valueInput(v: unknown, formula: string | undefined): unknown {
  if (formula) return '';
  return v instanceof Date ? v : cellInput((v === '' ? null : v) as Cell);
}

/** Where a placed user run is now (1-based): after its column, behind the runs inserted before it. */
function runColumn(w: Rewrite, run: UserRun): number {
  const i = w.placed.findIndex((p) => p.run === run);
  const { after } = w.placed[i];
  const before = w.placed.filter((q, k) => q.after < after || (q.after === after && k < i));
  return after + 1 + before.reduce((n, q) => n + q.run.count, 0);
}

/**
 * Puts the user's rows back (the last change to the sheet: the add-on's formulas and named ranges
 * move with the inserts, as they did when the user inserted them), each cell in its column's new place.
 */
function putBackUserRows(w: Rewrite, journal: Journal): void {
  const { before } = w;
  const { sheet, keyed, colIds, notes } = before;
  if (!w.userRows.length) return;
  const grid = toGrid(w.spec);
  const ids = grid.cells[w.newKeyRow - 1].map((c) => (typeof c === 'string' ? c.split(' ') : []));
  const spills = spillAreas(grid);
  const runs = w.placed.map((p) => ({ p, col: runColumn(w, p.run) }));
  /** The new column (1-based) of an old one, 0 when it has none. */
  const newCol = (c: number): number => {
    const run = runs.find(({ p }) => c >= p.run.start && c < p.run.start + p.run.count);
    if (run) return run.col + c - run.p.run.start;
    const s = colIds[c] ? ids.findIndex((x) => x.includes(colIds[c].split(' ')[0])) : -1;
    return s < 0 ? 0 : s + 1 + runs.filter(({ p }) => p.after <= s).reduce((n, { p }) => n + p.run.count, 0);
  };
  const cols = colIds.map((_, c) => newCol(c));
  const width = Math.max(...cols);
  /** How many user columns are left of a new column (1-based): the spec's column is to - 1 - that. */
  const shiftOf = (to: number) => runs.filter(({ col }) => col < to).reduce((n, { p }) => n + p.run.count, 0);
  for (const { row, at, base } of w.userRows) {
    if (at) sheet.insertRowsAfter(at, 1);
    else sheet.insertRowsBefore(1, 1);
    journal.undo.push(() => sheet.deleteRows(at + 1, 1));
    const rowNotes: string[] = Array(width).fill('');
    // Only the cells holding something are written (a blank written into a spill would block it).
    cols.forEach((to, c) => {
      if (!to || (!keyed.formulas[row]?.[c] && spills.some((x) => x(base, to - 1 - shiftOf(to))))) return;
      const formula = keyed.formulas[row]?.[c];
      const value = valueInput(keyed.values[row]?.[c] ?? '', formula);
      const cell = sheet.getRange(at + 1, to);
      if (formula) cell.setFormulas([[formula]]);
      else if (value !== '') cell.setValues([[value]]);
      rowNotes[to - 1] = notes[row]?.[c] ?? '';
    });
    if (rowNotes.some(Boolean)) sheet.getRange(at + 1, 1, 1, width).setNotes([rowNotes]);
  }
}

/**
 * Where the spec's ARRAYFORMULAs spill (the blank cells right of and below each, up to the next cell): a
 * user row below a keyed row inside one is spilled over (its values there are the spill's, not the user's).
 */
function spillAreas(grid: Grid): ((row: number, col: number) => boolean)[] {
  const blank = (r: number, c: number) => grid.cells[r]?.[c] === null;
  return grid.cells.flatMap((line, r0) =>
    line.flatMap((cell, c0) => {
      if (!(cell && typeof cell === 'object' && /^=ARRAYFORMULA\(/i.test(cell.f))) return [];
      let r1 = r0;
      while (blank(r1 + 1, c0)) r1++;
      let c1 = c0;
      while (blank(r0, c1 + 1)) c1++;
      return [(row: number, col: number) => row >= r0 && row < r1 && col >= c0 && col <= c1];
    }),
  );
}

/**
 * Puts every backed-up sheet back as it was and removes what the update made, then the copies.
 * Reads the sheets again (this is the failure path: the update is over).
 */
export function rollback(ss: Spreadsheet, journal: Journal, restore: (() => void)[]): void {
  const tries = (f: () => void) => {
    try {
      f();
    } catch {
      // go on with the rest: as much as can be put back is
    }
  };
  for (const undo of journal.undo.reverse()) tries(undo);
  for (const { before, copy } of journal.backups) tries(() => restoreSheet(before, copy));
  for (const f of restore) tries(f);
  for (const sheet of journal.created) tries(() => ss.deleteSheet(sheet));
  removeBackups(ss, journal);
}

function restoreSheet(before: SheetBefore, copy: Sheet): void {
  const { sheet } = before;
  const box = (s: Sheet): Range => s.getRange(1, 1, before.maxRows, before.maxCols);
  box(copy).copyTo(box(sheet));
  sheet.setConditionalFormatRules(before.rules);
  // Widths and hidden columns and rows as the copy has them (a width is set only where it changed:
  // one nobody set stays Sheets' default).
  sheet.showColumns(1, before.maxCols);
  sheet.showRows(1, before.maxRows);
  for (let c = 1; c <= before.maxCols; c++) {
    const width = copy.getColumnWidth(c);
    if (sheet.getColumnWidth(c) !== width) sheet.setColumnWidth(c, width);
    if (copy.isColumnHiddenByUser(c)) sheet.hideColumns(c);
  }
  for (let r = 1; r <= before.maxRows; r++) if (copy.isRowHiddenByUser(r)) sheet.hideRows(r);
  const { keyMeta, keyRow } = before.keyed;
  keyMeta?.moveToRow(sheet.getRange(`${keyRow + 1}:${keyRow + 1}`));
}

/** Deletes the backup copies (a copy that cannot be deleted is tried once more, then left). */
export function removeBackups(ss: Spreadsheet, journal: Journal): void {
  for (const { copy } of journal.backups) {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        ss.deleteSheet(copy);
        break;
      } catch {
        // try again once
      }
    }
  }
  journal.backups.length = 0;
}
