// Saving the whole workbook to JSON and loading it back (the offline preview persists with this).
import { cellA1, parseA1, rectA1, type Rect } from './a1';
import type { Ctx } from './context';
import {
  DEFAULT_COLS,
  DEFAULT_ROWS,
  key,
  type CellInput,
  type CellMeta,
  type CfRuleSpec,
  type ChartSpec,
  type ProtectionSpec,
} from './engine';

export interface CellJSON extends CellMeta {
  /** A value (strings are text, numbers raw: a date is a serial number with a date format). */
  v?: number | string | boolean;
  /** A formula, as written. */
  f?: string;
}
export interface SheetJSON {
  name: string;
  gid: number;
  maxRows: number;
  maxCols: number;
  frozenRows: number;
  frozenCols: number;
  colWidths: Record<string, number>;
  rowHeights: Record<string, number>;
  tabColor: string | null;
  hidden: boolean;
  hiddenCols?: number[];
  hiddenRows?: number[];
  /** Keyed by A1 ("B3"). */
  cells: Record<string, CellJSON>;
  merges: string[];
  cfRules: (Omit<CfRuleSpec, 'ranges'> & { ranges: string[] })[];
  charts: ChartSpec[];
  protections: (Omit<ProtectionSpec, 'rect'> & { range?: string })[];
}
export interface WorkbookJSON {
  version: 1;
  id: string;
  name: string;
  locale: string;
  timeZone: string;
  activeSheet: string;
  sheets: SheetJSON[];
  namedRanges: { name: string; sheet: string; range: string }[];
  /** Developer metadata; `sheet` names the sheet of a SHEET/ROW/COLUMN location, `index` is the 1-based row/column. */
  developerMetadata?: {
    id: number;
    key: string;
    value: string | null;
    visibility: 'DOCUMENT' | 'PROJECT';
    location: { type: 'SPREADSHEET' | 'SHEET' | 'ROW' | 'COLUMN'; sheet?: string; index?: number };
  }[];
  properties: { document: Record<string, string>; script: Record<string, string>; user: Record<string, string> };
}

export function saveWorkbook(ctx: Ctx, meta: { id: string; name: string }): WorkbookJSON {
  const { engine } = ctx;
  const sheets = engine.sheets.map((sm): SheetJSON => {
    const cells: Record<string, CellJSON> = {};
    const hfCells = engine.hf.getSheetSerialized(sm.hfId);
    hfCells.forEach((line, r) =>
      line.forEach((_, c) => {
        if (
          !engine.hf.doesCellHaveFormula({ sheet: sm.hfId, row: r, col: c }) &&
          engine.hf.isCellPartOfArray({ sheet: sm.hfId, row: r, col: c })
        )
          return;
        const f = engine.formula(sm, r, c);
        if (f) cells[cellA1(r, c)] = { f };
        else {
          const v = engine.hf.getCellValue({ sheet: sm.hfId, row: r, col: c });
          if (v !== null && typeof v !== 'object') cells[cellA1(r, c)] = { v };
        }
      }),
    );
    for (const [k, m] of sm.cells) {
      const [r, c] = k.split(',').map(Number);
      cells[cellA1(r, c)] = { ...cells[cellA1(r, c)], ...structuredClone(m) };
    }
    return {
      name: sm.name,
      gid: sm.gid,
      maxRows: sm.maxRows,
      maxCols: sm.maxCols,
      frozenRows: sm.frozenRows,
      frozenCols: sm.frozenCols,
      colWidths: { ...sm.colWidths },
      rowHeights: { ...sm.rowHeights },
      hiddenCols: [...sm.hiddenCols],
      ...(sm.hiddenRows?.length ? { hiddenRows: [...sm.hiddenRows] } : {}),
      tabColor: sm.tabColor,
      hidden: sm.hidden,
      cells,
      merges: sm.merges.map(rectA1),
      cfRules: sm.cfRules.map((r) => ({ ...structuredClone(r), ranges: r.ranges.map(rectA1) })),
      charts: structuredClone(sm.charts),
      protections: sm.protections.map(({ rect, ...p }) => ({
        ...structuredClone(p),
        ...(rect ? { range: rectA1(rect) } : {}),
      })),
    };
  });
  const namedRanges = engine.namedNames().flatMap((name) => {
    const n = engine.named(name);
    return n ? [{ name, sheet: n.sm.name, range: rectA1(n.rect) }] : [];
  });
  for (const name of engine.brokenNames()) namedRanges.push({ name, sheet: '', range: '#REF!' });
  return {
    version: 1,
    id: meta.id,
    name: meta.name,
    locale: engine.locale,
    timeZone: engine.timeZone,
    activeSheet: (engine.active ?? engine.sheets[0]).name,
    sheets,
    namedRanges,
    developerMetadata: engine.metadata.map((m) => ({
      id: m.id,
      key: m.key,
      value: m.value,
      visibility: m.visibility,
      location:
        m.location.type === 'SPREADSHEET'
          ? { type: 'SPREADSHEET' as const }
          : m.location.type === 'SHEET'
            ? { type: 'SHEET' as const, sheet: m.location.sheet.name }
            : { type: m.location.type, sheet: m.location.sheet.name, index: m.location.index + 1 },
    })),
    properties: {
      document: Object.fromEntries(ctx.properties.document),
      script: Object.fromEntries(ctx.properties.script),
      user: Object.fromEntries(ctx.properties.user),
    },
  };
}

/** Validate and load a saved workbook into an empty engine. Throws an Error naming what is wrong. */
export function loadWorkbook(ctx: Ctx, json: unknown, meta: { id: string; name: string }): void {
  const wb = json as Partial<WorkbookJSON>;
  if (!wb || typeof wb !== 'object' || wb.version !== 1 || !Array.isArray(wb.sheets) || !wb.sheets.length) {
    throw new Error('workbook: not a saved workbook (expected { version: 1, sheets: [...] })');
  }
  const { engine } = ctx;
  if (typeof wb.id === 'string') meta.id = wb.id;
  if (typeof wb.name === 'string') meta.name = wb.name;
  if (typeof wb.locale === 'string') engine.locale = wb.locale;
  if (typeof wb.timeZone === 'string') engine.timeZone = wb.timeZone;
  const rect = (a1: string, sheet: SheetJSON): Rect => {
    const r = parseA1(a1, sheet.maxRows ?? DEFAULT_ROWS, sheet.maxCols ?? DEFAULT_COLS);
    if (!r) throw new Error(`workbook: sheet "${sheet.name}": bad range ${JSON.stringify(a1)}`);
    return r;
  };
  const sheets = wb.sheets.map((s, i) => {
    if (!s || typeof s.name !== 'string') throw new Error(`workbook: sheets[${i}] has no name`);
    const sm = engine.addSheet(s.name, undefined, typeof s.gid === 'number' ? s.gid : undefined);
    sm.maxRows = s.maxRows ?? DEFAULT_ROWS;
    sm.maxCols = s.maxCols ?? DEFAULT_COLS;
    sm.frozenRows = s.frozenRows ?? 0;
    sm.hiddenCols = Array.isArray(s.hiddenCols) ? s.hiddenCols.filter(Number.isInteger) : [];
    if (Array.isArray(s.hiddenRows)) sm.hiddenRows = s.hiddenRows.filter(Number.isInteger);
    sm.frozenCols = s.frozenCols ?? 0;
    sm.colWidths = Object.fromEntries(Object.entries(s.colWidths ?? {}).map(([k, v]) => [Number(k), v]));
    sm.rowHeights = Object.fromEntries(Object.entries(s.rowHeights ?? {}).map(([k, v]) => [Number(k), v]));
    sm.tabColor = s.tabColor ?? null;
    sm.hidden = !!s.hidden;
    sm.merges = (s.merges ?? []).map((a) => rect(a, s));
    sm.cfRules = (s.cfRules ?? []).map((r) => ({ ...structuredClone(r), ranges: r.ranges.map((a) => rect(a, s)) }));
    sm.charts = structuredClone(s.charts ?? []);
    sm.protections = (s.protections ?? []).map(({ range, ...p }) => ({
      ...structuredClone(p),
      ...(range ? { rect: rect(range, s) } : {}),
    }));
    return { s, sm };
  });
  for (const n of wb.namedRanges ?? []) {
    if (n.range === '#REF!') {
      engine.hf.addNamedExpression(n.name, '=#REF!');
      continue;
    }
    const found = sheets.find((x) => x.sm.name === n.sheet);
    if (!found) throw new Error(`workbook: named range ${n.name} refers to a missing sheet "${n.sheet}"`);
    engine.setNamed(n.name, found.sm, rect(n.range, found.s));
  }
  engine.batch(() => {
    for (const { s, sm } of sheets) {
      for (const [a1, cell] of Object.entries(s.cells ?? {})) {
        const r = rect(a1, s);
        const { v, f, ...m } = cell;
        if (Object.keys(m).length) sm.cells.set(key(r.row, r.col), m);
        const input: CellInput = f ? { formula: f } : v === undefined ? null : v;
        if (input !== null) engine.write(sm, r.row, r.col, [[input]]);
      }
    }
  });
  for (const [i, m] of (wb.developerMetadata ?? []).entries()) {
    const where = `workbook: developerMetadata[${i}]`;
    if (!m || typeof m.key !== 'string' || !Number.isInteger(m.id) || !m.location)
      throw new Error(`${where} needs an integer id, a key and a location`);
    const type = m.location.type;
    const visibility = m.visibility === 'PROJECT' ? 'PROJECT' : 'DOCUMENT';
    const base = { id: m.id, key: m.key, value: m.value ?? null, visibility } as const;
    if (type === 'SPREADSHEET') {
      engine.metadata.push({ ...base, location: { type } });
      continue;
    }
    const sheet = engine.sheetByName(m.location.sheet ?? '');
    if (!sheet) throw new Error(`${where} refers to a missing sheet ${JSON.stringify(m.location.sheet)}`);
    if (type === 'SHEET') engine.metadata.push({ ...base, location: { type, sheet } });
    else if (
      (type === 'ROW' || type === 'COLUMN') &&
      Number.isInteger(m.location.index) &&
      (m.location.index as number) >= 1
    ) {
      engine.metadata.push({ ...base, location: { type, sheet, index: (m.location.index as number) - 1 } });
    } else throw new Error(`${where} has a bad location ${JSON.stringify(m.location)}`);
  }
  engine.active = engine.sheetByName(wb.activeSheet ?? '') ?? engine.sheets[0];
  for (const scope of ['document', 'script', 'user'] as const) {
    for (const [k, v] of Object.entries(wb.properties?.[scope] ?? {})) ctx.properties[scope].set(k, String(v));
  }
}
