// The preview's one workbook: the real built add-on loaded by the offline harness, saved to a
// JSON file shortly after every change, and the operations the HTTP API offers on it.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { loadAddon, type Addon } from '../harness';
import { HttpError } from './http';
import { parseTypedBlock } from './typing';
import type { ChartData, SparklineData } from './chart';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export interface SessionOptions {
  dist: string;
  dataFile: string;
  fresh?: boolean;
  locale?: string;
  timeZone?: string;
  log?: (message: string) => void;
}

export interface MenuItem {
  caption: string;
  functionName: string;
}
export interface Menu {
  title: string;
  items: (MenuItem | null)[];
}
/** An HTML surface the add-on opened: the page loads it from `/ui/<id>`. */
export interface Surface {
  id: string;
  kind: 'sidebar' | 'dialog';
  title: string;
  url: string;
  width?: number;
  height?: number;
  modal?: boolean;
}
export interface Shown {
  sidebars: Surface[];
  dialogs: Surface[];
  alerts: unknown[];
  toasts: unknown[];
}
type UiMenuItem = Addon['ui']['menus'][number]['items'][number];

const MAX_CELLS = 250_000;
const MAX_SURFACES = 50;
const IDENT = /^[A-Za-z_$][\w$]*$/;
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');
/** A save waits this long for more changes, and never longer than SAVE_MAX_WAIT_MS after the first. */
const SAVE_DELAY_MS = 150;
const SAVE_MAX_WAIT_MS = 1000;

/** `--data` names something the preview must not use or touch: the message says what to do. */
export class DataFileError extends Error {}

/** Whether process `pid` is still running (a temporary file of a running preview is left alone). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The arguments of a formula's outermost call, split at top-level commas: `=F(A1:B2, {"a","b"})` → ['A1:B2', '{"a","b"}']. */
export function callArguments(formula: string): string[] {
  const open = formula.indexOf('(');
  const args: string[] = [];
  let depth = 0;
  let quote = ''; // inside "text" or a 'sheet name', where a doubled quote is the quote itself
  let start = open + 1;
  for (let i = start; i < formula.length; i++) {
    const ch = formula[i];
    if (quote) {
      if (ch === quote && formula[i + 1] === quote) i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      continue;
    }
    if (ch === '(' || ch === '{') depth++;
    else if ((ch === ')' || ch === '}') && depth > 0) depth--;
    else if (ch === ')' || (ch === ',' && depth === 0)) {
      args.push(formula.slice(start, i).trim());
      start = i + 1;
      if (ch === ')') break;
    }
  }
  return args;
}

/** A shallow, JSON-safe copy of something the add-on showed (alerts and toasts are plain records). */
function plain(x: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(x ?? null));
  } catch {
    return String(x);
  }
}

export class PreviewSession {
  private addon!: Addon;
  private surfaces = new Map<string, { html: string; title: string }>();
  private nextSurface = 1;
  /** The pending save: changes not yet written, the timer that writes them, the write in progress. */
  private dirtySince: number | null = null;
  private saveTimer: NodeJS.Timeout | null = null;
  private saving: Promise<void> | null = null;

  constructor(private readonly opts: SessionOptions) {
    this.opts.dataFile = resolve(opts.dataFile);
  }

  private log(message: string): void {
    (this.opts.log ?? console.log)(message);
  }

  /**
   * The saved workbook in the data file, or undefined when there is none yet. Anything else there
   * (a directory, a file that is not a saved workbook) is refused with a DataFileError and left as it is.
   */
  private savedWorkbook(): unknown {
    const file = this.opts.dataFile;
    if (!existsSync(file)) return undefined;
    const refuse = (why: string) =>
      new DataFileError(
        `--data ${file} ${why}. Nothing was changed: give --data a new file name (or a workbook this preview saved).`,
      );
    if (!statSync(file).isFile()) throw refuse('is a directory, not a workbook file');
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw refuse(`is not a workbook saved by the preview (not JSON: ${(e as Error).message})`);
    }
    const wb = json as { version?: unknown; sheets?: unknown } | null;
    if (!wb || typeof wb !== 'object' || wb.version !== 1 || !Array.isArray(wb.sheets)) {
      throw refuse('is not a workbook saved by the preview (expected JSON { "version": 1, "sheets": [...] })');
    }
    return json;
  }

  /** Load the add-on on the saved workbook (unless fresh), then open it: onOpen builds the menu. */
  open(): this {
    const { dist, locale, timeZone, dataFile: file } = this.opts;
    const saved = this.savedWorkbook();
    this.removeStaleTemporaryFiles();
    if (saved !== undefined && !this.opts.fresh) {
      try {
        this.addon = loadAddon({ dist, locale, timeZone, workbook: saved });
      } catch (e) {
        throw new DataFileError(
          `--data ${file} could not be loaded: ${(e as Error).message}. Nothing was changed: ` +
            'give --data another file, or add --fresh to keep this one aside and start an empty workbook.',
        );
      }
      this.log(`Loaded the workbook from ${file}`);
    }
    if (saved !== undefined && this.opts.fresh) {
      // Starting over never throws work away: the old workbook is kept next to the new one.
      const previous = `${file}.previous-${stamp()}`;
      renameSync(file, previous);
      this.log(`Starting with an empty workbook; the previous one is kept in ${previous}`);
    }
    this.addon ??= loadAddon({ dist, locale, timeZone });
    this.addon.run('onOpen', { authMode: this.authMode('FULL'), source: this.addon.spreadsheet });
    return this;
  }

  private authMode(name: string): unknown {
    const app = this.addon.global.ScriptApp as { AuthMode?: Record<string, unknown> } | undefined;
    return app?.AuthMode?.[name] ?? name;
  }

  private temporaryFile(pid = process.pid): string {
    return `${this.opts.dataFile}.saving-${pid}`;
  }

  /** What a preview killed while saving left behind (its data file itself is always whole). */
  private removeStaleTemporaryFiles(): void {
    const dir = dirname(this.opts.dataFile);
    const prefix = `${basename(this.opts.dataFile)}.saving-`;
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const pid = Number(name.slice(prefix.length));
      if (name.startsWith(prefix) && Number.isInteger(pid) && !running(pid)) rmSync(join(dir, name), { force: true });
    }
  }

  /**
   * Save soon: changes close together are written once, at most SAVE_MAX_WAIT_MS after the first,
   * so a request never waits for the file. The file is written whole or not at all (temporary
   * file, flushed, then renamed over the data file).
   */
  scheduleSave(): void {
    const now = Date.now();
    this.dirtySince ??= now;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    const wait = Math.max(0, Math.min(SAVE_DELAY_MS, this.dirtySince + SAVE_MAX_WAIT_MS - now));
    this.saveTimer = setTimeout(
      () => void this.flush().catch((e) => this.log(`preview: could not save: ${(e as Error).stack}`)),
      wait,
    );
  }

  /** Write any pending changes now; resolves when the data file has them. */
  async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    while (this.saving) await this.saving;
    if (this.dirtySince === null) return;
    this.dirtySince = null;
    const text = JSON.stringify(this.addon.saveWorkbook());
    this.saving = this.write(text).finally(() => {
      this.saving = null;
    });
    await this.saving;
  }

  private async write(text: string): Promise<void> {
    const file = this.opts.dataFile;
    mkdirSync(dirname(file), { recursive: true });
    const tmp = this.temporaryFile();
    const handle = await openFile(tmp, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    renameSync(tmp, file);
  }

  /** The add-on's menu as its last onOpen built it (a submenu's items are listed after a separator). */
  menu(): Menu | null {
    const menus = this.addon.ui.menus;
    const last = menus[menus.length - 1];
    if (!last) return null;
    const items: (MenuItem | null)[] = [];
    const add = (list: UiMenuItem[]) => {
      for (const it of list) {
        if (it.separator) items.push(null);
        else if (it.submenu) {
          items.push(null);
          add(it.submenu.items);
        } else if (it.functionName) items.push({ caption: it.caption, functionName: it.functionName });
      }
    };
    add(last.items);
    return { title: last.title, items };
  }

  /** Functions the page may call: what google.script.run can reach (entries) and the menu's items. */
  callable(): Set<string> {
    const api = this.addon.global.__kpi as { entries?: Record<string, unknown> } | undefined;
    const names = new Set<string>(Object.keys(api?.entries ?? {}));
    for (const it of this.menu()?.items ?? []) if (it) names.add(it.functionName);
    return names;
  }

  /**
   * Run one add-on function as google.script.run or the menu would. Alerts and prompts it shows
   * get `answers` in order ({ button, text }), then the first button of their set (OK, YES).
   */
  run(fn: unknown, args: unknown = [], answers: unknown = []): { result: unknown } & Shown {
    if (typeof fn !== 'string' || !IDENT.test(fn))
      throw new HttpError(400, `"fn" must be the name of an add-on function, got ${JSON.stringify(fn)}`);
    if (!Array.isArray(args)) throw new HttpError(400, `"args" must be an array, got ${JSON.stringify(args)}`);
    if (!Array.isArray(answers) || answers.some((a) => !a || typeof a !== 'object' || typeof a.button !== 'string')) {
      throw new HttpError(
        400,
        `"answers" must be an array of { "button": "OK"|"YES"|"NO"|"CANCEL"|"CLOSE", "text"?: string }, got ${JSON.stringify(answers)}`,
      );
    }
    if (!this.callable().has(fn))
      throw new HttpError(403, `${fn} is not a function the add-on exposes to google.script.run or its menu`);
    const before = this.counts();
    const ui = this.addon.ui;
    ui.pending.length = 0;
    for (const a of answers as { button: string; text?: unknown }[])
      ui.answer(a.button, a.text === undefined ? undefined : String(a.text));
    try {
      const result = plain(this.addon.run(fn, ...args));
      return { result, ...this.shownSince(before) };
    } catch (e) {
      const message = e && typeof e === 'object' && 'message' in e ? String((e as Error).message) : String(e);
      this.log(`[add-on] ${fn} threw: ${(e as Error)?.stack ?? message}`);
      throw new HttpError(422, message, { ...this.shownSince(before) });
    } finally {
      ui.pending.length = 0;
      // What the script logged goes to the server's console; what it showed was handed over
      // above: the logs are emptied so a long session does not keep every sidebar's HTML.
      for (const line of this.addon.logs) this.log(`[add-on] ${line}`);
      this.addon.logs.length = 0;
      ui.sidebars.length = ui.dialogs.length = ui.alerts.length = ui.toasts.length = 0;
      this.scheduleSave();
    }
  }

  private counts() {
    const ui = this.addon.ui;
    return {
      sidebars: ui.sidebars.length,
      dialogs: ui.dialogs.length,
      alerts: ui.alerts.length,
      toasts: ui.toasts.length,
    };
  }

  private shownSince(before: ReturnType<PreviewSession['counts']>): Shown {
    const ui = this.addon.ui;
    const surface =
      (kind: 'sidebar' | 'dialog') =>
      (s: { title: string; html: string; width?: number; height?: number; modal?: boolean }): Surface => {
        const id = String(this.nextSurface++);
        this.surfaces.set(id, { html: String(s.html ?? ''), title: String(s.title ?? '') });
        if (this.surfaces.size > MAX_SURFACES) this.surfaces.delete(this.surfaces.keys().next().value as string);
        const out: Surface = { id, kind, title: String(s.title ?? ''), url: `/ui/${id}` };
        if (typeof s.width === 'number') out.width = s.width;
        if (typeof s.height === 'number') out.height = s.height;
        if (typeof s.modal === 'boolean') out.modal = s.modal;
        return out;
      };
    return {
      sidebars: ui.sidebars.slice(before.sidebars).map(surface('sidebar')),
      dialogs: ui.dialogs.slice(before.dialogs).map(surface('dialog')),
      alerts: ui.alerts.slice(before.alerts).map(plain),
      toasts: ui.toasts.slice(before.toasts).map(plain),
    };
  }

  surfaceHtml(id: string): { html: string; title: string } | undefined {
    return this.surfaces.get(id);
  }

  /** A range by A1 notation with sheet name (`'KPI Tree'!A1:C3`), or a named range. */
  range(ref: unknown): Range {
    if (typeof ref !== 'string' || ref.trim() === '')
      throw new HttpError(
        400,
        `"ref" must be an A1 reference such as 'KPI Tree'!A1:C3 or a named range, got ${JSON.stringify(ref)}`,
      );
    const ss = this.addon.spreadsheet;
    let range: Range | null = null;
    try {
      range = /^[A-Za-z_][\w.]*$/.test(ref) && !/^[A-Za-z]{1,3}\d+$/.test(ref) ? ss.getRangeByName(ref) : null;
      if (!range) range = ss.getRange(ref);
    } catch (e) {
      throw new HttpError(404, `unknown range ${JSON.stringify(ref)}: ${(e as Error).message}`);
    }
    if (!range) throw new HttpError(404, `unknown range ${JSON.stringify(ref)}`);
    if (range.getNumRows() * range.getNumColumns() > MAX_CELLS) {
      throw new HttpError(
        413,
        `range ${ref} is too large: ${range.getNumRows()} × ${range.getNumColumns()} cells (limit ${MAX_CELLS})`,
      );
    }
    return range;
  }

  /** A1 notation with the sheet name, quoted when needed. */
  static qualified(range: Range): string {
    const name = range.getSheet().getName();
    const quoted = /^[A-Za-z_][\w]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
    return `${quoted}!${range.getA1Notation()}`;
  }

  readRange(ref: unknown) {
    const range = this.range(ref);
    const a1 = PreviewSession.qualified(range);
    return { ref: a1, ...this.addon.view(a1) };
  }

  /**
   * Write as a person typing (the harness's `type`: Sheets parsing, data validation that rejects
   * input, onEdit). A one-cell ref takes a block of any shape, pasted from that cell.
   */
  writeRange(ref: unknown, values: unknown) {
    let block: ReturnType<typeof parseTypedBlock>;
    try {
      block = parseTypedBlock(values);
    } catch (e) {
      throw new HttpError(400, (e as Error).message);
    }
    let range = this.range(ref);
    const rows = block.length;
    const cols = block[0].length;
    if (range.getNumRows() === 1 && range.getNumColumns() === 1) {
      try {
        range = range.offset(0, 0, rows, cols);
      } catch (e) {
        throw new HttpError(
          400,
          `a ${rows} × ${cols} block does not fit at ${JSON.stringify(ref)}: ${(e as Error).message}`,
        );
      }
    } else if (range.getNumRows() !== rows || range.getNumColumns() !== cols) {
      throw new HttpError(
        400,
        `"values" is ${rows} × ${cols} but ${JSON.stringify(ref)} is ${range.getNumRows()} × ${range.getNumColumns()}`,
      );
    }
    try {
      this.addon.type(PreviewSession.qualified(range), block);
    } catch (e) {
      throw new HttpError(422, (e as Error).message);
    } finally {
      this.scheduleSave();
    }
    return this.readRange(PreviewSession.qualified(range));
  }

  workbook() {
    const ss = this.addon.spreadsheet;
    return {
      name: ss.getName(),
      sheets: ss.getSheets().map((s: Sheet) => ({
        name: s.getName(),
        rows: s.getLastRow(),
        columns: s.getLastColumn(),
        maxRows: s.getMaxRows(),
        maxColumns: s.getMaxColumns(),
        hidden: s.isSheetHidden(),
      })),
      activeSheet: ss.getActiveSheet()?.getName() ?? null,
      namedRanges: ss.getNamedRanges().map((n) => ({ name: n.getName(), ref: PreviewSession.qualified(n.getRange()) })),
      menu: this.menu(),
    };
  }

  /** An embedded chart as the page draws it: its anchor, options and the data of its ranges. */
  private chart(
    c: GoogleAppsScript.Spreadsheet.EmbeddedChart,
  ): ChartData & { row: number; column: number; offsetX: number; offsetY: number } {
    const opt = (k: string): unknown => c.getOptions().get(k);
    const grid = c.getRanges().flatMap((r) => {
      const v = this.addon.view(PreviewSession.qualified(r));
      return [{ values: v.values, shown: v.displayValues }];
    })[0] ?? { values: [], shown: [] };
    const header = grid.values.length > 1 && grid.values[0].slice(1).some((v) => typeof v !== 'number');
    const rows = header ? grid.values.slice(1) : grid.values;
    const names = header ? grid.shown[0].slice(1) : (grid.values[0]?.slice(1).map((_, j) => `Series ${j + 1}`) ?? []);
    const info = c.getContainerInfo();
    return {
      type: String(c.modify().getChartType()).toLowerCase(),
      title: String(opt('title') ?? ''),
      width: Number(opt('width')) || 600,
      height: Number(opt('height')) || 371,
      percent: /percent|%/.test(String(opt('vAxis.format') ?? opt('vAxes.0.format') ?? '')),
      legend: opt('legend.position') !== 'none',
      labels: (header ? grid.shown.slice(1) : grid.shown).map((r) => r[0] ?? ''),
      series: names.map((name, j) => ({
        name,
        values: rows.map((r) => (typeof r[j + 1] === 'number' ? (r[j + 1] as number) : null)),
      })),
      row: info.getAnchorRow(),
      column: info.getAnchorColumn(),
      offsetX: info.getOffsetX(),
      offsetY: info.getOffsetY(),
    };
  }

  /**
   * The SPARKLINE cells of a sheet (found by their formula text), each with the numbers of the
   * range or array it draws and its "charttype" and "color" options, for the page's stand-in drawing.
   */
  private sparklines(sheet: Sheet, formulas: string[][]): (SparklineData & { row: number; column: number })[] {
    const out: (SparklineData & { row: number; column: number })[] = [];
    formulas.forEach((line, r) =>
      line.forEach((f, c) => {
        if (!/^=\s*SPARKLINE\s*\(/i.test(f)) return;
        const [data = '', options = ''] = callArguments(f);
        const option = (name: string) => new RegExp(`"${name}"\\s*,\\s*"([^"]*)"`, 'i').exec(options)?.[1];
        let values: number[] = [];
        if (data.startsWith('{')) values = data.slice(1, -1).split(/[,;]/).map(Number).filter(Number.isFinite);
        else {
          try {
            const ref = data.includes('!')
              ? data
              : `${PreviewSession.qualified(sheet.getRange(1, 1)).split('!')[0]}!${data}`;
            values = this.addon
              .view(ref)
              .values.flat()
              .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
          } catch {
            values = []; // not a range the preview can read: an empty sparkline, as Sheets shows for no data
          }
        }
        const type = (option('charttype') ?? 'line').toLowerCase();
        out.push({
          row: r + 1,
          column: c + 1,
          type: type === 'column' || type === 'bar' || type === 'winloss' ? 'column' : 'line',
          values,
          color: option('color'),
        });
      }),
    );
    return out;
  }

  /** Make a sheet the active one, as clicking its tab in Sheets does: the add-on's menu actions then work on it. */
  activate(name: unknown): { activeSheet: string } {
    if (typeof name !== 'string') throw new HttpError(400, `"name" must be a sheet name, got ${JSON.stringify(name)}`);
    const ss = this.addon.spreadsheet;
    const sheet = ss.getSheetByName(name);
    if (!sheet) throw new HttpError(404, `no sheet named ${JSON.stringify(name)}`);
    ss.setActiveSheet(sheet);
    this.scheduleSave();
    return { activeSheet: ss.getActiveSheet().getName() };
  }

  /** Everything the page needs to draw one sheet: cells as seen, formulas, and the layout. */
  sheet(name: unknown) {
    if (typeof name !== 'string') throw new HttpError(400, `"name" must be a sheet name, got ${JSON.stringify(name)}`);
    const sheet = this.addon.spreadsheet.getSheetByName(name);
    if (!sheet) throw new HttpError(404, `no sheet named ${JSON.stringify(name)}`);
    const rows = Math.max(1, sheet.getLastRow());
    const columns = Math.max(1, sheet.getLastColumn());
    if (rows * columns > MAX_CELLS)
      throw new HttpError(413, `sheet ${name} is too large to show: ${rows} × ${columns} cells`);
    const range = sheet.getRange(1, 1, rows, columns);
    const a1 = PreviewSession.qualified(range);
    const view = this.addon.view(a1);
    const attempt = <T>(f: () => T, fallback: T): T => {
      try {
        return f() ?? fallback;
      } catch {
        return fallback;
      }
    };
    const widths: number[] = [];
    const hidden: number[] = [];
    for (let c = 1; c <= columns + 30; c++) {
      widths.push(attempt(() => sheet.getColumnWidth(c), 100));
      if (attempt(() => sheet.isColumnHiddenByUser(c), false)) hidden.push(c);
    }
    const hiddenRows: number[] = [];
    for (let r = 1; r <= rows + 20; r++) if (attempt(() => sheet.isRowHiddenByUser(r), false)) hiddenRows.push(r);
    return {
      name,
      rows,
      columns,
      frozenRows: attempt(() => sheet.getFrozenRows(), 0),
      frozenColumns: attempt(() => sheet.getFrozenColumns(), 0),
      columnWidths: widths,
      hiddenColumns: hidden,
      hiddenRows,
      ...view,
      fontWeights: attempt(() => range.getFontWeights(), null),
      fontStyles: attempt(() => range.getFontStyles(), null),
      horizontalAlignments: attempt(() => range.getHorizontalAlignments(), null),
      charts: attempt(() => sheet.getCharts().map((c) => this.chart(c)), []),
      sparklines: attempt(() => this.sparklines(sheet, view.formulas), []),
      merges: attempt(
        () =>
          range
            .getMergedRanges()
            .map((m) => ({ row: m.getRow(), column: m.getColumn(), rows: m.getNumRows(), columns: m.getNumColumns() })),
        [],
      ),
    };
  }
}
