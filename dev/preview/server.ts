// The offline preview server (`npm start`): the real built add-on on the harness's in-memory
// workbook, a JSON API, and a page that looks like a spreadsheet. Loopback only.
//
//   POST /api/run    { fn, args }       → { result, sidebars, dialogs, alerts, toasts }
//   GET  /api/range?ref=REF             → { ref, values, displayValues, formulas, backgrounds }
//   POST /api/range  { ref, values }    → writes as a person typing; answers like GET
//   GET  /api/workbook                  → { name, sheets: [{ name, rows, columns }], namedRanges: [{ name, ref }], menu }
//   GET  /api/sheet?name=NAME           → one sheet as the page draws it
//   POST /api/sheet  { name }           → makes it the active sheet (a tab clicked); answers { activeSheet }
//   GET  /ui/<id>                       → a sidebar/dialog's HTML with the google.script shim
//
// Errors are `{ error }`: 400 malformed request, 403 a function the add-on does not expose,
// 404 unknown range/sheet/page, 405 method, 413 body or range too large, 422 an error thrown
// by the add-on (its message), 500 a bug in the preview itself.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildSync } from 'esbuild';
import { HttpError, readJson, sendJson, sendText } from './http';
import { DataFileError, PreviewSession } from './session';

export interface PreviewOptions {
  port: number;
  host: string;
  dataFile: string;
  fresh: boolean;
  dist: string;
  locale: string;
  timeZone: string;
  /** The repository root (where dev/preview/ lives). */
  root: string;
  log: (message: string) => void;
}

export interface Preview {
  url: string;
  port: number;
  server: Server;
  session: PreviewSession;
  close(): Promise<void>;
}

const USAGE = `Usage: npm start -- [--port N] [--data FILE] [--fresh] [--locale ja_JP] [--time-zone Asia/Tokyo] [--dist DIR]
  --port N          port to listen on (default $PORT or 8080; 0 picks a free one)
  --data FILE       where the workbook is saved after every change (default .preview/workbook.json)
  --fresh           start with an empty workbook (an existing data file is kept as FILE.previous-<time>)
  --locale L        the spreadsheet's locale (default: the system's, from LC_ALL or LANG, else en_US)
  --time-zone TZ    the spreadsheet's time zone (default Asia/Tokyo)
  --dist DIR        the built add-on to run (default dist/, which npm start builds)`;

// Languages whose system locale may come without a country (LANG=ja): the spreadsheet locale to use.
const LOCALE_FOR_LANGUAGE: Record<string, string> = { ja: 'ja_JP', en: 'en_US' };

/** The spreadsheet locale for the system's (LC_ALL, else LANG): ja_JP.UTF-8 → ja_JP; C, POSIX or unset → en_US. */
export function systemLocale(env: NodeJS.ProcessEnv): string {
  const system = env.LC_ALL || env.LANG || '';
  const m = /^([a-z]{2,3})(?:_([A-Z]{2}))?(?:[.@]|$)/.exec(system);
  if (!m) return 'en_US';
  if (m[2]) return `${m[1]}_${m[2]}`;
  return LOCALE_FOR_LANGUAGE[m[1]] ?? 'en_US';
}

/** Command-line options; `--port` wins over `PORT`, `--locale` over the system's; relative paths are relative to `cwd`. */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv, root: string, cwd = process.cwd()): PreviewOptions {
  const opts: PreviewOptions = {
    port: 8080,
    host: '127.0.0.1',
    dataFile: join(root, '.preview', 'workbook.json'),
    fresh: false,
    dist: join(root, 'dist'),
    locale: systemLocale(env),
    timeZone: 'Asia/Tokyo',
    root,
    log: (m) => console.log(m),
  };
  const port = (v: string | undefined, from: string): number => {
    const n = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65535)
      throw new Error(`${from}: expected a port number 0–65535, got ${JSON.stringify(v)}`);
    return n;
  };
  if (env.PORT !== undefined && env.PORT !== '') opts.port = port(env.PORT, 'PORT');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return v;
    };
    if (flag === '--port') opts.port = port(value(), '--port');
    else if (flag === '--data') opts.dataFile = resolve(cwd, value());
    else if (flag === '--fresh') opts.fresh = true;
    else if (flag === '--locale') opts.locale = value();
    else if (flag === '--time-zone') opts.timeZone = value();
    else if (flag === '--dist') opts.dist = resolve(cwd, value());
    else if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  return opts;
}

/** The page's static files: an allow-list, nothing else is served from disk. */
function staticFiles(root: string): Map<string, { type: string; body: string }> {
  const dir = join(root, 'dev', 'preview');
  const bundle = (file: string) =>
    buildSync({
      entryPoints: [join(dir, file)],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2020',
      charset: 'utf8',
    }).outputFiles[0].text;
  return new Map([
    ['/', { type: 'text/html; charset=utf-8', body: readFileSync(join(dir, 'index.html'), 'utf8') }],
    ['/preview.css', { type: 'text/css; charset=utf-8', body: readFileSync(join(dir, 'preview.css'), 'utf8') }],
    ['/preview.js', { type: 'text/javascript; charset=utf-8', body: bundle('client.ts') }],
    ['/shim.js', { type: 'text/javascript; charset=utf-8', body: bundle('shim.ts') }],
  ]);
}

/** A sidebar's or dialog's HTML, with the google.script shim first so it exists before the page's scripts run. */
export function withShim(html: string, shim: string): string {
  const tag = `<script>${shim.replace(/<\/script/gi, '<\\/script')}</script>`;
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  return doctype ? doctype[0] + tag + html.slice(doctype[0].length) : tag + html;
}

export async function startPreview(opts: PreviewOptions): Promise<Preview> {
  const files = staticFiles(opts.root);
  const session = new PreviewSession({
    dist: opts.dist,
    dataFile: opts.dataFile,
    fresh: opts.fresh,
    locale: opts.locale,
    timeZone: opts.timeZone,
    log: opts.log,
  }).open();
  let origin = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://preview.invalid');
    // Only this page may drive the add-on: refuse other sites' requests (a browser sends their Origin)
    // and DNS-rebinding hosts.
    const host = String(req.headers.host ?? '');
    const port = new URL(origin).port;
    if (host && host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)
      throw new HttpError(403, `host ${host} is not this preview`);
    const from = req.headers.origin;
    if (from && from !== origin && from !== `http://localhost:${port}`)
      throw new HttpError(403, `requests from ${from} are not allowed`);
    if (req.method !== 'GET' && req.method !== 'POST' && req.method !== 'HEAD')
      throw new HttpError(405, `method ${req.method} is not allowed: use GET or POST`);
    const path = url.pathname;
    const post = req.method === 'POST';

    if (path.startsWith('/api/')) {
      if (path === '/api/run') {
        if (!post) throw new HttpError(405, 'use POST /api/run with { "fn": name, "args": [...] }');
        const body = await readJson(req);
        return sendJson(res, 200, session.run(body.fn, body.args ?? [], body.answers ?? []));
      }
      if (path === '/api/range') {
        if (post) {
          const body = await readJson(req);
          return sendJson(res, 200, session.writeRange(body.ref, body.values));
        }
        return sendJson(res, 200, session.readRange(url.searchParams.get('ref')));
      }
      if (path === '/api/workbook' && !post) return sendJson(res, 200, session.workbook());
      if (path === '/api/sheet') {
        if (post) return sendJson(res, 200, session.activate((await readJson(req)).name));
        return sendJson(res, 200, session.sheet(url.searchParams.get('name')));
      }
      throw new HttpError(post ? 405 : 404, `no API ${req.method} ${path}`);
    }
    if (post) throw new HttpError(405, `POST ${path} is not allowed`);
    const ui = /^\/ui\/(\d+)$/.exec(path);
    if (ui) {
      const surface = session.surfaceHtml(ui[1]);
      if (!surface)
        throw new HttpError(404, `no sidebar or dialog ${ui[1]} (it was closed long ago or the server restarted)`);
      // Sandboxed even when opened on its own: the add-on's HTML never gets this page's origin.
      // Framed by this page only.
      return sendText(res, 200, 'text/html; charset=utf-8', withShim(surface.html, files.get('/shim.js')!.body), {
        'Content-Security-Policy':
          "sandbox allow-scripts allow-forms allow-modals allow-popups allow-downloads; frame-ancestors 'self'",
        'X-Frame-Options': 'SAMEORIGIN',
      });
    }
    const file = files.get(path);
    if (!file) throw new HttpError(404, `not found: ${path}`);
    // No other site may frame the page (clickjacking a local tool that edits files).
    return sendText(res, 200, file.type, file.body, {
      'Content-Security-Policy':
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-src 'self'; frame-ancestors 'none'",
      'X-Frame-Options': 'DENY',
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      const message = e instanceof Error ? e.message : String(e);
      if (status === 500) opts.log(`preview: ${e instanceof Error ? e.stack : message}`);
      if (res.headersSent) return res.end();
      if (status === 413) res.setHeader('Connection', 'close');
      sendJson(res, status, { error: message, ...(e instanceof HttpError ? e.extra : {}) });
    });
  });
  server.on('clientError', (_e, socket) => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host, () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    port,
    server,
    session,
    /** Stop serving, then write what is not saved yet. */
    close: async () => {
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      await session.flush();
    },
  };
}

export async function main(argv: string[], root: string, cwd = process.cwd()): Promise<Preview | undefined> {
  let opts: PreviewOptions;
  try {
    opts = parseArgs(argv, process.env, root, cwd);
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 2;
    return undefined;
  }
  try {
    const preview = await startPreview(opts);
    console.log(`KPI Planner preview on ${preview.url}  (workbook saved to ${opts.dataFile}; Ctrl+C to stop)`);
    return preview;
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (e instanceof DataFileError) {
      console.error(err.message);
      process.exitCode = 2;
      return undefined;
    }
    console.error(
      err.code === 'EADDRINUSE'
        ? `Port ${opts.port} is in use: try --port ${opts.port + 1} (or PORT=…)`
        : `Could not start the preview: ${err.stack ?? err.message}`,
    );
    process.exitCode = 1;
    return undefined;
  }
}
