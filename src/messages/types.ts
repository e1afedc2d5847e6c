/** The shape of a catalogue: the keys of en.ts, each a string or a function of its parameters. */
import type { en, enPlanner } from './en';

/** Placeholder values: `{name}` in a string, or a function's argument. */
export type Params = Record<string, string | number>;

/** A catalogue part typed against its English one: a string stays a string, a function a function. */
type Shaped<T> = { [K in keyof T]: T[K] extends string ? string : (params: Params) => string };

/** The words the add-on's server side shows (menu, help, sheets, reports, health checks, errors). */
export type ServerKey = keyof typeof en;
export type ServerMessages = Shaped<typeof en>;
/** The words only the sidebar and the report dialog show (bundled with the browser code only). */
export type PlannerKey = keyof typeof enPlanner;
export type PlannerMessages = Shaped<typeof enPlanner>;

export type MessageKey = ServerKey | PlannerKey;
/** A whole catalogue: both parts. */
export type Messages = ServerMessages & PlannerMessages;
