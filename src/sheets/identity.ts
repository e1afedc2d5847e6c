/**
 * How the workbook knows itself: every plan, sheet, row and column the add-on reads back is
 * found by identity, never by position or label text.
 *
 * - The spreadsheet holds one developer-metadata entry `kpiPlanner.plan` per plan (PlanRecord:
 *   id, language, name, fiscal year, build order, named-range suffix, KSFs, fields no cell holds).
 * - Each sheet the add-on made holds `kpiPlanner.sheet` (SheetIdentity: plan id, role, month of a
 *   report, and the sheet's own id — a copy carries the metadata but has another sheet id, so it is
 *   never taken for the original).
 * - Columns are found through the hidden column-key row (withColumnKeys), found itself by its
 *   row metadata `kpiPlanner.cols`: each cell names the declared columns it carries (`kpi`,
 *   `month.3`, `kgi.value`, …). A cell moves with its column on inserts and deletes, and the row
 *   is written with the rest of the grid — column metadata would be one call per column.
 * - Rows are found through the hidden key column (column id `key`): each row the reader needs holds
 *   its key as text (`kpi:<id>`, `kgi:baseline`, `stage:2`, `seasonality`). A cell moves with its
 *   row on inserts, deletes and sorts, and the whole column is one setValues however many KPIs
 *   there are — so a build's write calls do not grow with the number of KPIs (row metadata would
 *   be one call per row).
 *
 * A table opts in by declaring a `key` column (its rows' keys) and being listed in its sheet's
 * withColumnKeys(spec, tables) call; its sheet gets a role in `sheetMetadata`.
 */
import type { Lang } from '../core/plan';
import { type SheetSpec, type Table, toGrid } from './spec';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const META = { plan: 'kpiPlanner.plan', sheet: 'kpiPlanner.sheet', cols: 'kpiPlanner.cols' } as const;

/** The declared id of the hidden column holding each row's key. */
export const KEY_COLUMN = 'key';

export type SheetRole = 'tree' | 'plan' | 'actuals' | 'progress' | 'report' | 'archive';

/** What a sheet's `kpiPlanner.sheet` metadata says (sheetId is added by the writer). */
export interface SheetIdentity {
  planId: string;
  role: SheetRole;
  /** A report's month, `YYYY-MM`. */
  month?: string;
  sheetId?: number;
}

/** Per-KPI fields of the plan JSON that no cell holds (health-check inputs). */
export interface KpiExtras {
  baseline?: number;
  recentActuals?: (number | '')[];
}

/** What the spreadsheet's `kpiPlanner.plan` metadata says of one plan. */
export interface PlanRecord {
  id: string;
  lang: Lang;
  name: string;
  startYear: number;
  startMonth: number;
  /** Build order: 1 for the first plan built in the spreadsheet, 2 for the next, … */
  order: number;
  /** The named-range suffix of this plan ('' or '_2', …). */
  suffix: string;
  kgiUnit: 'currency' | 'count';
  currency?: string;
  preset?: string;
  /** KSFs in order (a KSF without KPIs has no row, so its name is kept here too). */
  ksfs: { id: string; name: string }[];
  extras: Record<string, KpiExtras>;
}

/** The keys the key column holds. */
export const rowKeys = {
  kpi: (id: string) => `kpi:${id}`,
  kgi: (id: string) => `kgi:${id}`,
  stage: (i: number) => `stage:${i}`,
  seasonality: 'seasonality',
  header: 'header',
  controls: 'controls',
} as const;

/**
 * A maker of short random ids (8 hex digits) not in `taken`: one Utilities.getUuid() seeds a
 * generator, so a build makes one call however many KPIs need an id.
 */
export function idMaker(taken: Set<string>, uuid: () => string = () => Utilities.getUuid()): () => string {
  let seed = 0;
  for (const ch of uuid()) seed = (Math.imul(seed, 31) + ch.charCodeAt(0)) | 0;
  const next = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0).toString(16).padStart(8, '0');
  };
  return () => {
    for (;;) {
      const id = next();
      if (!taken.has(id)) {
        taken.add(id);
        return id;
      }
    }
  };
}

/**
 * Adds the hidden column-key row to a sheet spec, one row below everything else: each cell holds
 * the declared ids of every table in that column (`ksf kgi.label funnel.stage`), and the row
 * holds the `kpiPlanner.cols` metadata it is found by. A column inserted later has a blank key
 * cell (it is no column of ours); a deleted one takes its key with it. One row, one metadata call.
 */
export function withColumnKeys(spec: SheetSpec, parts: { table: Table<any, any>; prefix?: string }[]): SheetSpec {
  const byCol = new Map<number, string[]>();
  for (const { table, prefix = '' } of parts) {
    for (const c of table.columns) {
      const span = c.span ?? 1;
      for (let j = 0; j < span; j++) {
        const col = table.index(c.id, j);
        byCol.set(col, [...(byCol.get(col) ?? []), `${prefix}${c.id}${span > 1 ? `.${j}` : ''}`]);
      }
    }
  }
  const row = toGrid(spec).rows + 1;
  const cols = Math.max(...byCol.keys());
  const cells = [Array.from({ length: cols }, (_, j) => byCol.get(j + 1)?.join(' ') ?? null)];
  return {
    ...spec,
    blocks: [...spec.blocks, { row, col: 1, cells, style: { color: '#5f6368', fontSize: 8 } }],
    hiddenRows: [...(spec.hiddenRows ?? []), { row }],
    rowMetadata: [...(spec.rowMetadata ?? []), { row, key: META.cols, value: '1' }],
  };
}

/** The sheet-level metadata of a sheet the add-on makes. */
export const sheetMetadata = (identity: SheetIdentity) => ({ key: META.sheet, value: { ...identity } });

// ---------------------------------------------------------------------------------------
// Finding things (Apps Script).

const parse = <T>(text: string | null): T | undefined => {
  try {
    return JSON.parse(text ?? '') as T;
  } catch {
    return undefined;
  }
};

/** Every plan of the spreadsheet, in build order. */
export function planRecords(ss: Spreadsheet): PlanRecord[] {
  return ss
    .getDeveloperMetadata()
    .filter((m) => m.getKey() === META.plan)
    .flatMap((m) => {
      const r = parse<PlanRecord>(m.getValue());
      return r && typeof r.id === 'string' ? [r] : [];
    })
    .sort((a, b) => a.order - b.order);
}

/** The metadata entry of one plan (to rewrite it). */
export function planMetadata(
  ss: Spreadsheet,
  planId: string,
): GoogleAppsScript.Spreadsheet.DeveloperMetadata | undefined {
  return ss
    .getDeveloperMetadata()
    .find((m) => m.getKey() === META.plan && parse<PlanRecord>(m.getValue())?.id === planId);
}

export interface IdentifiedSheet {
  sheet: Sheet;
  identity: SheetIdentity;
}

/** Every sheet the add-on made, with its identity (a copy, whose sheet id differs, is not one). */
export function identifiedSheets(ss: Spreadsheet): IdentifiedSheet[] {
  return ss.getSheets().flatMap((sheet) => {
    const identity = identityOf(sheet);
    return identity ? [{ sheet, identity }] : [];
  });
}

/** The identity of one sheet (undefined for a user's sheet or a copy). */
export function identityOf(sheet: Sheet): SheetIdentity | undefined {
  const m = sheet.getDeveloperMetadata().find((x) => x.getKey() === META.sheet);
  const identity = m && parse<SheetIdentity>(m.getValue());
  return identity && identity.sheetId === sheet.getSheetId() ? identity : undefined;
}

/** The declared ids a cell of the column-key row holds (`ksf kgi.label funnel.stage`). */
const idsIn = (cell: unknown): string[] =>
  String(cell ?? '')
    .split(' ')
    .filter(Boolean);

/**
 * One sheet read back by identity: its values and formulas (one read each, from A1), where each
 * declared column is now (by column metadata) and where each keyed row is now (by the key column).
 */
export class KeyedSheet {
  readonly values: unknown[][];
  readonly formulas: string[][];
  private readonly cols = new Map<string, number>();
  private readonly rows = new Map<string, number>();
  /** The `kpiPlanner.cols` metadata of the column-key row, and that row (0-based; -1 when there is none). */
  readonly keyMeta: GoogleAppsScript.Spreadsheet.DeveloperMetadata | undefined;
  readonly keyRow: number;

  constructor(readonly sheet: Sheet) {
    this.keyMeta = sheet.createDeveloperMetadataFinder().withKey(META.cols).find()[0];
    const keyRow = this.keyMeta?.getLocation().getRow()?.getRow();
    const box = sheet.getDataRange();
    this.values = box.getValues();
    this.formulas = box.getFormulas();
    // The row the metadata names, else (a sort moved its cells) the row that names the key column.
    const names = (r: unknown[] | undefined) => (r ?? []).some((cell) => idsIn(cell).includes(KEY_COLUMN));
    let at = keyRow !== undefined && names(this.values[keyRow - 1]) ? keyRow - 1 : this.values.findIndex(names);
    if (at < 0) at = keyRow === undefined ? -1 : keyRow - 1;
    this.keyRow = at;
    if (at >= 0) {
      (this.values[at] ?? []).forEach((cell, c) => {
        for (const id of idsIn(cell)) if (!this.cols.has(id)) this.cols.set(id, c);
      });
    }
    const key = this.cols.get(KEY_COLUMN);
    if (key !== undefined) {
      this.values.forEach((row, i) => {
        const k = row[key];
        if (typeof k === 'string' && k && !this.rows.has(k)) this.rows.set(k, i);
      });
    }
  }

  /** 0-based column of a declared id (e.g. `month.3`), undefined when it is gone. */
  col(id: string): number | undefined {
    return this.cols.get(id);
  }

  /** 0-based row of a key, undefined when absent. */
  row(key: string): number | undefined {
    return this.rows.get(key);
  }

  /** The keys in row order that start with `prefix` (e.g. every `kpi:`), without it. */
  keys(prefix: string): { id: string; row: number }[] {
    return [...this.rows.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, row]) => ({ id: k.slice(prefix.length), row }))
      .sort((a, b) => a.row - b.row);
  }

  /** The value at a keyed row and declared column ('' when either is gone). */
  value(key: string, col: string): unknown {
    return this.cell(this.values, key, col);
  }

  /** The formula at a keyed row and declared column ('' when either is gone or it holds none). */
  formula(key: string, col: string): string {
    return this.cell(this.formulas, key, col) as string;
  }

  private cell(grid: unknown[][], key: string, col: string): unknown {
    const r = this.rows.get(key);
    const c = this.cols.get(col);
    return r === undefined || c === undefined ? '' : (grid[r]?.[c] ?? '');
  }

  /** The values of a row at a span's columns (`month` → month.0 … month.11). */
  span(key: string, id: string, n: number): unknown[] {
    return Array.from({ length: n }, (_, j) => this.value(key, `${id}.${j}`));
  }
}
