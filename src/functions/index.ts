// The KPI_* custom functions: the declarative table and, per name, the function Sheets calls
// (coercion, validation and errors by the shared runner). Pure definitions: no service calls.
import { runner } from './runner';
import { FUNCTIONS } from './table';
import type { Output } from './types';

export { FUNCTIONS };
export type { CellOut, Example, FunctionSpec, Output, ParamSpec, ParamType } from './types';

export const functions: Record<string, (...args: unknown[]) => Output> = Object.fromEntries(
  FUNCTIONS.map((spec) => [spec.name, runner(spec)]),
);
