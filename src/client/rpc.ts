/**
 * A typed call over `google.script.run` (or the preview's shim with the same surface):
 * `call('buildWorkbook', plan)` is a Promise of the server's own BuildResult.
 */
import type { ServerApi, ServerFunction } from '../server/api';

/** The part of `google.script.run` the client uses. */
export interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
  [fn: string]: unknown;
}

/** `google.script.run`, or undefined outside Apps Script (and the preview). */
export function scriptRun(): ScriptRun | undefined {
  const g = (globalThis as { google?: { script?: { run?: ScriptRun } } }).google;
  return g?.script?.run;
}

/** An Error from whatever a failure handler got (Apps Script passes an Error-like object). */
export function toError(e: unknown): Error {
  if (e instanceof Error) return e;
  if (e && typeof e === 'object' && 'message' in e) return new Error(String((e as { message: unknown }).message));
  return new Error(String(e));
}

/** Calls server function `fn`; rejects with an Error whose message is the server's. */
export function call<K extends ServerFunction>(
  fn: K,
  ...args: Parameters<ServerApi[K]>
): Promise<ReturnType<ServerApi[K]>> {
  return new Promise((resolve, reject) => {
    const run = scriptRun();
    if (!run) return reject(new Error('google.script.run is not available'));
    const runner = run
      .withSuccessHandler((value) => resolve(value as ReturnType<ServerApi[K]>))
      .withFailureHandler((error) => reject(toError(error)));
    const method = runner[fn];
    if (typeof method !== 'function') return reject(new Error(`${fn} is not available`));
    (method as (...a: unknown[]) => void).apply(runner, args);
  });
}
