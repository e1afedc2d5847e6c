// Shapes of the declarative custom-function table (see table.ts): what the runner needs at run
// time. The text (descriptions, help, examples) is in docs.ts, read only by the build and docs.

/** A value a custom function may return in one cell. "No value" is ''. */
export type CellOut = number | string | boolean | Date;
/** What a custom function returns: one value, or a 2D array of them (rows of cells). */
export type Output = CellOut | CellOut[][];

/**
 * How an argument is read:
 * - `number`: one number (a single cell).
 * - `range`: a number/boolean per cell, element by element; a single value or a range; ranges
 *   broadcast like a spreadsheet array formula (a single cell, a column or a row stretches over the block).
 * - `vector`: a list of numbers; a row, a column or a block (read row by row); blanks skipped.
 * - `block`: rows of cells kept in place (blanks are "no value"), for row-by-row functions.
 * - `count`: a whole number from `min` to `max` (`weights`: or a range of weights instead).
 * - `boolean`, `date`, `string` (`choices`).
 */
export type ParamType = 'number' | 'range' | 'vector' | 'block' | 'count' | 'boolean' | 'date' | 'string';

export interface ParamSpec<N extends string = string> {
  /** Parameter name: also the stub's parameter, the JSDoc @param name and the name in messages. */
  name: N;
  type: ParamType;
  optional?: boolean;
  /** Value used when the argument is omitted (`undefined`) or blank (`""`). */
  default?: number | boolean;
  /** Inclusive bounds of a `count`; `max` of a `number` (above it, the message suggests a percentage). */
  min?: number;
  max?: number;
  /** Exclusive lower bound (value must be above it). */
  above?: number;
  /** Cell kind of a `range`/`block`: numbers (default), booleans or any value kept as is. */
  cell?: 'boolean' | 'any';
  /** A `count` that also accepts a range of non-negative weights. */
  weights?: boolean;
  /** Allowed values of a `string` (case-insensitive; "ja_JP" is read as "ja"). */
  choices?: string[];
}

export interface Example {
  /** The formula as typed, e.g. `=KPI_TARGET(10000000, {0.4, 0.2}, 500000)`. */
  formula: string;
  /** What it shows. */
  result: string;
  /** The cells it reads or what the numbers mean. */
  note?: string;
}

export interface FunctionSpec {
  name: string;
  params: ParamSpec[];
  /** The implementation, called with the coerced arguments in `params` order. */
  run: (...args: never[]) => Output;
}
