// The shared runner: reads each raw argument as its table entry says (coercion, defaults,
// bounds), calls the implementation, guards the output, and prefixes every error with the
// function's name. Apps Script passes ranges as 2D arrays, blank cells as "", omitted
// arguments as undefined, and dates as Date objects from another realm (no instanceof).
import { atMost, finite, isoDate, show, whole } from '../core/num';
import type { CellOut, FunctionSpec, Output, ParamSpec } from './types';

/** Largest result a function may build (cells). Sheets holds 10M cells per spreadsheet. */
export const MAX_CELLS = 1_000_000;

/** A rectangular range read cell by cell; `scalar` when the argument was a single value. */
export interface Grid<T> {
  rows: number;
  cols: number;
  cells: T[];
  scalar: boolean;
}

export type Num = number | '';

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
/** Blank: omitted, null, or text of spaces only. */
const isBlank = (v: unknown): boolean => v == null || (typeof v === 'string' && !v.trim());
const fail = (where: string, what: string, v: unknown): never => {
  throw new Error(`${where}: expected ${what}, received ${describe(v)}`);
};

/** What was received, for messages: 25, text "abc", TRUE, the date 2025-01-15, a 3×12 range. */
export function describe(v: unknown): string {
  if (typeof v === 'number') return show(v);
  if (typeof v === 'string') return v.trim() ? `text "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"` : 'a blank';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (isDate(v)) return Number.isNaN(v.getTime()) ? 'an invalid date' : `the date ${isoDate(v)}`;
  if (Array.isArray(v)) return `a ${v.length}×${Array.isArray(v[0]) ? v[0].length : 1} range`;
  return v == null ? 'nothing' : `a value of type ${typeof v}`;
}

/** Rows of a range argument: a 2D array as is, a flat array as one row, a value as 1×1. */
const rowsOf = (v: unknown): unknown[][] => (!Array.isArray(v) ? [[v]] : v.every(Array.isArray) ? v : [v]);

/** One cell as a number: '' for blank; numeric text ("25", "1.5e3", "25%") is read as a number. */
function toNumber(v: unknown, where: string): Num {
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return v;
    throw new Error(`${where}: ${show(v)} is not a valid number`);
  }
  if (isBlank(v)) return '';
  const t = typeof v === 'string' && /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(%?)\s*$/i.exec(v);
  const n = t ? Number(t[1]) / (t[2] ? 100 : 1) : NaN;
  return Number.isFinite(n) ? n : fail(where, 'a number', v);
}

/** One cell as TRUE/FALSE: booleans, numbers (0 is FALSE), text "TRUE"/"FALSE"; undefined for blank. */
function toBoolean(v: unknown, where: string): boolean | undefined {
  if (isBlank(v)) return undefined;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v !== 0;
  const t = String(v).trim().toUpperCase();
  return typeof v === 'string' && (t === 'TRUE' || t === 'FALSE') ? t === 'TRUE' : fail(where, 'TRUE or FALSE', v);
}

/**
 * The spreadsheet's time zone, looked up at most once per call and only when a Date argument is
 * present; undefined (use the script's zone) when there is no spreadsheet or no Utilities.
 */
interface CallContext {
  timeZone?: string | null;
}

function spreadsheetTimeZone(ctx: CallContext): string | null {
  if (ctx.timeZone === undefined) {
    try {
      const tz = SpreadsheetApp.getActiveSpreadsheet()?.getSpreadsheetTimeZone();
      ctx.timeZone = typeof tz === 'string' && tz && typeof Utilities !== 'undefined' ? tz : null;
    } catch {
      ctx.timeZone = null;
    }
  }
  return ctx.timeZone;
}

/**
 * A Date cell as the calendar day it shows in the spreadsheet's time zone (Sheets passes a date
 * cell as midnight there, which may be another day in the script's zone), as a local midnight.
 */
function calendarDay(d: Date, ctx: CallContext): Date {
  const tz = spreadsheetTimeZone(ctx);
  if (!tz) return d;
  let shown = '';
  try {
    shown = String(Utilities.formatDate(d, tz, 'yyyy-MM-dd'));
  } catch {
    ctx.timeZone = null; // no usable Utilities: the script's zone from here on
  }
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(shown);
  return m ? new Date(+m[1], +m[2] - 1, +m[3]) : d;
}

/** A date: a Date, a date serial (0 = 1899-12-30, up to 9999-12-31) or text YYYY-MM-DD; undefined for blank. */
function toDate(v: unknown, where: string, ctx: CallContext): Date | undefined {
  if (isDate(v) && !Number.isNaN(v.getTime())) return calendarDay(v, ctx);
  if (isBlank(v)) return undefined;
  if (typeof v === 'number' && v >= 0 && v <= 2_958_465) return new Date(1899, 11, 30 + Math.floor(v));
  const m = typeof v === 'string' && /^\s*(\d{4})-(\d\d?)-(\d\d?)\s*$/.exec(v);
  const d = m && new Date(+m[1], +m[2] - 1, +m[3]);
  return d && d.getMonth() === +m![2] - 1 ? d : fail(where, 'a date', v);
}

/** A value that must be one cell. */
function single(p: ParamSpec, v: unknown): unknown {
  if (Array.isArray(v)) throw new Error(`${p.name} must be a single value, received ${describe(v)}`);
  return v;
}

/** Every non-blank cell of a `vector`, row by row. */
function readVector(p: ParamSpec, v: unknown): number[] {
  const rows = rowsOf(v);
  let size = 0;
  for (const r of rows) size += r.length;
  if (size > MAX_CELLS) throw new Error(`${p.name} has ${size} cells; at most ${MAX_CELLS} are supported`);
  return rows
    .flat()
    .map((c) => toNumber(c, p.name))
    .filter((n): n is number => n !== '');
}

/** A `range` (or the rows of a `block`) cell by cell into a rectangular grid; ragged rows are padded with blanks. */
function readGrid(p: ParamSpec, v: unknown): Grid<unknown> {
  const rows = rowsOf(v);
  let cols = 0;
  for (const r of rows) cols = Math.max(cols, r.length);
  const size = rows.length * cols;
  if (size > MAX_CELLS)
    throw new Error(`${p.name} has ${rows.length}×${cols} cells; at most ${MAX_CELLS} are supported`);
  const cells = new Array<unknown>(size);
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < cols; c++) {
      const raw = rows[r][c];
      const where = size > 1 ? `${p.name} (row ${r + 1}, column ${c + 1})` : p.name;
      let cell: unknown;
      if (p.cell === 'boolean') cell = toBoolean(raw, where) ?? p.default;
      else if (p.cell) cell = isBlank(raw) ? '' : typeof raw === 'number' ? toNumber(raw, where) : raw;
      else {
        const n = toNumber(raw, where);
        cell = n;
        if (n !== '' && n <= p.above!)
          throw new Error(`${size > 1 ? `${where}:` : p.name} ${show(n)} must be above ${p.above}`);
      }
      cells[r * cols + c] = cell;
    }
  }
  return { rows: rows.length, cols, cells, scalar: !Array.isArray(v) };
}

/** One raw argument read as its parameter says; blanks and omitted values give the default. */
function coerce(p: ParamSpec, raw: unknown, ctx: CallContext = {}): unknown {
  // A 1×1 array is a single value (as Sheets passes a single-cell reference).
  const v = Array.isArray(raw) && raw.length === 1 && Array.isArray(raw[0]) && raw[0].length === 1 ? raw[0][0] : raw;
  let out: unknown;
  switch (p.type) {
    case 'number': {
      const n = toNumber(single(p, v), p.name);
      out = n === '' ? n : atMost(p.name, n, p.max ?? Infinity);
      break;
    }
    case 'count': {
      // An all-blank range of weights is blank: the default, like a blank cell.
      const n = p.weights && Array.isArray(v) ? readVector(p, v) : toNumber(single(p, v), p.name);
      out = typeof n === 'number' ? whole(p.name, n, p.min!, p.max!) : n.length ? n : '';
      break;
    }
    case 'vector': {
      const xs = readVector(p, v);
      out = xs.length ? xs : '';
      break;
    }
    case 'boolean':
      out = toBoolean(single(p, v), p.name);
      break;
    case 'date':
      out = toDate(single(p, v), p.name, ctx);
      break;
    case 'string': {
      const s = single(p, v);
      if (isBlank(s)) break;
      const key = typeof s === 'string' && s.trim().toLowerCase().split(/[-_]/)[0];
      if (key && p.choices!.includes(key)) return key;
      throw new Error(`${p.name} ${describe(s)} must be ${p.choices!.map((c) => `"${c}"`).join(' or ')}`);
    }
    default:
      // range, block: an omitted argument (or a blank optional one) is the default, an empty range is blank.
      out = isBlank(v) && !Array.isArray(raw) && (p.optional || v === undefined) ? '' : readGrid(p, v);
  }
  if (out !== '' && out !== undefined) return out;
  if (p.default !== undefined) return p.type === 'range' ? readGrid(p, p.default) : p.default;
  if (p.optional) return undefined;
  throw new Error(`${p.name} is required${p.type === 'date' ? ' (a date cell)' : ''}`);
}

/** Throws if a number in the result is not finite; -0 becomes 0. */
const cell = (x: CellOut): CellOut => (typeof x === 'number' ? finite(x) + 0 : (x ?? ''));

/** The custom function for a table entry: coerce, run, guard, prefix errors with `KPI_X: `. */
export function runner(spec: FunctionSpec): (...args: unknown[]) => Output {
  const run = spec.run as (...args: unknown[]) => Output;
  const max = spec.params.length;
  return (...args: unknown[]) => {
    try {
      let n = args.length;
      while (n > max && args[n - 1] === undefined) n--;
      if (n > max) throw new Error(`takes at most ${max} arguments, received ${n}`);
      const ctx: CallContext = {};
      const out = run(...spec.params.map((p, i) => coerce(p, args[i], ctx)));
      // Never an empty array or an empty row: Sheets shows those as an error.
      if (!Array.isArray(out)) return cell(out);
      return out.length && out.every((row) => row.length) ? out.map((row) => row.map(cell)) : '';
    } catch (e) {
      throw new Error(`${spec.name}: ${(e as Error)?.message ?? e}`);
    }
  };
}

// ---- block helpers used by the table ----

/** The cell of `g` for output position (r, c), stretching a single cell, row or column. */
export function at<T>(g: Grid<T>, r: number, c: number): T {
  return g.cells.length ? g.cells[(g.rows === 1 ? 0 : r) * g.cols + (g.cols === 1 ? 0 : c)] : ('' as T);
}

/**
 * Builds the result element by element over arguments that are each one cell, a block, or a
 * row/column of it: a single value when every argument was one, else rows.
 */
export function elementwise(args: [string, Grid<unknown>][], f: (r: number, c: number) => CellOut): Output {
  const used = args.filter(([, g]) => g.cells.length);
  const rows = Math.max(1, ...used.map(([, g]) => g.rows));
  const cols = Math.max(1, ...used.map(([, g]) => g.cols));
  for (const [name, g] of args) {
    if ((g.rows !== 1 && g.rows !== rows) || (g.cols !== 1 && g.cols !== cols)) {
      const [first] = args.find(([, h]) => h.rows === rows && h.cols === cols) ?? args[0];
      throw new Error(
        `${name} is ${g.rows}×${g.cols} but ${first} is ${rows}×${cols} — ` +
          'give ranges of the same shape, one column/row of it, or a single value',
      );
    }
  }
  if (rows * cols > MAX_CELLS)
    throw new Error(`the result would have ${rows}×${cols} cells; at most ${MAX_CELLS} are supported`);
  if (used.every(([, g]) => g.scalar)) return f(0, 0);
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => f(r, c)));
}
