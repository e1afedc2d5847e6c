// What a person typing into a cell means, as the value handed to Range.setValues.
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
 * What a person typed, as the string `Range.setValues` parses the way Sheets parses typing
 * (the harness, like Sheets, reads `=...` as a formula, `'...` as text, `1,234`, `10%`, dates
 * and TRUE/FALSE, and sets the matching number format). Here only what the harness would not
 * recognise is normalised: full-width digits and signs (a Japanese IME types them) and a
 * leading currency symbol. JSON numbers and booleans are written as they are; null clears.
 */
export function parseTyped(input: Typed): CellInput {
  if (input === null) return '';
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new Error(`not a finite number: ${input}`);
    return input;
  }
  if (typeof input === 'boolean') return input;
  if (typeof input !== 'string')
    throw new Error(`a cell value must be a string, number, boolean or null, got ${typeof input}`);
  if (input.startsWith("'") || input.startsWith('=')) return input;
  const m = NUMBER.exec(normalise(input.trim()));
  if (!m) return input;
  const [, sign, currency, digits, exp = '', pct] = m;
  if (!currency && normalise(input) === input) return input;
  return `${sign}${digits}${exp}${pct}`;
}

/** Validate a 2D `values` array from a request and parse every cell as typed. */
export function parseTypedBlock(values: unknown): CellInput[][] {
  if (!Array.isArray(values) || values.length === 0)
    throw new Error('"values" must be a non-empty 2D array, e.g. [["10%", "=A1*2"]]');
  const width = Array.isArray(values[0]) ? values[0].length : -1;
  return values.map((row: unknown, r) => {
    if (!Array.isArray(row))
      throw new Error(`"values[${r}]" must be an array (a row of cells), got ${JSON.stringify(row)}`);
    if (row.length === 0 || row.length !== width)
      throw new Error(
        `"values" rows must all have the same non-zero length: row 0 has ${width}, row ${r} has ${row.length}`,
      );
    return row.map((cell: unknown, c) => {
      try {
        return parseTyped(cell as Typed);
      } catch (e) {
        throw new Error(`"values[${r}][${c}]": ${(e as Error).message}`);
      }
    });
  });
}
