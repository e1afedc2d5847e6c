// Shapes of the declarative custom-function table (see table.ts). The build (stubs + JSDoc),
// the README reference, the runner (coercion, validation, errors) and the formula-engine
// registration all read these.

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
 * - `count`: a whole number within bounds (`weights`: or a range of weights instead).
 * - `boolean`, `date`, `string` (`choices`).
 */
export type ParamType = 'number' | 'range' | 'vector' | 'block' | 'count' | 'boolean' | 'date' | 'string';

export interface ParamSpec {
  /** Parameter name: also the stub's parameter and the JSDoc @param name. */
  name: string;
  type: ParamType;
  /** One-line help shown by Sheets autocomplete. */
  help: string;
  /** JSDoc type, e.g. `number` or `number[][]`. */
  jsType: string;
  optional?: boolean;
  /** Value used when the argument is omitted (`undefined`) or blank (`""`). */
  default?: number | boolean | string;
  /** How the default reads in the docs when it is computed (e.g. "the spreadsheet's locale"). */
  defaultText?: string;
  /** Inclusive bounds. */
  min?: number;
  max?: number;
  /** Exclusive lower bound (value must be above it). */
  above?: number;
  /** A conversion rate: in (0, 1]; above 1 the message suggests a percentage. */
  rate?: boolean;
  /** Above `max`, suggest the value was meant as a percentage. */
  percentHint?: boolean;
  /** What one value is called in messages ("conversion rate", "weight"). Defaults to `name`. */
  label?: string;
  /** Cell kind of a `range`/`block`: numbers (default), booleans or any value kept as is. */
  cell?: 'number' | 'boolean' | 'any';
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
  /** One line a marketer understands (JSDoc first line, autocomplete summary). */
  description: string;
  /** What it returns (JSDoc @return). */
  returns: string;
  params: ParamSpec[];
  /** The implementation, called with the coerced arguments in `params` order. */
  run: (...args: never[]) => Output;
}
