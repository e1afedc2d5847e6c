// `google.script` for a sidebar or dialog shown in the preview. The HTML runs in a sandboxed
// iframe (an opaque origin, as Apps Script's own iframes are another origin than the sheet),
// so calls go to the parent page by postMessage; the page runs them through POST /api/run.
export {};

type Handler = (value: unknown, userObject?: unknown) => void;
interface Options {
  success?: Handler;
  failure?: Handler;
  userObject?: unknown;
}
interface Reply {
  kpiPreview: 'reply';
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

const pending = new Map<number, Options>();
let nextId = 1;

const post = (message: Record<string, unknown>) => window.parent.postMessage({ kpiPreview: true, ...message }, '*');

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent) return;
  const data = event.data as Reply;
  if (!data || data.kpiPreview !== 'reply' || !pending.has(data.id)) return;
  const opts = pending.get(data.id)!;
  pending.delete(data.id);
  if (data.ok) opts.success?.(data.result, opts.userObject);
  else if (opts.failure) opts.failure(new Error(data.error), opts.userObject);
  else console.error(`google.script.run: ${data.error}`);
});

/** Apps Script sends a form as an object of its fields. */
function serialise(arg: unknown): unknown {
  if (typeof HTMLFormElement !== 'undefined' && arg instanceof HTMLFormElement) {
    const out: Record<string, unknown> = {};
    new FormData(arg).forEach((v, k) => (out[k] = typeof v === 'string' ? v : null));
    return out;
  }
  return arg === undefined ? null : JSON.parse(JSON.stringify(arg));
}

function runner(opts: Options): unknown {
  const base: Record<string, unknown> = {
    withSuccessHandler: (f: Handler) => runner({ ...opts, success: f }),
    withFailureHandler: (f: Handler) => runner({ ...opts, failure: f }),
    withUserObject: (o: unknown) => runner({ ...opts, userObject: o }),
  };
  return new Proxy(base, {
    get(target, name) {
      if (typeof name !== 'string') return undefined;
      if (name in target) return target[name];
      if (name === 'then') return undefined; // not a thenable
      return (...args: unknown[]) => {
        const id = nextId++;
        pending.set(id, opts);
        let payload: unknown[];
        try {
          payload = args.map(serialise);
        } catch (e) {
          pending.delete(id);
          throw new Error(`google.script.run.${name}: arguments must be plain data (${(e as Error).message})`);
        }
        post({ type: 'run', id, fn: name, args: payload });
      };
    },
  });
}

const host = {
  close: () => post({ type: 'close' }),
  setHeight: (height: number) => post({ type: 'size', height }),
  setWidth: (width: number) => post({ type: 'size', width }),
  editor: { focus: () => post({ type: 'focus' }) },
  origin: location.origin,
};

(window as unknown as { google: unknown }).google = {
  script: {
    get run() {
      return runner({});
    },
    host,
    url: { getLocation: (cb: (l: unknown) => void) => cb({ hash: '', parameter: {}, parameters: {} }) },
  },
};

// An opaque origin has no storage; give the page a per-frame one rather than an exception.
try {
  void window.localStorage;
} catch {
  const memory = (): Storage => {
    const m = new Map<string, string>();
    return {
      get length() {
        return m.size;
      },
      key: (i: number) => [...m.keys()][i] ?? null,
      getItem: (k: string) => m.get(String(k)) ?? null,
      setItem: (k: string, v: string) => void m.set(String(k), String(v)),
      removeItem: (k: string) => void m.delete(String(k)),
      clear: () => m.clear(),
    };
  };
  for (const name of ['localStorage', 'sessionStorage']) {
    try {
      Object.defineProperty(window, name, { value: memory(), configurable: true });
    } catch {
      /* leave it */
    }
  }
}
