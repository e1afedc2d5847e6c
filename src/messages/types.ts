/** The shape of a catalogue: the keys of en.ts, each a string or a function of its parameters. */
import type { en } from './en';

/** Placeholder values: `{name}` in a string, or a function's argument. */
export type Params = Record<string, string | number>;

export type MessageKey = keyof typeof en;

/** A catalogue: every key of the English one; a string stays a string, a function a function. */
export type Messages = {
  [K in MessageKey]: (typeof en)[K] extends string ? string : (params: Params) => string;
};
