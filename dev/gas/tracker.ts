// Counting service calls and observing the document lock.
//
// Every fake service object is wrapped in a Proxy that (1) counts each call of an Apps Script
// method as "Class.method" — only calls made from outside the harness (the add-on or a test),
// not the harness's own internal calls; (2) turns a call of an Apps Script method the harness does
// not implement into a clear "not implemented in harness: Class.method" error (the method list of
// each class is read from @types/google-apps-script); (3) records every write made while the
// document lock was not held.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FILES: Record<string, string> = {
  Ui: 'base',
  Menu: 'base',
  PromptResponse: 'base',
  Session: 'base',
  User: 'base',
  Logger: 'base',
  Browser: 'base',
  HtmlService: 'html',
  HtmlOutput: 'html',
  HtmlTemplate: 'html',
  LockService: 'lock',
  Lock: 'lock',
  PropertiesService: 'properties',
  Properties: 'properties',
  Utilities: 'utilities',
  ScriptApp: 'script',
};

const methodCache = new Map<string, Set<string>>();
const typesDir = () => join(process.cwd(), 'node_modules', '@types', 'google-apps-script');

/** Method names of an Apps Script interface, from its type declarations. */
export function gasMethods(cls: string): Set<string> {
  const cached = methodCache.get(cls);
  if (cached) return cached;
  const found = new Set<string>();
  try {
    const text = readFileSync(join(typesDir(), `google-apps-script.${FILES[cls] ?? 'spreadsheet'}.d.ts`), 'utf8');
    const start = text.search(new RegExp(`\\binterface ${cls}\\b[^{]*\\{`));
    if (start >= 0) {
      let depth = 0,
        i = text.indexOf('{', start);
      const bodyStart = i;
      for (; i < text.length; i++) {
        if (text[i] === '{') depth++;
        else if (text[i] === '}' && --depth === 0) break;
      }
      for (const m of text.slice(bodyStart, i).matchAll(/^\s*(\w+)\(/gm)) found.add(m[1]);
    }
  } catch {
    // types missing: no "not implemented" detection, calls still counted
  }
  methodCache.set(cls, found);
  return found;
}

const DATA_CLASSES = new Set([
  'Spreadsheet',
  'Sheet',
  'Range',
  'NamedRange',
  'Protection',
  'EmbeddedChart',
  'DeveloperMetadata',
  'DeveloperMetadataFinder',
  'DeveloperMetadataLocation',
]);
const WRITE =
  /^(set|insert|delete|clear|merge|breakApart|remove|append|hide|unhide|show|protect|sort|copyTo|moveTo|add|update|autoResize|trim|rename|duplicate|move)/;

/** Whether a call changes the document (so should happen under the document lock). */
export const isWrite = (cls: string, method: string) => DATA_CLASSES.has(cls) && WRITE.test(method);

/**
 * Calls answered from the objects the script already holds, with no round trip to the document:
 * a Range's own coordinates, building a Range or a finder, chaining a finder's filters.
 */
const LOCAL: Record<string, Set<string>> = {
  Range: new Set([
    'getA1Notation',
    'getRow',
    'getRowIndex',
    'getColumn',
    'getColumnIndex',
    'getNumRows',
    'getNumColumns',
    'getHeight',
    'getWidth',
    'getLastRow',
    'getLastColumn',
    'getSheet',
    'getGridId',
    'offset',
    'getCell',
    'createDeveloperMetadataFinder',
  ]),
  // A sheet's id is fixed when the sheet is made and held by the Sheet object (like a Range's grid id);
  // newChart only starts a chart builder (insertChart writes it).
  Sheet: new Set(['getRange', 'getParent', 'getSheetId', 'newChart', 'createDeveloperMetadataFinder']),
  Spreadsheet: new Set(['createDeveloperMetadataFinder']),
  DeveloperMetadataFinder: new Set([
    'withKey',
    'withValue',
    'withId',
    'withLocationType',
    'withVisibility',
    'onIntersectingLocations',
  ]),
  SpreadsheetApp: new Set([
    'getActive',
    'getActiveSpreadsheet',
    'getUi',
    'newConditionalFormatRule',
    'newDataValidation',
  ]),
};

/** How a call touches the document: 'read', 'write', 'flush' (SpreadsheetApp.flush), or undefined (it does not). */
export function callKind(cls: string, method: string): 'read' | 'write' | 'flush' | undefined {
  if (cls === 'SpreadsheetApp') {
    if (method === 'flush') return 'flush';
    if (method === 'setActiveSheet') return 'write';
    return LOCAL.SpreadsheetApp.has(method) ? undefined : 'read';
  }
  if (!DATA_CLASSES.has(cls)) return undefined;
  if (WRITE.test(method) && method !== 'createDeveloperMetadataFinder') return 'write';
  return LOCAL[cls]?.has(method) ? undefined : 'read';
}

/** The call log keeps at most this many entries (the oldest half goes when it is full). */
export const MAX_CALL_LOG = 200000;

/** One service call that touched the document, in call order. */
export interface CallLogEntry {
  object: string;
  method: string;
  /** A short summary of the arguments: strings quoted (cut at 40 characters), arrays as rows×columns, ranges in A1. */
  args: string;
  kind: 'read' | 'write' | 'flush';
  /** Range.setValues / setValue only: how many cells it wrote a formula ("=...") into. */
  formulas?: number;
}

/** Cells a setValues/setValue call writes as a formula (a string starting with "="). */
function formulaCells(method: string, args: unknown[]): number | undefined {
  const isFormula = (v: unknown) => typeof v === 'string' && v.length > 1 && v.startsWith('=');
  if (method === 'setValue') return isFormula(args[0]) ? 1 : 0;
  if (method !== 'setValues' || !Array.isArray(args[0])) return undefined;
  let n = 0;
  for (const line of args[0] as unknown[]) if (Array.isArray(line)) for (const v of line) if (isFormula(v)) n++;
  return n;
}

/** A short, cheap summary of call arguments for the call log. */
export function summarizeArgs(args: unknown[]): string {
  return args.map(summarize).join(', ');
}

function summarize(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return Array.isArray(v[0]) ? `[${v.length}×${(v[0] as unknown[]).length}]` : `[${v.length}]`;
  if (v && typeof v === 'object') {
    const range = v as { getA1Notation?: () => string; getName?: () => string };
    try {
      if (typeof range.getA1Notation === 'function') return `Range(${range.getA1Notation()})`;
      if (typeof range.getName === 'function') return `Sheet(${JSON.stringify(range.getName())})`;
    } catch {
      return 'object';
    }
    return String(v) === '[object Object]' ? '{…}' : String(v);
  }
  return String(v);
}

export interface LockLog {
  /** Whether the script currently holds the document lock. */
  held: boolean;
  /** "acquire" / "release" / "timeout" / "auto-release" (lock still held when a script call ended). */
  history: string[];
  /** Write calls ("Class.method") made while the lock was held / not held. */
  lockedWrites: number;
  unlockedWrites: string[];
  /** Set to true to simulate another execution holding the document lock: tryLock fails, waitLock throws. */
  busy: boolean;
}

export class Tracker {
  calls: Record<string, number> = {};
  /** Every call that touched the document, in order (see callKind). */
  readonly callLog: CallLogEntry[] = [];
  /** Reads made after a write with no flush in between: each makes Apps Script flush its write buffer. */
  flushes = 0;
  /** Whether writes are waiting in the (simulated) write buffer. */
  private unflushed = false;
  readonly lock: LockLog = { held: false, history: [], lockedWrites: 0, unlockedWrites: [], busy: false };
  private depth = 0;
  /** Set by the harness: whether a custom function is running (Sheets lets it read, never write). */
  inCustomFunction: () => boolean = () => false;

  reset(): void {
    for (const k of Object.keys(this.calls)) delete this.calls[k];
    this.resetCallLog();
    this.lock.history.length = 0;
    this.lock.lockedWrites = 0;
    this.lock.unlockedWrites.length = 0;
  }

  resetCallLog(): void {
    this.callLog.length = 0;
    this.flushes = 0;
    this.unflushed = false;
  }

  /** The end of a script execution: Apps Script writes out what is still buffered. */
  endExecution(): void {
    this.unflushed = false;
  }

  /**
   * Failure injection: when set to k > 0, the k-th write call from now (counted as the call log counts
   * them) throws "injected failure" before it changes anything, as a Sheets service error would; then 0.
   */
  failAtWrite = 0;

  /** Run `fn` as one call of `cls.method`, counted when it comes from outside the harness. */
  invoke<T>(cls: string, method: string, fn: () => T, args: unknown[] = []): T {
    if (this.depth === 0) {
      const kind = callKind(cls, method);
      if (kind === 'write' && this.failAtWrite > 0 && --this.failAtWrite === 0)
        throw new Error(`Service error: injected failure at ${cls}.${method}`);
      if (kind) {
        // Summarising the arguments (a Sheet by its name) is the harness's own work: not a call of the script.
        const entry: CallLogEntry = { object: cls, method, args: this.quiet(() => summarizeArgs(args)), kind };
        if (cls === 'Range') {
          const formulas = formulaCells(method, args);
          if (formulas !== undefined) entry.formulas = formulas;
        }
        this.callLog.push(entry);
        // a long-lived session (the preview) keeps the most recent calls only
        if (this.callLog.length > MAX_CALL_LOG) this.callLog.splice(0, MAX_CALL_LOG / 2);
        if (kind === 'write') this.unflushed = true;
        else if (kind === 'flush') this.unflushed = false;
        else if (this.unflushed) {
          this.flushes++;
          this.unflushed = false;
        }
      }
      const name = `${cls}.${method}`;
      this.calls[name] = (this.calls[name] ?? 0) + 1;
      if (isWrite(cls, method)) {
        if (this.lock.held) this.lock.lockedWrites++;
        else this.lock.unlockedWrites.push(name);
      }
    }
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  /** Run harness-internal work: nothing inside is counted. */
  quiet<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  wrap<T extends object>(obj: T, cls: string): T {
    const methods = gasMethods(cls);
    return new Proxy(obj, {
      get: (target, prop, receiver) => {
        const v: unknown = Reflect.get(target, prop, receiver);
        if (typeof prop !== 'string') return v;
        if (typeof v === 'function' && methods.has(prop)) {
          const f = v as (...a: unknown[]) => unknown;
          return (...args: unknown[]) => {
            // https://developers.google.com/apps-script/guides/sheets/functions#using_apps_script_services
            // "custom functions ... cannot ... set values in other cells": such a call throws in Sheets.
            if (
              this.inCustomFunction() &&
              (isWrite(cls, prop) || cls === 'Ui' || (cls === 'SpreadsheetApp' && prop === 'getUi'))
            ) {
              throw new Error(
                `You do not have permission to call ${cls === 'SpreadsheetApp' ? 'SpreadsheetApp.' : ''}${prop}`,
              );
            }
            return this.invoke(cls, prop, () => f.apply(receiver, args), args);
          };
        }
        if (v === undefined && methods.has(prop)) {
          return () => {
            throw new Error(`not implemented in harness: ${cls}.${prop}`);
          };
        }
        return v;
      },
    });
  }
}
