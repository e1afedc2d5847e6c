// Offline harness: runs the built add-on (dist/Code.js) in a fresh node:vm context with an in-memory
// Google Sheets (HyperFormula computes the formulas, the add-on's KPI_* functions are registered in it).
//
//   const addon = loadAddon({ dist?: 'dist', locale?: 'en_US', timeZone?: 'Asia/Tokyo', scriptTimeZone?: timeZone,
//                             workbook?: saved JSON })
//     timeZone               the spreadsheet's (Spreadsheet.getSpreadsheetTimeZone): date cells are calendar days there,
//                            and a date reaches a custom function as the instant of its midnight there
//     scriptTimeZone         the script's (appsscript.json, Session.getScriptTimeZone): the add-on's own Date objects
//                            (`new Date(y, m, d)`, `getDate()`, ...) read wall time there, whatever the process's zone
//   addon.global             the script's global scope: addon.global.onOpen(e), addon.global.KPI_TARGET(...)
//   addon.run(fn, ...args)   call a global function as one script execution (a lock still held at the end is released)
//   addon.spreadsheet        the active Spreadsheet (GoogleAppsScript.Spreadsheet.Spreadsheet)
//   addon.ui                 { menus: [{ title, items: [{ caption, functionName }] }], sidebars: [{ title, html }],
//                              dialogs: [{ title, html, modal }], alerts: [{ title, prompt, buttons, kind, answer }],
//                              toasts: [{ message, title }], answer(button, text?) — queue the next alert/prompt answer }
//   addon.view(ref)          { values, displayValues, backgrounds, fontColors, formulas, errors, notes } for 'Sheet'!A1:C3,
//                            a named range or A1 on the active sheet. backgrounds/fontColors are what a person sees
//                            (conditional formatting over the cells' own, white #ffffff by default); errors holds the
//                            message of an error cell (e.g. what a KPI_* function threw; "" elsewhere).
//   addon.calls              { "Range.setValues": 2, ... } Apps Script calls made from outside the harness
//   addon.callLog            [{ object: 'Range', method: 'setValues', args: '[3×4]', kind: 'read' | 'write' | 'flush' }]:
//                            every call from outside the harness that touches the document, in order (building a
//                            Range, its coordinates, finder filters do not; SpreadsheetApp.flush is kind 'flush';
//                            setValue(s) entries carry `formulas`: cells written as "=..."); the last 200,000
//   addon.flushes            reads that followed a write with no flush in between (Apps Script flushes its write
//                            buffer for each: a round trip)
//   addon.resetCallLog()     empty callLog and zero flushes
//   addon.failAtWrite(k)     the k-th write call from now (kind 'write' in callLog) throws "Service error: injected
//                            failure at Class.method" before changing anything; later calls run (0 disarms)
//   addon.customFunctionCalls         evaluations of the add-on's custom functions (KPI_*) since the last reset
//   addon.customFunctionCallsByName   { KPI_MONTHLY: 3, ... }
//   addon.resetCustomFunctionCalls()  zero both
//   addon.pending            set true: getValue(s)/getDisplayValue(s) of a cell computed by a custom function (or
//                            from one) read "Loading...", as while Sheets recalculates; view() still shows values
//   addon.resetCalls()       zero `calls`, the lock log, the call log and flushes, and the custom-function counts
//   addon.lock               { held, history: ['acquire', 'release', ...], lockedWrites, unlockedWrites: ['Range.setValues'],
//                              busy } — writes (set*/insert*/delete*/clear*/merge/...) made with/without the document lock;
//                              set busy = true to make tryLock fail and waitLock throw
//   addon.type(ref, values)  write as a person typing: data validation that rejects input throws its help text, then
//                            the add-on's onEdit(e) runs if it has one
//   addon.saveWorkbook()     the whole workbook as JSON (sheets, cells, formats, names, rules, validations, notes, charts,
//                            developer metadata...); loadAddon({ workbook }) loads it back. addon.toJSON() is the same.
//   addon.logs               Logger.log and console output of the script
//
// Beyond values and formats, the fake SpreadsheetApp has developer metadata (Range/Sheet/Spreadsheet
// .addDeveloperMetadata, getDeveloperMetadata, createDeveloperMetadataFinder; SpreadsheetApp
// .DeveloperMetadataVisibility / DeveloperMetadataLocationType), sheet copies (Sheet.copyTo(spreadsheet),
// insertSheet(name, index, { template }), duplicateActiveSheet), Range.sort / Sheet.sort, setFormulaR1C1 /
// setFormulasR1C1, and rows/columns inserted or deleted anywhere, spilled array results included.
// Sheets' rules the harness enforces: a custom function with a volatile function (TODAY, NOW, RAND, RANDBETWEEN,
// RANDARRAY) in its arguments, directly or through a cell it reads, gives #ERROR!; a cell takes at most 50,000
// characters; a named range whose sheet was deleted is #REF! (getRangeByName returns null); developer metadata only
// on whole rows, whole columns, sheets and the spreadsheet; a custom function may read the document (e.g.
// getSpreadsheetTimeZone) but a write or the Ui from one throws "You do not have permission to call ...".
// Unimplemented Apps Script methods throw "not implemented in harness: Class.method".
// The process's time zone (process.env.TZ) is also set to `scriptTimeZone`, for Dates a test makes itself; the
// add-on's realm does not depend on it.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import { cellA1 } from './gas/a1';
import { conditionalFormat } from './gas/conditional';
import type { Ctx } from './gas/context';
import { Engine, parseText, type SheetModel, type ValidationSpec } from './gas/engine';
import { htmlService } from './gas/html';
import { RangeImpl } from './gas/range';
import { browser, charts, lockService, logger, propertiesService, scriptApp, session, utilities } from './gas/services';
import { resolveRef, SheetImpl, SpreadsheetImpl, spreadsheetApp } from './gas/spreadsheet';
import { Tracker, type CallLogEntry, type LockLog } from './gas/tracker';
import { zonedDate } from './gas/zoned-date';
import { newUiLog, UiImpl } from './gas/ui';
import { loadWorkbook as loadInto, saveWorkbook as saveFrom, type WorkbookJSON } from './gas/workbook';
import type { UiLog } from './gas/context';

export type { WorkbookJSON } from './gas/workbook';
export type { UiLog } from './gas/context';
export type { CallLogEntry, LockLog } from './gas/tracker';

export interface LoadOptions {
  /** Folder holding Code.js and the HTML files (default 'dist', relative to the working directory). */
  dist?: string;
  locale?: string;
  /** The spreadsheet's time zone (default 'Asia/Tokyo'). */
  timeZone?: string;
  /** The script's time zone (default: the spreadsheet's). */
  scriptTimeZone?: string;
  /** A workbook saved with saveWorkbook() to start from (default: one empty "Sheet1"). */
  workbook?: unknown;
  /** Title of the add-on menu (createAddonMenu), default 'KPI Planner'. */
  addonName?: string;
}

export interface View {
  values: unknown[][];
  displayValues: string[][];
  backgrounds: string[][];
  fontColors: string[][];
  formulas: string[][];
  errors: string[][];
  notes: string[][];
}

export interface Addon {
  global: Record<string, unknown> & vm.Context;
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  ui: UiLog;
  view(ref: string): View;
  calls: Record<string, number>;
  resetCalls(): void;
  /** Calls that touched the document, in order. */
  readonly callLog: CallLogEntry[];
  /** Reads that followed a write with no flush in between. */
  readonly flushes: number;
  resetCallLog(): void;
  /** Makes the k-th write call from now throw before it changes anything (0: none). */
  failAtWrite(k: number): void;
  /** Evaluations of the add-on's custom functions since the last reset, in all and per function name. */
  readonly customFunctionCalls: number;
  readonly customFunctionCallsByName: Record<string, number>;
  resetCustomFunctionCalls(): void;
  /** While true, Range reads of cells computed by a custom function return "Loading...". */
  pending: boolean;
  lock: LockLog;
  run(fn: string, ...args: unknown[]): unknown;
  type(ref: string, values: unknown[][] | string | number | boolean): void;
  saveWorkbook(): WorkbookJSON;
  toJSON(): WorkbookJSON;
  /** Replace the whole workbook (sheets, names, properties) by a saved one; on a bad file the workbook is left with one empty sheet and the error is thrown. */
  loadWorkbook(json: unknown): void;
  logs: string[];
  /** The formula engine (advanced: sheet models and the HyperFormula instance). */
  engine: Engine;
}

export function loadAddon(options: LoadOptions = {}): Addon {
  const dist = resolve(options.dist ?? 'dist');
  const codeFile = join(dist, 'Code.js');
  if (!existsSync(codeFile)) throw new Error(`loadAddon: ${codeFile} not found — run \`npm run build\` first`);
  const timeZone = options.timeZone ?? 'Asia/Tokyo';
  const scriptTimeZone = options.scriptTimeZone ?? timeZone;
  for (const [name, zone] of [
    ['timeZone', timeZone],
    ['scriptTimeZone', scriptTimeZone],
  ]) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
    } catch {
      throw new Error(`loadAddon: ${name} ${JSON.stringify(zone)} is not an IANA time zone`);
    }
  }
  // For Dates a test builds itself (under jest `process` is a sandbox copy whose env never reaches V8).
  const nodeProcess = vm.runInThisContext('process') as NodeJS.Process;
  if (nodeProcess.env.TZ !== scriptTimeZone) nodeProcess.env.TZ = scriptTimeZone;
  const logs: string[] = [];
  const fmt = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  const scriptConsole = Object.fromEntries(
    ['log', 'info', 'warn', 'error', 'debug'].map((k) => [
      k,
      (...a: unknown[]) => {
        logs.push(fmt(a));
      },
    ]),
  );
  const global = vm.createContext({ console: scriptConsole }) as Record<string, unknown> & vm.Context;
  // The script's Dates live in the script's time zone, as in Apps Script.
  const ScriptDate = zonedDate(vm.runInContext('Date', global) as DateConstructor, scriptTimeZone);
  global.Date = ScriptDate;
  vm.runInContext(readFileSync(codeFile, 'utf8'), global, { filename: codeFile });

  const functionNames = Object.keys(global).filter((n) => /^KPI_/.test(n) && typeof global[n] === 'function');
  const tracker = new Tracker();
  const engine = new Engine({
    locale: options.locale ?? 'en_US',
    timeZone,
    functionNames,
    callFunction: (name, args) => (global[name] as (...a: unknown[]) => unknown)(...args),
    DateCtor: ScriptDate,
  });
  tracker.inCustomFunction = () => engine.customDepth > 0;
  const meta = { id: 'harness-spreadsheet', name: 'Untitled spreadsheet' };
  const ui = newUiLog();
  let spreadsheetObj: GoogleAppsScript.Spreadsheet.Spreadsheet | undefined;
  let uiObj: GoogleAppsScript.Base.Ui | undefined;

  const ctx: Ctx = {
    engine,
    tracker,
    ui,
    dist,
    addonName: options.addonName ?? 'KPI Planner',
    scriptTimeZone,
    DateCtor: ScriptDate,
    properties: { document: new Map(), script: new Map(), user: new Map() },
    wrap: (obj, cls) => tracker.wrap(obj, cls),
    sheet: (sm) => tracker.wrap(new SheetImpl(ctx, sm), 'Sheet') as unknown as GoogleAppsScript.Spreadsheet.Sheet,
    range: (sm, rect) =>
      tracker.wrap(new RangeImpl(ctx, sm, rect), 'Range') as unknown as GoogleAppsScript.Spreadsheet.Range,
    spreadsheet: () =>
      (spreadsheetObj ??= tracker.wrap(
        new SpreadsheetImpl(ctx, meta),
        'Spreadsheet',
      ) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet),
    uiService: () => (uiObj ??= tracker.wrap(new UiImpl(ctx), 'Ui') as unknown as GoogleAppsScript.Base.Ui),
    rangesOf: (spec) => {
      const sm =
        (spec.sheet !== undefined ? engine.sheetByName(spec.sheet) : undefined) ?? engine.active ?? engine.sheets[0];
      return spec.ranges.map((r) => ctx.range(sm, r));
    },
    rangeByA1: (ref) => {
      const { sm, rect } = resolveRef(ctx, ref);
      return ctx.range(sm, rect);
    },
    criteriaValues: (spec) =>
      spec.values.map((v) => {
        if (v && typeof v === 'object' && 'range' in v) return ctx.rangeByA1(String((v as { range: string }).range));
        if (v && typeof v === 'object' && 'date' in v) return new ctx.DateCtor(String((v as { date: string }).date));
        return Array.isArray(v) ? [...v] : v;
      }),
  };

  Object.assign(global, {
    SpreadsheetApp: spreadsheetApp(ctx),
    HtmlService: htmlService(ctx, global),
    LockService: lockService(ctx),
    PropertiesService: propertiesService(ctx),
    Session: session(ctx),
    Utilities: utilities(ctx),
    Logger: logger(ctx, logs),
    ScriptApp: scriptApp(ctx),
    Browser: browser(ctx),
    Charts: charts(ctx),
  });

  if (options.workbook !== undefined) loadInto(ctx, options.workbook, meta);
  else engine.addSheet('Sheet1', 0, 0);

  const view = (ref: string): View => {
    const { sm, rect } = resolveRef(ctx, ref);
    const grid = <T>(f: (row: number, col: number) => T): T[][] =>
      Array.from({ length: rect.rows }, (_, i) =>
        Array.from({ length: rect.cols }, (_, j) => f(rect.row + i, rect.col + j)),
      );
    const cf = grid((r, c) => conditionalFormat(engine, sm, r, c));
    const own = (r: number, c: number) => sm.cells.get(`${r},${c}`);
    return {
      values: grid((r, c) => engine.value(sm, r, c)),
      displayValues: grid((r, c) => engine.display(sm, r, c)),
      backgrounds: grid((r, c) => cf[r - rect.row][c - rect.col]?.background ?? own(r, c)?.background ?? '#ffffff'),
      fontColors: grid((r, c) => cf[r - rect.row][c - rect.col]?.fontColor ?? own(r, c)?.fontColor ?? '#000000'),
      formulas: grid((r, c) => engine.formula(sm, r, c)),
      errors: grid((r, c) => engine.errorMessage(sm, r, c)),
      notes: grid((r, c) => own(r, c)?.note ?? ''),
    };
  };

  const run = (fn: string, ...args: unknown[]): unknown => {
    const f = global[fn];
    if (typeof f !== 'function') throw new Error(`run: the add-on has no global function ${fn}`);
    try {
      return (f as (...a: unknown[]) => unknown)(...args);
    } finally {
      tracker.endExecution();
      if (tracker.lock.held) {
        tracker.lock.held = false;
        tracker.lock.history.push('auto-release');
      }
    }
  };

  const type = (ref: string, values: unknown[][] | string | number | boolean): void => {
    const { sm, rect } = resolveRef(ctx, ref);
    const data = Array.isArray(values) ? values : [[values]];
    if (data.length !== rect.rows || data.some((l) => !Array.isArray(l) || l.length !== rect.cols)) {
      throw new Error(`type: ${ref} is ${rect.rows}×${rect.cols}; the values do not have that shape`);
    }
    data.forEach((line, i) =>
      line.forEach((v, j) => {
        const validation = sm.cells.get(`${rect.row + i},${rect.col + j}`)?.validation;
        if (validation && !validation.allowInvalid && !passes(ctx, sm, validation, v)) {
          throw new Error(
            validation.helpText ||
              `The data you entered in cell ${cellA1(rect.row + i, rect.col + j)} violates the data validation rules set on this cell.`,
          );
        }
      }),
    );
    const old = engine.value(sm, rect.row, rect.col);
    tracker.quiet(() => ctx.range(sm, rect).setValues(data as unknown[][]));
    if (typeof global.onEdit === 'function') {
      const range = ctx.range(sm, rect);
      run('onEdit', {
        range,
        source: ctx.spreadsheet(),
        value: data[0][0],
        oldValue: old,
        authMode: 'LIMITED',
        user: { getEmail: () => 'user@example.com' },
      });
    }
  };

  const save = () => saveFrom(ctx, meta);
  const load = (json: unknown) => {
    engine.reset();
    for (const m of Object.values(ctx.properties)) m.clear();
    try {
      loadInto(ctx, json, meta);
    } catch (e) {
      engine.reset();
      engine.addSheet('Sheet1', 0, 0);
      throw e;
    }
  };
  const resetCustomFunctionCalls = () => {
    engine.customCalls.total = 0;
    for (const k of Object.keys(engine.customCalls.byName)) delete engine.customCalls.byName[k];
  };
  return {
    global,
    spreadsheet: ctx.spreadsheet(),
    ui,
    view,
    calls: tracker.calls,
    lock: tracker.lock,
    resetCalls: () => {
      tracker.reset();
      resetCustomFunctionCalls();
    },
    callLog: tracker.callLog,
    get flushes() {
      return tracker.flushes;
    },
    resetCallLog: () => tracker.resetCallLog(),
    failAtWrite: (k: number) => {
      tracker.failAtWrite = Math.max(0, Math.floor(k));
    },
    get customFunctionCalls() {
      return engine.customCalls.total;
    },
    customFunctionCallsByName: engine.customCalls.byName,
    resetCustomFunctionCalls,
    get pending() {
      return engine.pending;
    },
    set pending(on: boolean) {
      engine.pending = !!on;
    },
    run,
    type,
    saveWorkbook: save,
    toJSON: save,
    loadWorkbook: load,
    logs,
    engine,
  };
}

/** The workbook of a loaded add-on as JSON (same as addon.saveWorkbook()). */
export function saveWorkbook(addon: Addon): WorkbookJSON {
  return addon.saveWorkbook();
}

/** Replace a loaded add-on's workbook by a saved one (same as addon.loadWorkbook(json)). */
export function loadWorkbook(addon: Addon, json: unknown): void {
  addon.loadWorkbook(json);
}

/** Whether a typed value passes a data validation rule (blank always passes). */
function passes(ctx: Ctx, sm: SheetModel, v: ValidationSpec, typed: unknown): boolean {
  if (typed === '' || typed === null || typed === undefined) return true;
  const parsed = typeof typed === 'string' ? parseText(typed, ctx.engine.locale, () => false).input : typed;
  const num = typeof parsed === 'number' ? parsed : undefined;
  const [a, b] = v.values as [unknown, unknown];
  const text = String(typed).toLowerCase();
  switch (v.criteria) {
    case 'NUMBER_BETWEEN':
      return num !== undefined && num >= Math.min(Number(a), Number(b)) && num <= Math.max(Number(a), Number(b));
    case 'NUMBER_NOT_BETWEEN':
      return num !== undefined && (num < Math.min(Number(a), Number(b)) || num > Math.max(Number(a), Number(b)));
    case 'NUMBER_EQUAL_TO':
      return num === Number(a);
    case 'NUMBER_NOT_EQUAL_TO':
      return num !== undefined && num !== Number(a);
    case 'NUMBER_GREATER_THAN':
      return num !== undefined && num > Number(a);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return num !== undefined && num >= Number(a);
    case 'NUMBER_LESS_THAN':
      return num !== undefined && num < Number(a);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return num !== undefined && num <= Number(a);
    case 'TEXT_CONTAINS':
      return text.includes(String(a).toLowerCase());
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.includes(String(a).toLowerCase());
    case 'TEXT_EQUAL_TO':
      return text === String(a).toLowerCase();
    case 'TEXT_IS_VALID_EMAIL':
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(String(typed));
    case 'TEXT_IS_VALID_URL':
      return /^https?:\/\/\S+$/.test(String(typed));
    case 'VALUE_IN_LIST':
      return Array.isArray(a) && a.some((x) => String(x) === String(typed));
    case 'VALUE_IN_RANGE': {
      const { sm: s, rect } = resolveRef(ctx, String((a as { range: string }).range));
      for (let r = rect.row; r < rect.row + rect.rows; r++)
        for (let c = rect.col; c < rect.col + rect.cols; c++) {
          if (String(ctx.engine.value(s, r, c)) === String(typed)) return true;
        }
      return false;
    }
    case 'CHECKBOX':
      return (
        typeof parsed === 'boolean' || (a !== undefined && (String(typed) === String(a) || String(typed) === String(b)))
      );
    default:
      return true; // dates and custom formulas: accepted
  }
}
