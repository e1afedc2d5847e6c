// What every fake service object shares: the workbook engine, the call tracker, the UI log and
// the factories that create (tracked) Sheet and Range objects.
import type { Rect } from './a1';
import type { Engine, SheetModel } from './engine';
import type { Tracker } from './tracker';

export interface UiLog {
  menus: { title: string; items: MenuItem[] }[];
  sidebars: { title: string; html: string }[];
  dialogs: { title: string; html: string; modal: boolean; width?: number; height?: number }[];
  alerts: { title: string; prompt: string; buttons: string; kind: 'alert' | 'prompt'; answer: string }[];
  toasts: { message: string; title: string; timeoutSeconds?: number }[];
  /** Queue the answer to the next alert/prompt: a button name ("OK", "YES", "NO", "CANCEL", "CLOSE") and, for a prompt, the text. */
  answer(button: string, text?: string): void;
  /** Scripted answers not used yet. */
  pending: { button: string; text: string }[];
}
export interface MenuItem {
  caption: string;
  functionName: string;
  separator?: boolean;
  submenu?: { title: string; items: MenuItem[] };
}

export interface Ctx {
  engine: Engine;
  tracker: Tracker;
  ui: UiLog;
  dist: string;
  addonName: string;
  /** The script's time zone (Session.getScriptTimeZone); the spreadsheet's is engine.timeZone. */
  scriptTimeZone: string;
  DateCtor: DateConstructor;
  properties: { document: Map<string, string>; script: Map<string, string>; user: Map<string, string> };
  wrap<T extends object>(obj: T, cls: string): T;
  sheet(sm: SheetModel): GoogleAppsScript.Spreadsheet.Sheet;
  range(sm: SheetModel, rect: Rect): GoogleAppsScript.Spreadsheet.Range;
  spreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet;
  uiService(): GoogleAppsScript.Base.Ui;
  /** Ranges of a stored rule ({ sheet?, ranges }), as Range objects. */
  rangesOf(spec: { sheet?: string; ranges: Rect[] }): GoogleAppsScript.Spreadsheet.Range[];
  /** A range from "'Sheet'!A1:B2", a named range, or A1 on the active sheet; throws "Range not found". */
  rangeByA1(ref: string): GoogleAppsScript.Spreadsheet.Range;
  /** Criteria values of a validation as Apps Script returns them (ranges as Range objects, dates as Dates). */
  criteriaValues(spec: { values: unknown[] }): unknown[];
}
