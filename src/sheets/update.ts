/**
 * `updateWorkbook(plan)`: applies an edited plan (with the ids getPlan returned) to that plan's
 * own sheets, in place, under the document lock. Everything is read and computed before the first
 * write: the plan as it is now, every actual by KPI id, the archive of removed KPIs, each sheet's
 * own columns and notes (inplace.ts). Then each sheet keeps its Sheet (id, name, place, tab colour)
 * and gets its content again from the same workbookSpec the build uses, with its own name: the
 * actuals of kept KPIs in their new rows, to the cell; the user's columns back after the add-on
 * column they followed, their cells on their KPI's new row; named ranges on the new cells. Each
 * sheet is copied first; a failure at any write puts everything back from the copies and leaves the
 * workbook as it was. Reports are snapshots and stay as they are.
 *
 * A removed KPI's actuals go to the plan's archive sheet ("Removed KPIs" / 削除したKPI) with the
 * date removed, and come back when a KPI with its id is added again. Changing the fiscal year's
 * start is refused (the typed actuals would move to other months).
 */
import type { Kpi, Lang, Plan } from '../core/plan';
import { funnelTargets, normalizePlan, planKpis } from '../core/validate';
import { healthyPlan, kpiChecks, parsePlanInput, planRecord, withDocumentLock, withIds } from './build';
import {
  KEY_COLUMN,
  KeyedSheet,
  planMetadata,
  rowKeys,
  type SheetRole,
  sheetMetadata,
  withColumnKeys,
} from './identity';
import { label, labelOf } from './labels';
import { choosePlan, type PlanSheets, readPlan } from './read-plan';
import { type Cell, type SheetSpec, Table, toGrid } from './spec';
import {
  backUp,
  type Journal,
  planRewrite,
  putBackUserColumns,
  readSheet,
  removeBackups,
  rewriteContent,
  rollback,
  takeOutUserColumns,
} from './inplace';
import { freeSheetName, takenNames, writeSheets } from './writer';
import { defaultNames, HINT, TITLE, type WorkbookNames, workbookSpec } from './workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface PlanChanges {
  kpisAdded: { id: string; name: string }[];
  kpisRemoved: { id: string; name: string }[];
  kpisRenamed: { id: string; from: string; to: string }[];
  kpisMoved: { id: string; name: string; from: string; to: string }[];
  stagesAdded: string[];
  stagesRemoved: string[];
}

export interface UpdateResult {
  sheets: string[];
  warnings: string[];
  changes: PlanChanges;
}

/** One archived KPI: who it was, when it was removed, its 12 actuals. */
interface Archived {
  id: string;
  ksf: string;
  kpi: string;
  unit: string;
  owner: string;
  removed: string;
  months: unknown[];
}

const ARCHIVE_TABLE = new Table<Archived>([
  { id: 'ksf', header: labelOf('ksf'), minWidth: 160, cell: (a) => a.ksf },
  {
    id: 'kpi',
    header: labelOf('kpi'),
    minWidth: 160,
    cell: (a) => a.kpi,
    style: () => ({ bold: true }),
  },
  { id: 'unit', header: labelOf('unit'), cell: (a) => a.unit },
  { id: 'owner', header: labelOf('owner'), cell: (a) => a.owner },
  { id: 'removed', header: labelOf('archiveRemoved'), minWidth: 100, cell: (a) => a.removed },
  { id: 'month', span: 12, header: (_, j) => `${j + 1}`, cell: (a, j) => actualCell(a.months[j]) },
  { id: KEY_COLUMN, header: () => 'KPI ID', hidden: true, cell: (a) => rowKeys.kpi(a.id) },
]);

/** An actual as read back, as a cell to write again (a number, a text, a checkbox value). */
function actualCell(v: unknown): Cell {
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v === '' || v === null || v === undefined ? null : String(v);
}

function archiveSpec(name: string, lang: Lang, planId: string, rows: Archived[], months: string[]): SheetSpec {
  const table = ARCHIVE_TABLE;
  const headers = table
    .headers(lang)
    .map((h, j) =>
      j >= table.offset('month') && j <= table.offset('month', 11) ? months[j - table.offset('month')] : h,
    );
  return withColumnKeys(
    {
      name,
      tabColor: '#80868b',
      frozenRows: 3,
      columnWidths: table.widths(),
      hiddenColumns: table.hidden(),
      sheetMetadata: [sheetMetadata({ planId, role: 'archive' })],
      blocks: [
        { row: 1, col: 1, cells: [[label(lang, 'sheetArchive')]], style: TITLE },
        { row: 2, col: 1, cells: [[label(lang, 'archiveHint')]], style: HINT },
        { row: 3, col: 1, cells: [headers], style: { bold: true, background: '#dadce0' } },
        ...(rows.length ? [{ row: 4, col: 1, cells: table.cells(rows) }] : []),
      ],
    },
    [{ table }],
  );
}

/** The archive as read (by KPI id). */
function readArchive(sheet: Sheet | undefined): Archived[] {
  if (!sheet) return [];
  const a = new KeyedSheet(sheet);
  return a.keys('kpi:').map(({ id }) => {
    const key = rowKeys.kpi(id);
    const s = (col: string) => String(a.value(key, col) ?? '');
    return {
      id,
      ksf: s('ksf'),
      kpi: s('kpi'),
      unit: s('unit'),
      owner: s('owner'),
      removed: s('removed'),
      months: a.span(key, 'month', 12),
    };
  });
}

/** Every keyed row's 12 typed months on Actuals (KPIs as `kpi:<id>`, and any other keyed input row). */
function readTyped(sheet: Sheet | undefined): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  if (!sheet) return out;
  const a = new KeyedSheet(sheet);
  for (const { id } of a.keys('')) if (id !== rowKeys.header) out.set(id, a.span(id, 'month', 12));
  return out;
}

/**
 * The new Actuals spec with what was typed before, by row key, to the cell: each keyed row of the
 * new sheet gets its old months (a KPI's actuals, or those an archived KPI had), only in cells the
 * spec leaves blank (inputs) — one block per row, all written in the one setValues.
 */
function withTyped(
  spec: SheetSpec,
  table: Table<never> | Table<any, any>,
  typed: Map<string, unknown[]>,
  restored: Map<string, unknown[]>,
): SheetSpec {
  const grid = toGrid(spec);
  const key = table.index(KEY_COLUMN) - 1;
  const month = (j: number) => table.index('month', j) - 1;
  const blocks = grid.cells.flatMap((row, r) => {
    const k = row[key];
    if (typeof k !== 'string' || !k) return [];
    const old = typed.get(k) ?? (k.startsWith('kpi:') ? restored.get(k.slice(4)) : undefined);
    if (!old) return [];
    return Array.from({ length: 12 }, (_, j) => j)
      .filter((j) => row[month(j)] === null && old[j] !== '' && old[j] !== undefined)
      .map((j) => ({ row: r + 1, col: month(j) + 1, cells: [[actualCell(old[j])]] }));
  });
  return { ...spec, blocks: [...spec.blocks, ...blocks] };
}

type Role = Exclude<SheetRole, 'report'>;
const ROLES: Role[] = ['tree', 'plan', 'actuals', 'progress', 'archive'];

/**
 * Applies `input` (a plan with its id, as getPlan returned it, or its JSON text) to that plan's
 * sheets in place. Throws — writing nothing — for an invalid plan, an unknown id or a changed
 * fiscal-year start.
 */
export function updateWorkbook(input: unknown): UpdateResult {
  const raw = parsePlanInput(input, 'updateWorkbook');
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const planId = (raw as Partial<Plan> | null)?.id;
  if (typeof planId !== 'string' || !planId) {
    throw new Error(label((raw as Partial<Plan> | null)?.locale === 'ja' ? 'ja' : 'en', 'updateNeedsId'));
  }
  const found = choosePlan(ss, planId, 'updateWorkbook')!;
  const lang = found.record.lang;
  return withDocumentLock(lang, () => apply(found, { ...(raw as Plan), locale: lang }));
}

function apply(found: PlanSheets, edited: Plan): UpdateResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const { record } = found;
  const lang = record.lang;
  // ---- every read first
  const { plan: now } = readPlan(found);
  const typed = readTyped(found.sheets.actuals);
  const actuals = new Map(
    [...typed].flatMap(([key, months]) => (key.startsWith('kpi:') ? [[key.slice(4), months]] : [])),
  );
  const archive = readArchive(found.sheets.archive);
  const taken = takenNames(ss);
  const today = Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone(), 'yyyy-MM-dd');
  const metadata = planMetadata(ss, record.id);

  // ---- the fiscal year's start stays
  const built = now.fiscalYear;
  const fy = edited.fiscalYear ?? built;
  const startMonth = fy?.startMonth ?? built.startMonth;
  if (fy?.startYear !== built.startYear || startMonth !== built.startMonth) {
    const show = (y: unknown, m: unknown) => `${y}-${String(m).padStart(2, '0')}`;
    throw new Error(
      label(lang, 'fyChange', { from: show(built.startYear, built.startMonth), to: show(fy?.startYear, startMonth) }),
    );
  }

  // ---- a KPI linked to a removed stage keeps its old target, by hand
  const warnings: string[] = [];
  const oldKpis = new Map(
    planKpis(now).map(({ ksf, kpi, ksfIndex }) => [kpi.id, { ksf, ksfId: now.ksfs[ksfIndex].id, kpi }]),
  );
  let oldVolumes: number[] = [];
  try {
    oldVolumes = funnelTargets(now);
  } catch {
    // the old funnel did not compute: no target to keep
  }
  const stageCount = Array.isArray(edited.funnel?.stages) ? edited.funnel.stages.length : 0;
  const plan: Plan = {
    ...edited,
    fiscalYear: { startYear: built.startYear, startMonth: built.startMonth },
    ksfs: (edited.ksfs ?? []).map((k) => ({
      ...k,
      kpis: (k.kpis ?? []).map((x): Kpi => {
        if (!(typeof x?.stage === 'number' && x.stage >= stageCount)) return x;
        const { stage: _gone, ...rest } = x;
        void _gone;
        const before = x.id ? oldKpis.get(x.id)?.kpi : undefined;
        const target = x.target ?? (before?.stage !== undefined ? oldVolumes[before.stage] : undefined);
        warnings.push(
          target === undefined
            ? label(lang, 'stageGoneNoTarget', { kpi: x.name })
            : label(lang, 'stageGone', { kpi: x.name, target: String(target) }),
        );
        return target === undefined ? rest : { ...rest, target };
      }),
    })),
  };

  const health = healthyPlan(plan, lang);
  warnings.unshift(...health.findings.map((x) => x.message));

  // ---- ids: kept; new KSFs and KPIs get new ones (the plan keeps its own)
  const identified = withIds({ ...plan, id: record.id }, new Set());
  const normalized = normalizePlan(identified);
  const kpis = planKpis(normalized);

  // ---- what changed
  const newIds = new Set(kpis.map(({ kpi }) => kpi.id!));
  const changes: PlanChanges = {
    kpisAdded: [],
    kpisRemoved: [],
    kpisRenamed: [],
    kpisMoved: [],
    stagesAdded: [],
    stagesRemoved: [],
  };
  for (const { ksf, kpi, ksfIndex } of kpis) {
    const before = oldKpis.get(kpi.id!);
    if (!before) {
      changes.kpisAdded.push({ id: kpi.id!, name: kpi.name });
      continue;
    }
    if (before.kpi.name !== kpi.name) changes.kpisRenamed.push({ id: kpi.id!, from: before.kpi.name, to: kpi.name });
    if (before.ksfId !== normalized.ksfs[ksfIndex].id)
      changes.kpisMoved.push({ id: kpi.id!, name: kpi.name, from: before.ksf, to: ksf });
  }
  const removed = [...oldKpis.values()].filter(({ kpi }) => !newIds.has(kpi.id));
  changes.kpisRemoved = removed.map(({ kpi }) => ({ id: kpi.id, name: kpi.name }));
  const oldStages = now.funnel.stages.map((s) => s.name);
  const newStages = normalized.funnel.stages.map((s) => s.name);
  changes.stagesAdded = newStages.filter((s) => !oldStages.includes(s));
  changes.stagesRemoved = oldStages.filter((s) => !newStages.includes(s));

  // ---- the archive: removed KPIs in, KPIs added back out (their actuals return)
  const archived = new Map(archive.map((a) => [a.id, a]));
  const restored = new Map<string, unknown[]>();
  for (const { kpi } of kpis) {
    const back = archived.get(kpi.id!);
    if (back && !actuals.has(kpi.id!)) restored.set(kpi.id!, back.months);
    archived.delete(kpi.id!);
  }
  for (const { ksf, kpi } of removed) {
    archived.set(kpi.id, {
      id: kpi.id,
      ksf,
      kpi: kpi.name,
      unit: kpi.unit ?? '',
      owner: kpi.owner ?? '',
      removed: today,
      months: actuals.get(kpi.id) ?? Array(12).fill(''),
    });
  }

  // ---- the new content of each sheet, under the sheet's own name
  const free = (name: string) => {
    const picked = freeSheetName(taken.sheets, name);
    taken.sheets.push(picked);
    return picked;
  };
  // Each sheet keeps its name; a plan sheet the user deleted is made again, under a free name.
  const finalNames: WorkbookNames['sheets'] = defaultNames(lang).sheets;
  for (const role of ['tree', 'plan', 'actuals', 'progress'] as const)
    finalNames[role] = found.sheets[role]?.getName() ?? free(finalNames[role]);
  const checks = kpiChecks(identified, health, lang);
  const wb = workbookSpec(identified, { sheets: finalNames, suffix: record.suffix }, checks);
  const roleOf = (name: string) => ROLES.find((r) => r !== 'archive' && finalNames[r] === name)!;
  const specs = wb.sheets.map((spec) => ({
    role: roleOf(spec.name),
    spec: spec.name === finalNames.actuals ? withTyped(spec, wb.tables.actuals, typed, restored) : spec,
  }));
  if (archived.size) {
    const months = wb.tables.actuals
      .headers(lang)
      .slice(wb.tables.actuals.offset('month'), wb.tables.actuals.offset('month', 11) + 1);
    const name = found.sheets.archive?.getName() ?? free(label(lang, 'sheetArchive'));
    specs.push({ role: 'archive', spec: archiveSpec(name, lang, record.id, [...archived.values()], months) });
  }
  const emptied = archived.size ? undefined : found.sheets.archive;
  const rewrites = specs.flatMap(({ role, spec }) => {
    const sheet = found.sheets[role];
    return sheet ? [planRewrite(readSheet(sheet), spec)] : [];
  });
  const fresh = specs.filter(({ role }) => !found.sheets[role]).map(({ spec }) => ({ ...spec, namedRanges: [] }));
  for (const w of rewrites)
    for (const d of w.dropped) {
      const gone = removed.find(({ kpi }) => rowKeys.kpi(kpi.id) === d.key);
      warnings.push(label(lang, 'userCellsDropped', { kpi: gone?.kpi.name ?? d.key, text: d.text }));
    }
  const namedNow = new Map(ss.getNamedRanges().map((n) => [n.getName(), { range: n.getRange(), named: n }]));
  const active = ss.getActiveSheet();
  const oldRecord = metadata?.getValue();

  // ---- the writes; any failure puts everything back
  const journal: Journal = { undo: [], created: [], backups: [] };
  const restore: (() => void)[] = [() => ss.setActiveSheet(active)];
  try {
    journal.created.push(...writeSheets(ss, fresh));
    const made = new Map(journal.created.map((sheet, i) => [fresh[i].name, sheet]));
    backUp(
      ss,
      rewrites.map((w) => w.before),
      journal,
    );
    for (const w of rewrites) takeOutUserColumns(w, journal);
    for (const w of rewrites) rewriteContent(w, journal);
    // Named ranges on their new cells (before the user's columns go back: they move with the insert).
    for (const { role, spec } of specs) {
      const sheet = found.sheets[role] ?? made.get(spec.name)!;
      for (const n of spec.namedRanges ?? []) {
        const range = sheet.getRange(n.range.row, n.range.col, n.range.rows ?? 1, n.range.cols ?? 1);
        const now = namedNow.get(n.name);
        if (now) {
          now.named.setRange(range);
          restore.push(() => now.named.setRange(now.range));
        } else {
          ss.setNamedRange(n.name, range);
          restore.push(() => ss.removeNamedRange(n.name));
        }
      }
    }
    for (const w of rewrites) putBackUserColumns(w, journal);
    metadata?.setValue(JSON.stringify(planRecord(normalized, record.suffix, record.order)));
    if (metadata) restore.push(() => metadata.setValue(oldRecord ?? ''));
    ss.setActiveSheet(found.sheets.plan ?? made.get(finalNames.plan)!);
    // Nothing left in the archive: it goes (the last change, as it cannot be undone).
    if (emptied) ss.deleteSheet(emptied);
  } catch (e) {
    rollback(ss, journal, restore);
    throw e;
  }
  removeBackups(ss, journal);
  return { sheets: specs.map(({ spec }) => spec.name), warnings, changes };
}
