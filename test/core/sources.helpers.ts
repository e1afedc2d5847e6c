// Test helpers for source links: the fixture exports (CSV written for the project), the way Sheets
// converts pasted text, and HyperFormula evaluation of the formulas of src/core/sourceFormulas.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HyperFormula } from 'hyperformula';
import { daySerial, zoneOffsetMinutes } from '../../src/core/sources';

export const EXPORTS = [
  'hubspot-deals',
  'hubspot-contacts',
  'salesforce-opportunities',
  'ga4-sessions',
  'ja-crm',
] as const;

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

export const readExport = (name: string): string[][] =>
  parseCsv(readFileSync(join(__dirname, '..', 'fixtures', 'exports', `${name}.csv`), 'utf8'));

/** A cell as HyperFormula holds it: a number, a date serial (`{ serial }`), an error (`{ error }`), text or blank. */
export type Cell = number | string | boolean | null | { serial: number } | { error: '#N/A' };

/**
 * A pasted CSV value as Sheets converts it (File › Import with "convert text to numbers and dates"):
 * plain and comma-grouped numbers become numbers, `2026-04-01` / `2026/4/1` (with an optional h:mm time)
 * become dates; everything else stays text. `raw` keeps all text (a plain-text column or IMPORTDATA).
 */
export function sheetsCell(text: string, raw = false): Cell {
  if (text === '') return null;
  if (raw) return text;
  if (/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(text)) return Number(text.replaceAll(',', ''));
  const d = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?: (\d{1,2}):(\d{2}))?$/.exec(text);
  if (d) {
    const [y, m, day, hh, mi] = d.slice(1).map((x) => Number(x ?? 0));
    const t = new Date(Date.UTC(y, m - 1, day));
    if (t.getUTCMonth() === m - 1 && t.getUTCDate() === day)
      return { serial: daySerial(y, m, day) + (hh * 60 + mi) / 1440 };
  }
  return text;
}

/** UTC milliseconds of a wall-clock serial number in `timeZone` (what a date cell's getValues Date holds). */
export function serialToMs(serial: number, timeZone: string): number {
  const wall = Date.UTC(1899, 11, 30) + Math.round(serial * 86400000);
  const guess = wall - zoneOffsetMinutes(wall, timeZone) * 60000;
  return wall - zoneOffsetMinutes(guess, timeZone) * 60000;
}

/** What getValues gives for a cell: dates as Date objects, blanks as ''. */
export function getValue(cell: Cell, timeZone: string): unknown {
  if (cell === null) return '';
  if (typeof cell === 'object') return 'error' in cell ? cell.error : new Date(serialToMs(cell.serial, timeZone));
  return cell;
}

/** HyperFormula content of a cell: text kept as text (a leading apostrophe), dates as serial numbers. */
function hfContent(cell: Cell): string | number | boolean | null {
  if (cell === null || typeof cell === 'number' || typeof cell === 'boolean') return cell;
  if (typeof cell === 'object') return 'error' in cell ? '=NA()' : cell.serial;
  return `'${cell}`;
}

/** Evaluates `formulas` in HyperFormula with `rows` in a sheet named `sheetName`; returns their values. */
export function evaluate(sheetName: string, rows: Cell[][], formulas: string[]): unknown[] {
  const hf = HyperFormula.buildEmpty({
    licenseKey: 'gpl-v3',
    evaluateNullToZero: false,
    smartRounding: false,
    maxRows: 100000,
  });
  try {
    hf.addSheet(sheetName);
    hf.addSheet('Actuals');
    const source = hf.getSheetId(sheetName) as number;
    const out = hf.getSheetId('Actuals') as number;
    hf.setSheetContent(
      source,
      rows.map((r) => r.map(hfContent)),
    );
    hf.setSheetContent(out, [formulas]);
    return formulas.map((_, col) => {
      const v = hf.getCellValue({ sheet: out, row: 0, col });
      return typeof v === 'object' && v !== null && 'value' in v
        ? `${(v as { value: string }).value}: ${(v as { message?: string }).message}`
        : v;
    });
  } finally {
    hf.destroy();
  }
}
