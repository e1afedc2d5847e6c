/**
 * The one fake `google.script.run` of the browser tests (and `google.script.host.close`).
 * Each call is recorded in the page (`window.__scriptRun.calls`); its answer comes from a
 * canned response (`{ value }`, `{ error }`, or 'hold' to answer later with `settle`), else from
 * `server(fn, args)` in Node (e.g. the real add-on on the offline harness), else `undefined`.
 */
import type { Page } from 'playwright-core';

export type Outcome = { value: unknown } | { error: string };
export type Response = Outcome | 'hold';

export interface FakeScriptRunOptions {
  responses?: Record<string, Response>;
  /** Answers the calls with no canned response (runs in Node). */
  server?: (fn: string, args: unknown[]) => Outcome | Promise<Outcome>;
}

export interface RecordedCall {
  fn: string;
  args: unknown[];
}

/** Installs the fake before the page's own scripts run (call before `page.goto`). */
export async function fakeScriptRun(page: Page, options: FakeScriptRunOptions = {}): Promise<void> {
  const { server } = options;
  if (server) {
    await page.exposeFunction('__scriptRunServer', async (fn: string, args: unknown[]): Promise<Outcome> => {
      try {
        const outcome = await server(fn, args);
        return 'value' in outcome ? { value: JSON.parse(JSON.stringify(outcome.value ?? null)) } : outcome;
      } catch (e) {
        return { error: (e as Error).message };
      }
    });
  }
  await page.addInitScript(
    ({ responses, hasServer }: { responses: Record<string, Response>; hasServer: boolean }) => {
      type Handler = (v: unknown) => void;
      const w = window as unknown as Record<string, unknown>;
      const fake = {
        calls: [] as { fn: string; args: unknown[] }[],
        pending: [] as { fn: string; ok?: Handler; fail?: Handler }[],
        closed: false,
      };
      w.__scriptRun = fake;
      const answer = (fn: string, args: unknown[]): Promise<{ value?: unknown; error?: string }> => {
        const canned = responses[fn];
        if (canned && canned !== 'hold') return Promise.resolve(canned);
        if (hasServer) {
          const ask = w.__scriptRunServer as (f: string, a: unknown[]) => Promise<{ value?: unknown; error?: string }>;
          return ask(fn, args);
        }
        return Promise.resolve({ value: undefined });
      };
      const runner = (ok?: Handler, fail?: Handler): unknown =>
        new Proxy(
          {},
          {
            get: (_target, name: string) => {
              if (name === 'withSuccessHandler') return (f: Handler) => runner(f, fail);
              if (name === 'withFailureHandler') return (f: Handler) => runner(ok, f);
              if (name === 'withUserObject') return () => runner(ok, fail);
              return (...args: unknown[]) => {
                fake.calls.push({ fn: name, args: JSON.parse(JSON.stringify(args)) });
                if (responses[name] === 'hold') return void fake.pending.push({ fn: name, ok, fail });
                void answer(name, args).then((out) => {
                  setTimeout(() => {
                    if (out && typeof out === 'object' && 'error' in out) fail?.(new Error(out.error));
                    else
                      ok?.(out && typeof out === 'object' ? JSON.parse(JSON.stringify(out.value ?? null)) : undefined);
                  }, 5);
                });
              };
            },
          },
        );
      w.google = {
        script: {
          run: runner(),
          host: {
            close: () => {
              fake.closed = true;
            },
          },
        },
      };
    },
    { responses: options.responses ?? {}, hasServer: Boolean(server) },
  );
}

/** The calls the page made so far, oldest first. */
export const scriptRunCalls = (page: Page): Promise<RecordedCall[]> =>
  page.evaluate(() => (window as unknown as { __scriptRun: { calls: RecordedCall[] } }).__scriptRun.calls);

/** Whether the page called google.script.host.close(). */
export const hostClosed = (page: Page): Promise<boolean> =>
  page.evaluate(() => (window as unknown as { __scriptRun: { closed: boolean } }).__scriptRun.closed);

/** Answers the oldest held call to `fn`. */
export async function settle(page: Page, fn: string, outcome: Outcome): Promise<void> {
  await page.evaluate(
    ([name, result]) => {
      type Held = { fn: string; ok?: (v: unknown) => void; fail?: (v: unknown) => void };
      const fake = (window as unknown as { __scriptRun: { pending: Held[] } }).__scriptRun;
      const i = fake.pending.findIndex((p) => p.fn === name);
      if (i < 0) throw new Error(`no held call to ${name}`);
      const [held] = fake.pending.splice(i, 1);
      if ('error' in result) held.fail?.(new Error(result.error));
      else held.ok?.(result.value);
    },
    [fn, outcome] as const,
  );
}
