// The global entry points Apps Script sees, and nothing else. scripts/build.mjs turns
// `FUNCTIONS`/`functions` into documented custom-function stubs and every `entries`
// member into a top-level function of the same name.
export { FUNCTIONS, functions } from './functions';

export const entries = {};
