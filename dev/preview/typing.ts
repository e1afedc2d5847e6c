// What a person typing into a Sheets cell means, as the value to write.
// Pure: used by the preview server for POST /api/range and unit-tested on its own.

/** A JSON cell value as the API receives it. */
export type Typed = string | number | boolean | null;
/** What gets written with `Range.setValues`: formulas stay strings starting with `=`. */
export type CellInput = string | number | boolean;

// Full-width digits and signs (an IME in Japanese mode types them) read as ASCII.
const normalise = (s: string): string =>
  s.replace(/[０-９．，％＋－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\u2212\u30fc]/g, '-');

// Optional sign, optional currency symbol, digits with optional thousands separators, decimals,
// exponent, optional % — what Sheets reads as a number when typed.
const NUMBER = /^([+-]?)\s*([¥￥$€£]?)\s*((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(e[+-]?\d+)?\s*(%?)$/i;

/**
 * Parse what a person typed: `=...` is a formula, `'...` text (the apostrophe kept, as Sheets
 * stores it: `Range.setValues` drops it), numbers with `,` separators, `%`, currency
 * symbols; `TRUE`/`FALSE`; blank clears the cell. Anything else is text.
 */
export function parseTyped(input: Typed): CellInput {
  if (input === null) return '';
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new Error(`not a finite number: ${input}`);
    return input;
  }
  if (typeof input === 'boolean') return input;
  if (typeof input !== 'string') throw new Error(`a cell value must be a string, number, boolean or null, got ${typeof input}`);
  if (input.startsWith("'")) return input; // literal text; Range.setValues strips the apostrophe
  const s = input.trim();
  if (s === '') return '';
  if (s.startsWith('=') && s.length > 1) return s;
  if (/^true$/i.test(s)) return true;
  if (/^false$/i.test(s)) return false;
  const m = NUMBER.exec(normalise(s));
  if (m) {
    const [, sign, , digits, exp = '', pct] = m;
    let n = Number(digits.replace(/,/g, '') + exp);
    if (sign === '-') n = -n;
    if (pct) n = Number((n / 100).toPrecision(15));
    if (Number.isFinite(n)) return n;
  }
  return input;
}

/** Validate a 2D `values` array from a request and parse every cell as typed. */
export function parseTypedBlock(values: unknown): CellInput[][] {
  if (!Array.isArray(values) || values.length === 0) throw new Error('"values" must be a non-empty 2D array, e.g. [["10%", "=A1*2"]]');
  const width = Array.isArray(values[0]) ? values[0].length : -1;
  return values.map((row: unknown, r) => {
    if (!Array.isArray(row)) throw new Error(`"values[${r}]" must be an array (a row of cells), got ${JSON.stringify(row)}`);
    if (row.length === 0 || row.length !== width) throw new Error(`"values" rows must all have the same non-zero length: row 0 has ${width}, row ${r} has ${row.length}`);
    return row.map((cell: unknown, c) => {
      try {
        return parseTyped(cell as Typed);
      } catch (e) {
        throw new Error(`"values[${r}][${c}]": ${(e as Error).message}`);
      }
    });
  });
}
