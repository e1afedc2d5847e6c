/**
 * Layout as data. A sheet is described as plain, serialisable data — blocks of cells with
 * their styles, plus sheet-level features (frozen panes, widths, hidden columns, named
 * ranges, data validation, conditional formatting, charts) — and applied to a Spreadsheet
 * by ONE writer (writer.ts) with a fixed number of batched service calls per sheet.
 *
 * Coordinates are 1-based (row 1, column 1 is A1), as in Apps Script.
 * No Apps Script globals here: specs are built and tested as pure data.
 */

/** A formula cell. `f` starts with `=`; it is written as is. */
export interface Formula {
  f: string;
}

/**
 * A cell's content:
 * - `string` — literal text, ALWAYS stored as text (never parsed as a formula, number or date;
 *   the writer prefixes an apostrophe), so user text like `=HYPERLINK(...)` or `+1` is safe;
 * - `number` / `boolean` — a value;
 * - `null` — left blank;
 * - `{ f: '=...' }` — a formula (only the spec author builds these, never from user text).
 */
export type Cell = string | number | boolean | null | Formula;

export type HAlign = 'left' | 'center' | 'right';

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  /** Font colour, `#rrggbb`. */
  color?: string;
  /** Cell background, `#rrggbb`. */
  background?: string;
  /** Sheets number format pattern, e.g. `#,##0`, `0%`, `"¥"#,##0`. */
  numberFormat?: string;
  align?: HAlign;
  fontSize?: number;
  wrap?: boolean;
  /** A cell note (the hover comment). */
  note?: string;
}

/**
 * A rectangle of cells starting at (row, col). `cells` gives the content (rows × columns);
 * without `cells` the block only styles `rows × cols` cells. `style` applies to every cell
 * of the block, `colStyles[j]` to column j of it (after `style`), `cellStyles[i][j]` to one
 * cell (last). Later blocks override earlier ones where they overlap.
 */
export interface Block {
  row: number;
  col: number;
  cells?: Cell[][];
  rows?: number;
  cols?: number;
  style?: CellStyle;
  colStyles?: (CellStyle | undefined)[];
  cellStyles?: (CellStyle | undefined)[][];
}

export interface RangeRef {
  row: number;
  col: number;
  rows?: number;
  cols?: number;
}

export type ValidationRule =
  /** A number ≥ min; `help` is the message shown when something else is typed (it is rejected). */
  | { kind: 'numberAtLeast'; min: number; help: string }
  /** A number between min and max (inclusive). */
  | { kind: 'numberBetween'; min: number; max: number; help: string }
  /** One of the values (a dropdown). */
  | { kind: 'list'; values: string[]; help: string }
  /** A checkbox (TRUE / FALSE). */
  | { kind: 'checkbox'; help: string };

export interface ValidationSpec {
  range: RangeRef;
  rule: ValidationRule;
}

/**
 * A conditional-format rule. `formula` is a custom formula written for the top-left cell of
 * `range` (relative references shift per cell, as in Sheets); one range per rule so the
 * relative references are unambiguous.
 */
export interface ConditionalFormatSpec {
  range: RangeRef;
  formula: string;
  background: string;
}

export type ChartType = 'column' | 'bar' | 'line' | 'combo';

export interface ChartSpec {
  type: ChartType;
  /** Data ranges on the same sheet; the first row of each is the header. */
  ranges: RangeRef[];
  /** Anchor cell of the chart's top-left corner. */
  at: { row: number; col: number };
  /**
   * Passed to `EmbeddedChartBuilder.setOption(key, value)` with the Charts reference's keys:
   * title, width, height, and nested objects such as `vAxis: { format: 'percent' }` (no dotted keys).
   */
  options: Record<string, ChartOption>;
}
/** A chart option's value: a value, or an object of them (`series: { 1: { type: 'line' } }`). */
export type ChartOption = string | number | boolean | { [key: string]: ChartOption };

export interface ColumnWidth {
  col: number;
  count?: number;
  width: number;
}

export interface NamedRangeSpec {
  name: string;
  range: RangeRef;
}

export interface SheetSpec {
  name: string;
  blocks: Block[];
  frozenRows?: number;
  frozenColumns?: number;
  columnWidths?: ColumnWidth[];
  hiddenColumns?: { col: number; count?: number }[];
  namedRanges?: NamedRangeSpec[];
  validations?: ValidationSpec[];
  conditionalFormats?: ConditionalFormatSpec[];
  charts?: ChartSpec[];
  tabColor?: string;
  /** Developer metadata on the sheet: the writer adds `sheetId` to each JSON value (identity.ts). */
  sheetMetadata?: { key: string; value: Record<string, unknown> }[];
  /** Developer metadata on whole rows: `value` under `key` (identity.ts). */
  rowMetadata?: { row: number; key: string; value: string }[];
  hiddenRows?: { row: number; count?: number }[];
}

// ---------------------------------------------------------------------------------------
// Small helpers for building specs and formulas.

/** A formula cell. */
export const f = (formula: string): Formula => ({ f: formula.startsWith('=') ? formula : `=${formula}` });

export const isFormula = (c: Cell): c is Formula => typeof c === 'object' && c !== null && 'f' in c;

/** Column letters for a 1-based column number: 1 → A, 27 → AA. */
export function colLetter(col: number): string {
  if (!Number.isInteger(col) || col < 1) throw new Error(`colLetter: column ${col} is not a whole number ≥ 1`);
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A1 notation of a range: `B3`, `B3:D7`; `abs` makes every part absolute (`$B$3`). */
export function a1(r: RangeRef, abs = false): string {
  const d = abs ? '$' : '';
  const rows = r.rows ?? 1;
  const cols = r.cols ?? 1;
  const tl = `${d}${colLetter(r.col)}${d}${r.row}`;
  if (rows === 1 && cols === 1) return tl;
  return `${tl}:${d}${colLetter(r.col + cols - 1)}${d}${r.row + rows - 1}`;
}

/** A sheet name quoted for formulas: `'Plan (2)'`, `'計画'` (quotes doubled). */
export const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** `'Sheet'!A1:B2`. */
export const ref = (sheet: string, r: RangeRef, abs = false): string => `${quoteSheet(sheet)}!${a1(r, abs)}`;

/** A string literal for a formula: `"a ""b"""`. */
export const str = (s: string): string => `"${s.replace(/"/g, '""')}"`;

const blockSize = (b: Block) =>
  b.cells
    ? { rows: b.cells.length, cols: Math.max(0, ...b.cells.map((r) => r.length)) }
    : { rows: b.rows ?? 1, cols: b.cols ?? 1 };

/** The resolved grid of a sheet: content and one style per cell over the bounding box. */
export interface Grid {
  rows: number;
  cols: number;
  cells: Cell[][];
  styles: CellStyle[][];
}

/** Lays the blocks onto one grid (later blocks win), as the writer will write it. */
export function toGrid(spec: SheetSpec): Grid {
  let rows = 1;
  let cols = 1;
  for (const b of spec.blocks) {
    const size = blockSize(b);
    rows = Math.max(rows, b.row + size.rows - 1);
    cols = Math.max(cols, b.col + size.cols - 1);
  }
  const cells: Cell[][] = Array.from({ length: rows }, () => Array<Cell>(cols).fill(null));
  const styles: CellStyle[][] = Array.from({ length: rows }, () => Array.from({ length: cols }, () => ({})));
  for (const b of spec.blocks) {
    const size = blockSize(b);
    for (let i = 0; i < size.rows; i++) {
      for (let j = 0; j < size.cols; j++) {
        const r = b.row - 1 + i;
        const c = b.col - 1 + j;
        if (b.cells) {
          const v = b.cells[i]?.[j];
          if (v !== undefined) cells[r][c] = v;
        }
        const s = styles[r][c];
        Object.assign(s, b.style, b.colStyles?.[j], b.cellStyles?.[i]?.[j]);
      }
    }
  }
  return { rows, cols, cells, styles };
}

/** Every formula of a spec (for tests and budgets). */
export function formulas(spec: SheetSpec): string[] {
  return toGrid(spec)
    .cells.flat()
    .filter(isFormula)
    .map((c) => c.f);
}

// ---------------------------------------------------------------------------------------
// Declared columns: a table is a list of column declarations, and everything (formulas,
// readers, widths, tests) addresses its columns through them, never by number.

/** One column of a table (or `span` adjacent ones, e.g. the 12 months) and how each row fills it. */
export interface ColumnDecl<Row, Head = unknown> {
  id: string;
  /** The header of column j (0 … span − 1) in a language; `head`: what the headers need (e.g. months). */
  header: (lang: 'en' | 'ja', j: number, head: Head) => string;
  /** Adjacent columns this declaration covers (default 1). */
  span?: number;
  /** Fixed width in pixels; without it the width fits the longest header in both languages. */
  width?: number;
  /** Other text the fitted width must hold on one line (e.g. labels above the table in these columns). */
  fits?: (lang: 'en' | 'ja') => string[];
  /** The narrowest the fitted width may be (default 70). */
  minWidth?: number;
  hidden?: boolean;
  /** Content of row `row`, column j of the span (absent: blank). */
  cell?: (row: Row, j: number) => Cell;
  style?: (row: Row, j: number) => CellStyle;
}

const LANGS = ['en', 'ja'] as const;
/** Pixels a header needs on one line: wide (CJK) characters count double. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffef]/.test(ch) ? 13 : 7;
  // Rounded up to 10 px: neighbours of about the same width share one width (and one write).
  return Math.ceil((w + 16) / 10) * 10;
}

export class Table<Row, Head = unknown> {
  private readonly starts = new Map<string, { col: number; span: number }>();
  constructor(
    readonly columns: ColumnDecl<Row, Head>[],
    /** What headers and widths read (the month names of a KPI table); none for the other tables. */
    readonly head = undefined as Head,
    /** The table's first column (1-based). */
    readonly firstCol = 1,
  ) {
    let col = firstCol;
    for (const c of columns) {
      if (this.starts.has(c.id)) throw new Error(`Table: column "${c.id}" is declared twice`);
      this.starts.set(c.id, { col, span: c.span ?? 1 });
      col += c.span ?? 1;
    }
  }

  /** The number of columns. */
  get width(): number {
    return this.columns.reduce((n, c) => n + (c.span ?? 1), 0);
  }

  has(id: string): boolean {
    return this.starts.has(id);
  }

  /** 1-based column of declaration `id` (its j-th column for a span). */
  index(id: string, j = 0): number {
    const at = this.start(id);
    if (!(j >= 0 && j < at.span)) throw new Error(`Table: column "${id}" has ${at.span} column(s), not ${j + 1}`);
    return at.col + j;
  }

  /** Column letter: `col('handTarget')` → `H`. */
  col(id: string, j = 0): string {
    return colLetter(this.index(id, j));
  }

  /** 0-based position within a row read back with getValues from the table's first column. */
  offset(id: string, j = 0): number {
    return this.index(id, j) - this.firstCol;
  }

  /** A declaration's columns over `rows` rows from `row`. */
  range(id: string, row: number, rows = 1): RangeRef {
    const at = this.start(id);
    return { row, col: at.col, rows, cols: at.span };
  }

  private start(id: string): { col: number; span: number } {
    const at = this.starts.get(id);
    if (!at) throw new Error(`Table: no column "${id}"`);
    return at;
  }

  /** One value per column, left to right: `value(c, j)` for the j-th column of declaration `c`. */
  private perColumn<T>(value: (c: ColumnDecl<Row, Head>, j: number) => T): T[] {
    return this.columns.flatMap((c) => Array.from({ length: c.span ?? 1 }, (_, j) => value(c, j)));
  }

  headers(lang: 'en' | 'ja'): string[] {
    return this.perColumn((c, j) => c.header(lang, j, this.head));
  }

  cells(rows: Row[]): Cell[][] {
    return rows.map((r) => this.perColumn((c, j) => c.cell?.(r, j) ?? null));
  }

  styles(rows: Row[]): CellStyle[][] {
    return rows.map((r) => this.perColumn((c, j) => c.style?.(r, j) ?? {}));
  }

  /** One width per shown declaration: fixed, or fitted to its longest header in English and Japanese. */
  widths(): ColumnWidth[] {
    return this.columns
      .filter((c) => !c.hidden)
      .map((c) => {
        const span = c.span ?? 1;
        const fitted = Math.max(
          c.minWidth ?? 70,
          ...LANGS.flatMap((lang) => Array.from({ length: span }, (_, j) => textWidth(c.header(lang, j, this.head)))),
          ...LANGS.flatMap((lang) => (c.fits?.(lang) ?? []).map(textWidth)),
        );
        return { col: this.index(c.id), count: span, width: c.width ?? fitted };
      });
  }

  /** The hidden declarations, adjacent ones together. */
  hidden(): { col: number; count: number }[] {
    const out: { col: number; count: number }[] = [];
    for (const c of this.columns.filter((x) => x.hidden)) {
      const col = this.index(c.id);
      const last = out[out.length - 1];
      if (last && last.col + last.count === col) last.count += c.span ?? 1;
      else out.push({ col, count: c.span ?? 1 });
    }
    return out;
  }

  /** Reads a row got with getValues (from the table's first column) into an object by column id. */
  read(values: unknown[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const c of this.columns) out[c.id] = values[this.offset(c.id)];
    return out;
  }
}
