// A1 notation helpers: column letters, parsing "Sheet!A1:B2" references, and shifting the
// relative references of a formula (for conditional-format custom formulas, as Sheets does).

/** A rectangle of cells, 0-based row/column, size in rows/columns. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export function colToLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function lettersToCol(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function cellA1(row: number, col: number): string {
  return `${colToLetters(col)}${row + 1}`;
}

export function rectA1(r: Rect): string {
  const start = cellA1(r.row, r.col);
  return r.rows === 1 && r.cols === 1 ? start : `${start}:${cellA1(r.row + r.rows - 1, r.col + r.cols - 1)}`;
}

/** Quote a sheet name for a formula or A1 reference when needed. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name)
    ? name
    : `'${name.replace(/'/g, "''")}'`;
}

/** Split "'My sheet'!A1:B2" into sheet name (or undefined) and the A1 part. */
export function splitSheet(ref: string): { sheet?: string; a1: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(ref.trim());
  if (!m) return { a1: ref.trim() };
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], a1: m[3] };
}

/**
 * Parse the A1 part of a reference ("B2", "A1:C3", "A:C", "2:4", "A2:C", with optional `$`).
 * Open ends are bounded by maxRows/maxCols. Returns undefined when it is not A1 notation.
 */
export function parseA1(a1: string, maxRows: number, maxCols: number): Rect | undefined {
  const s = a1.replace(/\$/g, '').toUpperCase();
  let m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+)?)?$/.exec(s);
  if (m) {
    const r1 = Number(m[2]) - 1,
      c1 = lettersToCol(m[1]);
    const c2 = m[3] ? lettersToCol(m[3]) : c1;
    const r2 = m[3] ? (m[4] ? Number(m[4]) - 1 : maxRows - 1) : r1;
    if (r1 < 0 || r2 < 0) return undefined;
    return norm(r1, c1, r2, c2);
  }
  m = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(s);
  if (m) return norm(0, lettersToCol(m[1]), maxRows - 1, lettersToCol(m[2]));
  m = /^(\d+):(\d+)$/.exec(s);
  if (m && Number(m[1]) > 0 && Number(m[2]) > 0) return norm(Number(m[1]) - 1, 0, Number(m[2]) - 1, maxCols - 1);
  return undefined;
}

function norm(r1: number, c1: number, r2: number, c2: number): Rect {
  const row = Math.min(r1, r2),
    col = Math.min(c1, c2);
  return { row, col, rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

export function contains(r: Rect, row: number, col: number): boolean {
  return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
}

/**
 * Shift every relative cell reference in a formula by (dRow, dCol), leaving `$`-anchored parts,
 * string literals, function names and named ranges alone. Used to evaluate a conditional-format
 * custom formula for each cell of its range, relative to the range's top-left cell.
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (!dRow && !dCol) return formula;
  return formula.replace(
    /("(?:[^"]|"")*")|(?<![A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g,
    (all, str: string | undefined, dc: string, letters: string, dr: string, digits: string) => {
      if (str !== undefined) return all;
      const col = dc ? letters : colToLetters(Math.max(0, lettersToCol(letters) + dCol));
      const row = dr ? digits : String(Math.max(1, Number(digits) + dRow));
      return `${dc}${col}${dr}${row}`;
    },
  );
}

/** Bound open ranges such as `C2:C` (Sheets accepts them, HyperFormula does not) to `C2:C<maxRows>`. */
export function boundOpenRanges(formula: string, maxRows: number): string {
  return formula.replace(
    /("(?:[^"]|"")*")|(\$?[A-Za-z]{1,3}\$?\d+:\$?[A-Za-z]{1,3})(?![A-Za-z0-9_$(!])/g,
    (all, str: string | undefined, range: string) => (str !== undefined ? all : `${range}${maxRows}`),
  );
}

/** The inverse of boundOpenRanges: ranges ending on the sheet's last row (`C2:C1000`) read open again (`C2:C`). */
export function reopenRanges(formula: string, maxRows: number): string {
  return formula.replace(
    /("(?:[^"]|"")*")|(\$?[A-Za-z]{1,3}\$?\d+:\$?[A-Za-z]{1,3})\$?(\d+)(?![A-Za-z0-9_$(!])/g,
    (all, str: string | undefined, range: string, row: string) =>
      str !== undefined || Number(row) !== maxRows ? all : range,
  );
}

/**
 * Rewrite the references of a formula the way Sheets does when rows/columns are inserted (count > 0)
 * or deleted (count < 0) at a 0-based index on one sheet: references at or after the index move,
 * ranges grow or shrink, a reference to a deleted cell becomes #REF!. `onEditedSheet` says whether an
 * unqualified reference points at the edited sheet; `editedSheet` is its name for qualified ones.
 */
export function adjustFormula(
  formula: string,
  editedSheet: string,
  onEditedSheet: boolean,
  axis: 'row' | 'col',
  index: number,
  count: number,
): string {
  const sheetRef = String.raw`(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!`;
  const cell = String.raw`(\$?)([A-Za-z]{1,3})(\$?)(\d+)`;
  const re = new RegExp(
    String.raw`("(?:[^"]|"")*")|(?<![A-Za-z0-9_.$'])(?:${sheetRef})?${cell}(?::(\$?)([A-Za-z]{1,3})(\$?)(\d+)?)?(?![A-Za-z0-9_(!])`,
    'g',
  );
  const removedEnd = index - count; // deletion removes [index, removedEnd)
  /** A 0-based position after the edit; undefined when it was deleted. */
  const moved = (p: number): number | undefined => {
    if (count > 0) return p >= index ? p + count : p;
    if (p < index) return p;
    return p >= removedEnd ? p + count : undefined;
  };
  return formula.replace(
    re,
    (
      all,
      str: string | undefined,
      quoted: string | undefined,
      bare: string | undefined,
      c1abs: string,
      c1: string,
      r1abs: string,
      r1: string,
      c2abs: string | undefined,
      c2: string | undefined,
      r2abs: string | undefined,
      r2: string | undefined,
    ) => {
      if (str !== undefined) return all;
      const sheet = quoted !== undefined ? quoted.replace(/''/g, "'") : bare;
      if (sheet !== undefined ? sheet.toLowerCase() !== editedSheet.toLowerCase() : !onEditedSheet) return all;
      const prefix = sheet !== undefined ? all.slice(0, all.indexOf('!') + 1) : '';
      const isRange = c2 !== undefined;
      const pos = (letters: string, digits: string | undefined) =>
        axis === 'row' ? (digits === undefined ? undefined : Number(digits) - 1) : lettersToCol(letters);
      const start = pos(c1, r1) as number;
      const end = isRange ? pos(c2 as string, r2) : start;
      if (end === undefined) return all; // an open range (C2:C) along rows stays open
      let newStart = moved(start);
      let newEnd = moved(end);
      if (isRange && count < 0) {
        if (newStart === undefined) newStart = end >= removedEnd ? index : undefined;
        if (newEnd === undefined) newEnd = start < index ? index - 1 : undefined;
        if (newStart !== undefined && newEnd !== undefined && newEnd < newStart) newStart = undefined;
      }
      if (newStart === undefined || newEnd === undefined) return `${prefix}#REF!`;
      const put = (abs: string, letters: string, rabs: string | undefined, digits: string | undefined, p: number) =>
        axis === 'row'
          ? `${abs}${letters}${rabs ?? ''}${digits === undefined ? '' : p + 1}`
          : `${abs}${colToLetters(p)}${rabs ?? ''}${digits ?? ''}`;
      const first = put(c1abs, c1, r1abs, r1, newStart);
      return isRange
        ? `${prefix}${first}:${put(c2abs as string, c2 as string, r2abs, r2, newEnd)}`
        : `${prefix}${first}`;
    },
  );
}
