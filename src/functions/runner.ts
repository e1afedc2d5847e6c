// The shared runner: reads each raw argument as its table entry says (coercion, defaults,
// bounds), calls the implementation, guards the output, and prefixes every error with the
// function's name. Apps Script passes ranges as 2D arrays, blank cells as "", omitted
// arguments as undefined, and dates as Date objects from another realm (no instanceof).
import { rateProblem, show, snap } from '../core/num';
import type { CellOut, FunctionSpec, Output, ParamSpec } from './types';

/** Largest result a function may build (cells). Sheets holds 10M cells per spreadsheet. */
export const MAX_CELLS = 1_000_000;

/** A rectangular range read cell by cell; `scalar` when the argument was a single value. */
export interface Grid<T> { rows: number; cols: number; cells: T[]; scalar: boolean }

export type Num = number | '';

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';
const isBlank = (v: unknown): boolean => v === '' || v === undefined || v === null;
const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?%?$/i;

export function isoDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return 'an invalid date';
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** What was received, for messages: 25, text "abc", TRUE, the date 2025-01-15, a 3×12 range. */
export function describe(v: unknown): string {
  if (typeof v === 'number') return show(v);
  if (typeof v === 'string') return v.trim() === '' ? 'a blank' : `text "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v === undefined || v === null) return 'nothing';
  if (isDate(v)) return `the date ${isoDate(v as Date)}`;
  if (Array.isArray(v)) return `a ${v.length}×${Array.isArray(v[0]) ? v[0].length : 1} range`;
  return `a value of type ${typeof v}`;
}

/** A 1×1 array is a single value (as Sheets passes a single-cell reference). */
function unwrap(v: unknown): unknown {
  return Array.isArray(v) && v.length === 1 && Array.isArray(v[0]) && v[0].length === 1 ? v[0][0] : v;
}

/** Rows of a range argument: a 2D array as is, a flat array as one row, a value as 1×1. */
function rowsOf(v: unknown): unknown[][] {
  if (!Array.isArray(v)) return [[v]];
  if (v.length === 0) return [];
  return v.every(Array.isArray) ? (v as unknown[][]) : [v];
}

/** Parses one cell as a number: '' for blank; numeric text ("25", "1.5e3", "25%") is read as a number. */
export function toNumber(v: unknown, where: string): Num {
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return v;
    throw new Error(`${where}: ${show(v)} is not a valid number`);
  }
  if (isBlank(v)) return '';
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return '';
    if (NUMERIC.test(t)) {
      const n = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
      if (Number.isFinite(n)) return n;
    }
  }
  throw new Error(`${where}: expected a number, received ${describe(v)}`);
}

/** Parses one cell as TRUE/FALSE: booleans, numbers (0 is FALSE), text "TRUE"/"FALSE"; undefined for blank. */
export function toBoolean(v: unknown, where: string): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (isBlank(v)) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v !== 0;
  if (typeof v === 'string') {
    const t = v.trim().toUpperCase();
    if (t === '') return undefined;
    if (t === 'TRUE' || t === 'FALSE') return t === 'TRUE';
  }
  throw new Error(`${where}: expected TRUE or FALSE, received ${describe(v)}`);
}

/** Sheets date serial 0 = 1899-12-30; serials up to 9999-12-31 are accepted. */
const MAX_SERIAL = 2_958_465;

export function toDate(v: unknown, where: string): Date | undefined {
  if (isDate(v)) {
    if (Number.isNaN((v as Date).getTime())) throw new Error(`${where}: received an invalid date`);
    return v as Date;
  }
  if (isBlank(v) || (typeof v === 'string' && v.trim() === '')) return undefined;
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_SERIAL) return new Date(1899, 11, 30 + Math.floor(v));
  const m = typeof v === 'string' ? /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(v) : null;
  if (m) {
    const d = new Date(+m[1], +m[2] - 1, +m[3]);
    if (d.getMonth() === +m[2] - 1) return d;
  }
  throw new Error(`${where}: expected a date, received ${describe(v)}`);
}

/** Throws when `x` breaks the parameter's bounds; `what` names the value ("conversion rate"). */
function checkBounds(p: ParamSpec, x: number, what: string): number {
  if (p.rate) {
    const problem = rateProblem(x, what);
    if (problem) throw new Error(problem);
    return x;
  }
  if (p.above !== undefined && !(x > p.above)) throw new Error(`${what} ${show(x)} must be above ${show(p.above)}`);
  if (p.min !== undefined && x < p.min) throw new Error(`${what} ${show(x)} is below ${show(p.min)}`);
  if (p.max !== undefined && x > p.max) {
    const hint = p.percentHint && x <= 1000 ? ` — enter it as ${show(x)}% or ${show(x / 100)}` : '';
    throw new Error(`${what} ${show(x)} is above ${show(p.max)}${hint}`);
  }
  return x;
}

function required(p: ParamSpec): Error {
  return new Error(`${p.name} is required${p.type === 'date' ? ' (a date; pass TODAY() for today)' : ''}`);
}

function single(p: ParamSpec, v: unknown): unknown {
  if (Array.isArray(v)) throw new Error(`${p.name} must be a single value, received ${describe(v)}`);
  return v;
}

function readCount(p: ParamSpec, v: unknown): number | undefined {
  const n = toNumber(single(p, v), p.name);
  if (n === '') return undefined;
  const k = snap(n);
  if (!Number.isInteger(k)) throw new Error(`${p.name} ${show(n)} must be a whole number`);
  if ((p.min !== undefined && k < p.min) || (p.max !== undefined && k > p.max)) {
    throw new Error(`${p.name} ${show(n)} must be a whole number from ${p.min} to ${p.max}`);
  }
  return k;
}

/** Reads a `vector`: every non-blank cell, row by row. */
function readVector(p: ParamSpec, v: unknown): number[] {
  const out: number[] = [];
  const what = p.label ?? p.name;
  for (const row of rowsOf(v)) {
    for (const cell of row) {
      const n = toNumber(cell, p.name);
      if (n !== '') out.push(checkBounds(p, n, what));
    }
  }
  return out;
}

/** Reads a `range` (or the rows of a `block`) cell by cell into a rectangular grid; ragged rows are padded with blanks. */
export function readGrid(p: ParamSpec, v: unknown): Grid<unknown> {
  const scalar = !Array.isArray(v);
  const rows = rowsOf(v);
  let cols = 0;
  for (const r of rows) cols = Math.max(cols, r.length);
  if (rows.length * cols > MAX_CELLS) throw new Error(`${p.name} has ${rows.length}×${cols} cells; at most ${MAX_CELLS} are supported`);
  const kind = p.cell ?? 'number';
  const cells = new Array<unknown>(rows.length * cols);
  const multi = rows.length * cols > 1;
  const what = p.label ?? p.name;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let c = 0; c < cols; c++) {
      const raw = row[c];
      const where = multi ? `${p.name} (row ${r + 1}, column ${c + 1})` : p.name;
      let cell: unknown;
      if (kind === 'number') {
        const n = toNumber(raw, where);
        cell = n === '' ? '' : checkBounds(p, n, multi ? `${where}:` : what);
      } else if (kind === 'boolean') {
        cell = toBoolean(raw, where) ?? p.default ?? false;
      } else {
        cell = anyCell(raw, where);
      }
      cells[r * cols + c] = cell;
    }
  }
  return { rows: rows.length, cols, cells, scalar };
}

/** A cell kept as is (for KPI_LAG): numbers must be finite, blanks become "". */
function anyCell(v: unknown, where: string): CellOut {
  if (isBlank(v)) return '';
  if (typeof v === 'number') return toNumber(v, where);
  if (typeof v === 'string' || typeof v === 'boolean' || isDate(v)) return v as CellOut;
  throw new Error(`${where}: unsupported value, received ${describe(v)}`);
}

function readString(p: ParamSpec, v: unknown): string | undefined {
  v = single(p, v);
  if (isBlank(v) || (typeof v === 'string' && v.trim() === '')) return undefined;
  if (typeof v !== 'string') throw new Error(`${p.name}: expected text, received ${describe(v)}`);
  if (!p.choices) return v;
  const key = v.trim().toLowerCase().split(/[-_]/)[0];
  if (p.choices.includes(key)) return key;
  throw new Error(`${p.name} ${describe(v)} must be ${p.choices.map((c) => `"${c}"`).join(' or ')}`);
}

/** One raw argument read as its parameter says; blanks and omitted values give the default. */
export function coerce(p: ParamSpec, raw: unknown): unknown {
  const v = unwrap(raw);
  let out: unknown;
  switch (p.type) {
    case 'number': {
      const n = toNumber(single(p, v), p.name);
      out = n === '' ? undefined : checkBounds(p, n, p.label ?? p.name);
      break;
    }
    case 'count':
      out = p.weights && Array.isArray(v) ? readVector({ ...p, min: 0, label: 'weight', max: undefined }, v) : readCount(p, v);
      break;
    case 'vector': {
      const xs = readVector(p, v);
      out = xs.length ? xs : undefined;
      break;
    }
    case 'range':
    case 'block': {
      if (isBlank(v) && !Array.isArray(raw) && (p.optional || v === undefined)) { out = undefined; break; }
      out = readGrid(p, v);
      break;
    }
    case 'boolean':
      out = toBoolean(single(p, v), p.name);
      break;
    case 'date':
      out = toDate(single(p, v), p.name);
      break;
    case 'string':
      out = readString(p, v);
      break;
  }
  if (out === undefined) {
    if (p.default !== undefined) return p.type === 'range' || p.type === 'block' ? readGrid(p, p.default) : p.default;
    if (!p.optional) throw required(p);
  }
  return out;
}

/** Throws if a number in the result is not finite; null/undefined become "". */
function guard(out: unknown): Output {
  const cell = (x: unknown): CellOut => {
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) throw new Error('result is too large to compute (overflow)');
      return x === 0 ? 0 : x;
    }
    return x === undefined || x === null ? '' : (x as CellOut);
  };
  if (!Array.isArray(out)) return cell(out);
  for (const row of out as unknown[][]) for (let i = 0; i < row.length; i++) row[i] = cell(row[i]);
  return out as CellOut[][];
}

/** The custom function for a table entry: coerce, run, guard, prefix errors with `KPI_X: `. */
export function runner(spec: FunctionSpec): (...args: unknown[]) => Output {
  const run = spec.run as (...args: unknown[]) => Output;
  return (...args: unknown[]) => {
    try {
      let n = args.length;
      while (n > spec.params.length && args[n - 1] === undefined) n--;
      if (n > spec.params.length) throw new Error(`takes at most ${spec.params.length} arguments, received ${n}`);
      return guard(run(...spec.params.map((p, i) => coerce(p, args[i]))));
    } catch (e) {
      const message = e && typeof (e as Error).message === 'string' ? (e as Error).message : String(e);
      throw new Error(`${spec.name}: ${message}`);
    }
  };
}

// ---- block helpers used by the table ----

/** Output shape of element-by-element arguments: each is one cell, or spans the block, or is a row/column of it. */
export function shapeOf(args: [string, Grid<unknown>][]): { rows: number; cols: number; scalar: boolean } {
  let rows = 1, cols = 1, scalar = true;
  for (const [, g] of args) {
    if (g.rows * g.cols === 0) continue;
    rows = Math.max(rows, g.rows);
    cols = Math.max(cols, g.cols);
    scalar &&= g.scalar;
  }
  for (const [name, g] of args) {
    if ((g.rows !== 1 && g.rows !== rows) || (g.cols !== 1 && g.cols !== cols)) {
      const [first] = args.find(([, h]) => h.rows === rows && h.cols === cols) ?? args[0];
      throw new Error(`${name} is ${g.rows}×${g.cols} but ${first} is ${rows}×${cols} — give ranges of the same shape, one column/row of it, or a single value`);
    }
  }
  if (rows * cols > MAX_CELLS) throw new Error(`the result would have ${rows}×${cols} cells; at most ${MAX_CELLS} are supported`);
  return { rows, cols, scalar };
}

/** The cell of `g` for output position (r, c), stretching a single cell, row or column. */
export function at<T>(g: Grid<T>, r: number, c: number): T {
  if (g.rows * g.cols === 0) return '' as T;
  return g.cells[(g.rows === 1 ? 0 : r) * g.cols + (g.cols === 1 ? 0 : c)];
}

/** Builds the result element by element: a single value when every argument was one, else rows. */
export function elementwise(args: [string, Grid<unknown>][], f: (r: number, c: number) => CellOut): Output {
  const { rows, cols, scalar } = shapeOf(args);
  if (scalar) return f(0, 0);
  const out: CellOut[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = new Array<CellOut>(cols);
    for (let c = 0; c < cols; c++) row[c] = f(r, c);
    out[r] = row;
  }
  return out;
}
