// The in-memory workbook behind the fake SpreadsheetApp: sheet models (formats, notes, rules,
// charts...) plus one HyperFormula instance holding every cell's content and computing formulas.
//
// Google Sheets <-> HyperFormula differences handled here:
// - TRUE / FALSE are named expressions (HyperFormula only knows TRUE()/FALSE()).
// - Open ranges such as `C2:C` are bounded to the sheet's row count before HyperFormula sees them;
//   `getFormulas` still returns what was written.
// - SPARKLINE is a stand-in returning "" (charts in cells are not rendered).
// - HyperFormula needs an array result's size before evaluating: the size method evaluates the
//   function; when the real result later differs (inputs changed), the formula is re-entered so it
//   spills at its new size, as Sheets would.
// - Errors: a blocked spill (#SPILL! in HyperFormula) and a cycle read as Sheets' `#REF!`; a custom
//   function that throws reads `#ERROR!` and its message is kept (see `errorMessage`).
import {
  ArraySize,
  CellError,
  DetailedCellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from 'hyperformula';
import type { FunctionPluginDefinition, RawCellContent, SimpleCellAddress } from 'hyperformula';
import {
  adjustFormula,
  boundOpenRanges,
  parseA1,
  quoteSheet,
  rectA1,
  reopenRanges,
  shiftFormula,
  splitSheet,
  type Rect,
} from './a1';
import {
  AUTOMATIC,
  defaultDateFormat,
  formatNumber,
  isDateFormat,
  isDateObject,
  msToSerial,
  serialToMs,
} from './format';

export interface BorderSpec {
  top?: boolean | null;
  left?: boolean | null;
  bottom?: boolean | null;
  right?: boolean | null;
  vertical?: boolean | null;
  horizontal?: boolean | null;
  color?: string | null;
  style?: string | null;
}
export interface ValidationSpec {
  criteria: string;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string;
}
export interface CellMeta {
  format?: string;
  background?: string;
  fontWeight?: string;
  fontColor?: string;
  fontSize?: number;
  fontStyle?: string;
  fontFamily?: string;
  fontLine?: string;
  hAlign?: string;
  vAlign?: string;
  wrap?: boolean;
  wrapStrategy?: string;
  note?: string;
  validation?: ValidationSpec;
  border?: BorderSpec;
}
export interface CfFormat {
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  underline?: boolean;
}
export interface GradientPoint {
  color: string;
  type: string;
  value: string;
}
export interface CfRuleSpec {
  ranges: Rect[];
  condition?: { type: string; values: unknown[] };
  gradient?: { min?: GradientPoint; mid?: GradientPoint; max?: GradientPoint };
  format: CfFormat;
}
export interface ChartSpec {
  id: string;
  type: string;
  ranges: { sheet: string; a1: string }[];
  position: { row: number; col: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
  mergeStrategy?: string;
  hiddenDimensionStrategy?: string;
  numHeaders?: number;
  transposeRowsAndColumns?: boolean;
}
export interface ProtectionSpec {
  id: number;
  rect?: Rect;
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
}

export interface SheetModel {
  gid: number;
  name: string;
  hfId: number;
  maxRows: number;
  maxCols: number;
  frozenRows: number;
  frozenCols: number;
  colWidths: Record<number, number>;
  rowHeights: Record<number, number>;
  tabColor: string | null;
  hidden: boolean;
  /** 1-based positions of the columns a user (or the add-on) hid. */
  hiddenCols: number[];
  /** 1-based positions of the rows hidden (absent: none). */
  hiddenRows?: number[];
  cells: Map<string, CellMeta>;
  /** Formulas as written, when HyperFormula was given a rewritten one. Key `row,col`. */
  written: Map<string, { sheets: string; hf: string }>;
  cfRules: CfRuleSpec[];
  charts: ChartSpec[];
  protections: ProtectionSpec[];
  merges: Rect[];
}

/** Where a developer metadata entry lives (see metadata.ts); row/column indexes are 0-based. */
export type MetadataLocation =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sheet: SheetModel }
  | { type: 'ROW' | 'COLUMN'; sheet: SheetModel; index: number };
export interface MetadataSpec {
  id: number;
  key: string;
  value: string | null;
  visibility: 'DOCUMENT' | 'PROJECT';
  location: MetadataLocation;
}

/** A value as Apps Script's getValues returns it. */
export type GasValue = number | string | boolean | Date;
/** What a write puts in a cell: a value, a formula, or nothing. */
export type CellInput = { formula: string } | number | string | boolean | null;

export const key = (row: number, col: number) => `${row},${col}`;
export const DEFAULT_ROWS = 1000;
export const DEFAULT_COLS = 26;

const ERROR_CODES: Record<string, string> = {
  DIV_BY_ZERO: '#DIV/0!',
  NAME: '#NAME?',
  VALUE: '#VALUE!',
  NUM: '#NUM!',
  NA: '#N/A',
  CYCLE: '#REF!',
  REF: '#REF!',
  SPILL: '#REF!',
  LIC: '#ERROR!',
  ERROR: '#ERROR!',
};
const SHEETS_MESSAGES: Record<string, string> = {
  SPILL: 'Array result was not expanded because it would overwrite data.',
  CYCLE: 'Circular dependency detected. To resolve with iterative calculation, see File > Settings.',
};

/** HyperFormula internals a plugin method reaches (typed locally: the package does not export them). */
interface Addr {
  sheet: number;
  row: number;
  col: number;
}
interface CellAddressLike {
  toSimpleCellAddress(base: Addr): Addr;
}
interface AstLike {
  type: string;
  args?: AstLike[];
  reference?: CellAddressLike;
  start?: CellAddressLike;
  end?: CellAddressLike;
  expressionName?: string;
  procedureName?: string;
  left?: AstLike;
  right?: AstLike;
  value?: unknown;
  expression?: AstLike;
}
interface RangeLike {
  start: Addr;
  end: Addr;
}
interface GraphLike {
  getCell(addr: Addr): unknown;
  dependencyQueryAddresses(vertex: unknown): (Addr | RangeLike)[];
  lazilyTransformingAstService: unknown;
}
interface StateLike {
  formulaAddress: Addr;
}
interface PluginInternals {
  evaluateAst(ast: AstLike, state: StateLike): unknown;
  dependencyGraph: { getCell(addr: Addr): unknown };
}
interface VertexLike {
  formula?: unknown;
  array?: { size?: { width: number; height: number; isRef?: boolean } };
}
interface RichNumberLike {
  val: number;
  getDetailedType(): string;
}

const isRichNumber = (v: unknown): v is RichNumberLike =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as RichNumberLike).val === 'number' &&
  typeof (v as RichNumberLike).getDetailedType === 'function';

export type CustomFunction = (...args: unknown[]) => unknown;

export interface EngineOptions {
  locale: string;
  timeZone: string;
  /** Names of the add-on's custom functions (KPI_*), and how to call one. */
  functionNames: string[];
  callFunction: (name: string, args: unknown[]) => unknown;
  /** The script realm's Date, so dates handed to the add-on are its own. */
  DateCtor: DateConstructor;
}

/** Built-ins whose result changes on every recalculation: not allowed in a custom function's arguments. */
const VOLATILE = new Set(['TODAY', 'NOW', 'RAND', 'RANDBETWEEN', 'RANDARRAY']);
const VOLATILE_TEXT = /(?<![A-Za-z0-9_.])(TODAY|NOW|RAND|RANDBETWEEN|RANDARRAY)\s*\(/i;
/** The longest text Sheets keeps in one cell. */
export const MAX_CELL_CHARS = 50000;
/** What Sheets shows in a custom-function cell while its recalculation is pending. */
export const LOADING = 'Loading...';
/** A stand-in wrapped around an array formula during a structural change (see changeShape). */
const HOLD = 'HARNESS_HOLD';

export class Engine {
  readonly hf: HyperFormula;
  /** Evaluations of the add-on's custom functions: total and per function name. */
  readonly customCalls: { total: number; byName: Record<string, number> } = { total: 0, byName: {} };
  /** Developer metadata of the spreadsheet, its sheets, rows and columns, in creation order. */
  metadata: MetadataSpec[] = [];
  private metadataSeq = 0;
  /** > 0 while one of the add-on's custom functions runs (it may read the document, never write it). */
  customDepth = 0;
  /** While true, cells computed by a custom function (or from one) read "Loading..." through the Range API. */
  pending = false;
  /** Memo of "depends on a volatile function / a custom function" per dependency-graph vertex, reset on every change. */
  private taintMemo = { volatile: new Map<unknown, boolean>(), custom: new Map<unknown, boolean>() };
  private readonly customText: RegExp;
  sheets: SheetModel[] = [];
  active: SheetModel | undefined;
  locale: string;
  timeZone: string;
  private nextGid = 0;
  private resizeQueue: Addr[] = [];
  private batching = false;
  private readonly opts: EngineOptions;

  constructor(opts: EngineOptions) {
    this.opts = opts;
    this.customText = opts.functionNames.length
      ? new RegExp(`(?<![A-Za-z0-9_.])(${opts.functionNames.join('|')})\\s*\\(`, 'i')
      : /(?!)/;
    this.locale = opts.locale;
    this.timeZone = opts.timeZone;
    const names = ['SPARKLINE', HOLD, ...opts.functionNames];
    HyperFormula.getLanguage('enGB').extendFunctions(Object.fromEntries(names.map((n) => [n, n])));
    this.hf = HyperFormula.buildEmpty({
      licenseKey: 'gpl-v3',
      functionPlugins: [...HyperFormula.getAllFunctionPlugins(), this.plugin(opts.functionNames)],
      evaluateNullToZero: false, // as Sheets: =A1 of a blank cell is blank, and a named blank cell reaches a custom function as ""
      smartRounding: false, // Sheets keeps full doubles (0.1 + 0.2 is 0.30000000000000004, shown as 0.3)
      maxRows: 100000,
    });
    // HyperFormula 3.5 throws "Unknown array" when a range is exactly the area of an array formula
    // whose result is an error (e.g. a blocked spill); reading the cells one by one gives the error.
    const graph = (this.hf as unknown as { dependencyGraph: { getArray(range: unknown): VertexLike | undefined } })
      .dependencyGraph;
    const getArray = graph.getArray.bind(graph);
    graph.getArray = (range) => {
      const vertex = getArray(range);
      return vertex?.array?.constructor.name === 'ErroredArray' ? undefined : vertex;
    };
    this.hf.addNamedExpression('TRUE', '=TRUE()');
    this.hf.addNamedExpression('FALSE', '=FALSE()');
  }

  /** A new developer metadata id: a positive integer no other metadata of the spreadsheet has. */
  newMetadataId(): number {
    const taken = new Set(this.metadata.map((m) => m.id));
    let id: number;
    do id = 1 + ((++this.metadataSeq * 2654435761) % 2147483647);
    while (taken.has(id));
    return id;
  }

  /** Remove every sheet and named range (before loading a saved workbook). */
  reset(): void {
    this.metadata = [];
    this.changed();
    for (const n of this.namedNames()) this.hf.removeNamedExpression(n);
    for (const sm of this.sheets) this.hf.removeSheet(sm.hfId);
    this.sheets = [];
    this.active = undefined;
    this.resizeQueue = [];
  }

  // ---- sheets -------------------------------------------------------------------------------

  sheetByName(name: string): SheetModel | undefined {
    const n = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === n);
  }

  sheetByHfId(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.hfId === id);
  }

  addSheet(name: string, index = this.sheets.length, gid?: number): SheetModel {
    if (this.sheetByName(name))
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    this.hf.addSheet(name);
    const sm: SheetModel = {
      gid: gid ?? (this.sheets.length === 0 && this.nextGid === 0 ? 0 : 1000000 + this.nextGid * 7919),
      name,
      hfId: this.hf.getSheetId(name) as number,
      maxRows: DEFAULT_ROWS,
      maxCols: DEFAULT_COLS,
      frozenRows: 0,
      frozenCols: 0,
      colWidths: {},
      rowHeights: {},
      hiddenCols: [],
      tabColor: null,
      hidden: false,
      cells: new Map(),
      written: new Map(),
      cfRules: [],
      charts: [],
      protections: [],
      merges: [],
    };
    this.nextGid++;
    this.sheets.splice(Math.max(0, Math.min(index, this.sheets.length)), 0, sm);
    this.active ??= sm;
    return sm;
  }

  removeSheet(sm: SheetModel): void {
    if (this.sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    // Sheets: a named range on a deleted sheet becomes #REF! for good (a new sheet of the same name
    // does not bring it back), unlike HyperFormula, which would rebind it by name.
    const orphans = this.namedNames().filter((n) => this.named(n)?.sm === sm);
    this.hf.removeSheet(sm.hfId);
    for (const n of orphans) this.breakNamed(n);
    this.sheets = this.sheets.filter((s) => s !== sm);
    this.metadata = this.metadata.filter((m) => m.location.type === 'SPREADSHEET' || m.location.sheet !== sm);
    this.changed();
    if (this.active === sm) this.active = this.sheets[0];
    this.fixSizes();
  }

  renameSheet(sm: SheetModel, name: string): void {
    if (sm.name === name) return;
    const other = this.sheetByName(name);
    if (other && other !== sm)
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    if (!name.trim()) throw new Error('Invalid argument: name');
    this.hf.renameSheet(sm.hfId, name);
    sm.name = name;
  }

  /** Insert (count > 0) or delete (count < 0) rows or columns at a 0-based index. */
  changeShape(sm: SheetModel, axis: 'row' | 'col', index: number, count: number): void {
    // Sheets lets a user insert or delete rows and columns through a spilled array result: the array
    // formula stays put (or moves with its own row/column) and recomputes at its new shape.
    // HyperFormula refuses to move cells inside a spill ("Cannot move cell. Destination already
    // occupied."), so every array formula on this sheet is first wrapped in a scalar stand-in
    // (HyperFormula still moves and rewrites its references), and unwrapped after the change.
    this.hf.batch(() => {
      for (const a of this.arrayAnchors(sm)) this.hf.setCellContents(a.addr, [[`=${HOLD}(${a.formula.slice(1)})`]]);
    });
    this.pruneArrays();
    // Cell formats move first: HyperFormula recomputes custom functions during the move, and a
    // custom function's argument is a date when its cell's format is one.
    const shiftKey = <T>(m: Map<string, T>) => {
      const out = new Map<string, T>();
      for (const [k, v] of m) {
        const [r, c] = k.split(',').map(Number);
        const at = axis === 'row' ? r : c;
        if (count < 0 && at >= index && at < index - count) continue;
        const moved = at >= index ? at + count : at;
        out.set(axis === 'row' ? key(moved, c) : key(r, moved), v);
      }
      return out;
    };
    sm.cells = shiftKey(sm.cells);
    sm.written = shiftKey(sm.written);
    if (axis === 'row') {
      if (count > 0) this.hf.addRows(sm.hfId, [index, count]);
      else this.hf.removeRows(sm.hfId, [index, -count]);
      sm.maxRows += count;
    } else {
      if (count > 0) this.hf.addColumns(sm.hfId, [index, count]);
      else this.hf.removeColumns(sm.hfId, [index, -count]);
      sm.maxCols += count;
    }
    this.hf.batch(() => {
      const prefix = `=${HOLD}(`;
      this.hf.getSheetFormulas(sm.hfId).forEach((line, row) =>
        line.forEach((f, col) => {
          if (f?.startsWith(prefix))
            this.hf.setCellContents({ sheet: sm.hfId, row, col }, [[`=${f.slice(prefix.length, -1)}`]]);
        }),
      );
      // Array formulas elsewhere that read this sheet recompute at their new size.
      for (const other of this.sheets) {
        if (other !== sm) for (const a of this.arrayAnchors(other)) this.hf.setCellContents(a.addr, [[a.formula]]);
      }
    });
    this.changed();
    this.retryBlockedSpills();
    const shiftRect = (r: Rect): Rect | undefined => {
      const [start, size] = axis === 'row' ? [r.row, r.rows] : [r.col, r.cols];
      let s = start,
        n = size;
      if (count > 0) {
        if (index <= start) s += count;
        else if (index < start + size) n += count;
      } else {
        const end = index - count; // removed [index, end)
        const keepBefore = Math.max(0, Math.min(start + size, index) - start);
        const keepAfter = Math.max(0, start + size - Math.max(end, start));
        n = keepBefore + keepAfter;
        s = start < index ? start : Math.max(index, start + count);
        if (n === 0) return undefined;
      }
      return axis === 'row' ? { ...r, row: s, rows: n } : { ...r, col: s, cols: n };
    };
    const shiftAll = (rects: Rect[]) => rects.map(shiftRect).filter((r): r is Rect => !!r);
    const dimension = axis === 'row' ? 'ROW' : 'COLUMN';
    this.metadata = this.metadata.filter((m) => {
      const l = m.location;
      if (l.type !== dimension || l.sheet !== sm) return true;
      if (count < 0 && l.index >= index && l.index < index - count) return false; // deleted with its row/column
      if (l.index >= index) l.index += count;
      return true;
    });
    sm.merges = shiftAll(sm.merges);
    // Sheets rewrites the references of conditional-format formulas, data-validation ranges and chart
    // ranges too; positional sizes, hidden columns and frozen rows/columns move with the edit.
    const adjust = (f: string, onSheet: boolean) => adjustFormula(f, sm.name, onSheet, axis, index, count);
    for (const other of this.sheets) {
      for (const rule of other.cfRules) {
        if (rule.condition?.type === 'CUSTOM_FORMULA' && other === sm) {
          rule.condition.values = rule.condition.values.map((v) => (typeof v === 'string' ? adjust(v, true) : v));
        }
      }
      for (const meta of other.cells.values()) {
        const values = meta.validation?.values;
        if (!values) continue;
        meta.validation!.values = values.map((v) => {
          if (v && typeof v === 'object' && 'range' in v)
            return { range: adjust(String((v as { range: string }).range), other === sm) };
          return meta.validation!.criteria === 'CUSTOM_FORMULA' && typeof v === 'string' ? adjust(v, other === sm) : v;
        });
      }
      for (const chart of other.charts) {
        chart.ranges = chart.ranges.map((r) =>
          r.sheet.toLowerCase() === sm.name.toLowerCase() ? { ...r, a1: adjust(r.a1, true) } : r,
        );
      }
    }
    const movePositions = (table: Record<number, number>) => {
      const out: Record<number, number> = {};
      for (const [k, v] of Object.entries(table)) {
        const p = Number(k) - 1;
        if (count < 0 && p >= index && p < index - count) continue;
        out[(p >= index ? p + count : p) + 1] = v;
      }
      return out;
    };
    if (axis === 'row') {
      sm.rowHeights = movePositions(sm.rowHeights);
      if (sm.hiddenRows?.length) {
        sm.hiddenRows = Object.keys(movePositions(Object.fromEntries(sm.hiddenRows.map((r) => [r, 1]))))
          .map(Number)
          .sort((x, y) => x - y);
      }
      if (index < sm.frozenRows)
        sm.frozenRows = Math.max(index, sm.frozenRows + (count > 0 ? count : Math.max(count, index - sm.frozenRows)));
    } else {
      sm.colWidths = movePositions(sm.colWidths);
      sm.hiddenCols = Object.keys(movePositions(Object.fromEntries(sm.hiddenCols.map((c) => [c, 1]))))
        .map(Number)
        .sort((x, y) => x - y);
      if (index < sm.frozenCols)
        sm.frozenCols = Math.max(index, sm.frozenCols + (count > 0 ? count : Math.max(count, index - sm.frozenCols)));
    }
    for (const rule of sm.cfRules) rule.ranges = shiftAll(rule.ranges);
    sm.cfRules = sm.cfRules.filter((r) => r.ranges.length);
    for (const p of sm.protections) if (p.rect) p.rect = shiftRect(p.rect);
    this.fixSizes();
  }

  /** The array formulas (anchors of a multi-cell result) of a sheet, with their HyperFormula text. */
  private arrayAnchors(sm: SheetModel): { addr: SimpleCellAddress; formula: string }[] {
    const out: { addr: SimpleCellAddress; formula: string }[] = [];
    this.hf.getSheetFormulas(sm.hfId).forEach((line, row) =>
      line.forEach((formula, col) => {
        const addr = { sheet: sm.hfId, row, col };
        if (formula && this.hf.isCellPartOfArray(addr)) out.push({ addr, formula });
      }),
    );
    return out;
  }

  /**
   * HyperFormula 3.5 keeps an array formula in its array mapping when a scalar formula replaces it;
   * the ghost later breaks removeRows/removeColumns ("Unknown node"). Drop such entries.
   */
  private pruneArrays(): void {
    const graph = this.graph as unknown as {
      arrayMapping: { arrayMapping: Map<string, unknown> };
      graph: { hasNode(v: unknown): boolean };
    };
    for (const [k, v] of graph.arrayMapping.arrayMapping)
      if (!graph.graph.hasNode(v)) graph.arrayMapping.arrayMapping.delete(k);
  }

  /** Forget what was derived from the workbook's contents (after any change). */
  private changed(): void {
    this.taintMemo.volatile.clear();
    this.taintMemo.custom.clear();
  }

  private get graph(): GraphLike {
    return (this.hf as unknown as { dependencyGraph: GraphLike }).dependencyGraph;
  }

  /**
   * Whether the cell's value comes from a formula whose text matches `test`, directly or through any
   * cell or range it reads (a spilled cell answers for its array formula).
   */
  private tainted(addr: Addr, kind: 'volatile' | 'custom'): boolean {
    const graph = this.graph;
    const memo = this.taintMemo[kind];
    const test = kind === 'volatile' ? VOLATILE_TEXT : this.customText;
    const visit = (a: Addr, depth: number): boolean => {
      const vertex = graph.getCell(a) as { formula?: unknown; getAddress?: (s: unknown) => Addr } | undefined;
      if (!vertex || vertex.formula === undefined) return false;
      const known = memo.get(vertex);
      if (known !== undefined) return known;
      memo.set(vertex, false); // a cycle answers "no" on the way round
      let found = false;
      const sheet = this.sheetByHfId(a.sheet);
      if (sheet) {
        const anchor = vertex.getAddress ? vertex.getAddress(graph.lazilyTransformingAstService) : a;
        found = test.test(this.hf.getCellFormula(anchor as SimpleCellAddress) ?? '');
      }
      if (!found && depth < 200) {
        for (const p of graph.dependencyQueryAddresses(vertex)) {
          if ('start' in p) {
            // A whole-column range (`'Actuals'!$F:$F`) ends at Infinity: only the sheet's cells count.
            const { height, width } = this.hf.getSheetDimensions(p.start.sheet);
            const lastRow = Math.min(p.end.row, height - 1);
            const lastCol = Math.min(p.end.col, width - 1);
            for (let r = p.start.row; r <= lastRow && !found; r++) {
              for (let c = p.start.col; c <= lastCol && !found; c++)
                found = visit({ sheet: p.start.sheet, row: r, col: c }, depth + 1);
            }
          } else found = visit(p, depth + 1);
          if (found) break;
        }
      }
      memo.set(vertex, found);
      return found;
    };
    return visit(addr, 0);
  }

  /** Whether a cell is computed by a custom function or from one (what reads "Loading..." while pending). */
  computedByCustomFunction(sm: SheetModel, row: number, col: number): boolean {
    return this.tainted({ sheet: sm.hfId, row, col }, 'custom');
  }

  /** The first volatile function an argument list reaches, directly or through the cells it reads. */
  private volatileIn(asts: AstLike[], state: StateLike): string | undefined {
    const cells = (start: Addr, end: Addr): string | undefined => {
      for (let r = start.row; r <= end.row; r++) {
        for (let c = start.col; c <= end.col; c++)
          if (this.tainted({ sheet: start.sheet, row: r, col: c }, 'volatile'))
            return `a cell it reads (${this.a1Of({ sheet: start.sheet, row: r, col: c })})`;
      }
      return undefined;
    };
    const walk = (ast: AstLike | undefined): string | undefined => {
      if (!ast || typeof ast !== 'object') return undefined;
      if (ast.type === 'FUNCTION_CALL' && ast.procedureName && VOLATILE.has(ast.procedureName.toUpperCase()))
        return `${ast.procedureName}()`;
      if (ast.type === 'CELL_REFERENCE' && ast.reference) {
        const a = ast.reference.toSimpleCellAddress(state.formulaAddress);
        return cells(a, a);
      }
      if (ast.type === 'CELL_RANGE' && ast.start && ast.end) {
        return cells(
          ast.start.toSimpleCellAddress(state.formulaAddress),
          ast.end.toSimpleCellAddress(state.formulaAddress),
        );
      }
      if (ast.type === 'NAMED_EXPRESSION' && ast.expressionName) {
        const n = this.named(ast.expressionName);
        if (n) {
          const start = { sheet: n.sm.hfId, row: n.rect.row, col: n.rect.col };
          return cells(start, { ...start, row: n.rect.row + n.rect.rows - 1, col: n.rect.col + n.rect.cols - 1 });
        }
        return undefined;
      }
      for (const child of [
        ...(ast.args ?? []),
        ast.left,
        ast.right,
        ast.expression,
        ast.value as AstLike | undefined,
      ]) {
        const found = walk(child);
        if (found) return found;
      }
      return undefined;
    };
    for (const a of asts) {
      const found = walk(a);
      if (found) return found;
    }
    return undefined;
  }

  private a1Of(a: Addr): string {
    const sm = this.sheetByHfId(a.sheet);
    return `${sm ? `${quoteSheet(sm.name)}!` : ''}${rectA1({ row: a.row, col: a.col, rows: 1, cols: 1 })}`;
  }

  /**
   * A copy of a sheet (Sheet.copyTo, duplicateActiveSheet, insertSheet with a template): contents,
   * formats, rules, charts, and the developer metadata of the sheet, its rows and columns (new ids).
   */
  copySheet(src: SheetModel, name: string, index: number): SheetModel {
    const sm = this.addSheet(name, index);
    sm.maxRows = src.maxRows;
    sm.maxCols = src.maxCols;
    sm.frozenRows = src.frozenRows;
    sm.frozenCols = src.frozenCols;
    sm.colWidths = { ...src.colWidths };
    sm.rowHeights = { ...src.rowHeights };
    sm.hiddenCols = [...src.hiddenCols];
    if (src.hiddenRows) sm.hiddenRows = [...src.hiddenRows];
    sm.tabColor = src.tabColor;
    sm.cells = structuredClone(src.cells);
    sm.written = structuredClone(src.written);
    sm.merges = structuredClone(src.merges);
    sm.cfRules = structuredClone(src.cfRules);
    sm.charts = structuredClone(src.charts).map((c, i) => ({ ...c, id: `${c.id}c${sm.gid}${i}` }));
    const contents: RawCellContent[][] = this.hf.getSheetSerialized(src.hfId).map((line, row) =>
      line.map((v, col) => {
        const addr = { sheet: src.hfId, row, col };
        if (!this.hf.doesCellHaveFormula(addr) && this.hf.isCellPartOfArray(addr)) return null; // a spilled value
        return v as RawCellContent;
      }),
    );
    if (contents.length) this.hf.setSheetContent(sm.hfId, contents);
    for (const m of [...this.metadata]) {
      if (m.location.type !== 'SPREADSHEET' && m.location.sheet === src) {
        this.metadata.push({ ...m, id: this.newMetadataId(), location: { ...m.location, sheet: sm } });
      }
    }
    this.changed();
    this.fixSizes();
    return sm;
  }

  /**
   * Range.copyTo within the spreadsheet (paste normal): each cell's value or formula (relative
   * references shifted by the move, as Sheets does), its formats, note and validation; the source's
   * conditional-format rules over the copied cells, clipped and moved; merges inside the range.
   * `only` copies just the contents or just the formats (CopyPasteType / contentsOnly, formatOnly).
   */
  copyRange(src: SheetModel, r: Rect, dst: SheetModel, row: number, col: number, only?: 'contents' | 'formats'): void {
    const dRow = row - r.row;
    const dCol = col - r.col;
    const at = (i: number, j: number) => ({ r: r.row + i, c: r.col + j });
    const grid = Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.cols }, (_, j) => at(i, j)));
    const metas = grid.map((line) => line.map(({ r: y, c: x }) => structuredClone(src.cells.get(key(y, x)))));
    if (only !== 'formats') {
      const inputs = grid.map((line) =>
        line.map(({ r: y, c: x }): CellInput => {
          const f = this.formula(src, y, x);
          if (f) return { formula: shiftFormula(f, dRow, dCol) };
          if (this.hf.isCellPartOfArray({ sheet: src.hfId, row: y, col: x })) return null; // a spilled value
          return this.raw(src, y, x);
        }),
      );
      this.write(dst, row, col, inputs);
    }
    if (only !== 'contents') {
      metas.forEach((line, i) =>
        line.forEach((m, j) => {
          const k = key(row + i, col + j);
          if (m) dst.cells.set(k, m);
          else dst.cells.delete(k);
        }),
      );
      const clip = (x: Rect): Rect | undefined => {
        const top = Math.max(x.row, r.row);
        const left = Math.max(x.col, r.col);
        const bottom = Math.min(x.row + x.rows, r.row + r.rows);
        const right = Math.min(x.col + x.cols, r.col + r.cols);
        if (bottom <= top || right <= left) return undefined;
        return { row: top + dRow, col: left + dCol, rows: bottom - top, cols: right - left };
      };
      const rules = src.cfRules.flatMap((rule) => {
        const ranges = rule.ranges.map(clip).filter((x): x is Rect => !!x);
        if (!ranges.length) return [];
        const copy = structuredClone(rule);
        copy.ranges = ranges;
        if (copy.condition?.type === 'CUSTOM_FORMULA')
          copy.condition.values = copy.condition.values.map((v) =>
            typeof v === 'string' ? shiftFormula(v, dRow, dCol) : v,
          );
        return [copy];
      });
      dst.cfRules.push(...rules);
      const inside = (m: Rect, box: Rect) =>
        m.row >= box.row &&
        m.col >= box.col &&
        m.row + m.rows <= box.row + box.rows &&
        m.col + m.cols <= box.col + box.cols;
      const target = { row, col, rows: r.rows, cols: r.cols };
      const merges = src.merges
        .filter((m) => inside(m, r))
        .map((m) => ({ ...m, row: m.row + dRow, col: m.col + dCol }));
      dst.merges = [...dst.merges.filter((m) => !inside(m, target)), ...merges];
    }
    this.changed();
  }

  /** Put the rows of a range in a new order (`order[i]` = the old 0-based offset of new row i), as Range.sort does. */
  reorderRows(sm: SheetModel, rect: Rect, order: number[]): void {
    const inputs: CellInput[][] = [];
    const metas: (CellMeta | undefined)[][] = [];
    order.forEach((from, i) => {
      const r = rect.row + from;
      const shift = i - from;
      inputs.push(
        Array.from({ length: rect.cols }, (_, j) => {
          const c = rect.col + j;
          const f = this.formula(sm, r, c);
          if (f) return { formula: shift ? shiftFormula(f, shift, 0) : f };
          if (!this.isFormula(sm, r, c) && this.hf.isCellPartOfArray({ sheet: sm.hfId, row: r, col: c })) return null;
          return this.raw(sm, r, c);
        }),
      );
      metas.push(Array.from({ length: rect.cols }, (_, j) => sm.cells.get(key(r, rect.col + j))));
    });
    metas.forEach((line, i) =>
      line.forEach((m, j) => {
        const k = key(rect.row + i, rect.col + j);
        if (m) sm.cells.set(k, m);
        else sm.cells.delete(k);
      }),
    );
    for (const m of this.metadata) {
      const l = m.location;
      if (l.type === 'ROW' && l.sheet === sm && l.index >= rect.row && l.index < rect.row + rect.rows) {
        l.index = rect.row + order.indexOf(l.index - rect.row);
      }
    }
    this.write(sm, rect.row, rect.col, inputs);
  }

  // ---- contents -----------------------------------------------------------------------------

  /** Write a block of inputs starting at (row, col). One HyperFormula batch, then array sizes are settled. */
  write(sm: SheetModel, row: number, col: number, data: CellInput[][]): void {
    this.changed();
    // Array.from: arrays from the script's realm fail HyperFormula's `instanceof Array` checks.
    const raw: RawCellContent[][] = Array.from(data, (line, i) =>
      Array.from(line, (input, j) => {
        const k = key(row + i, col + j);
        sm.written.delete(k);
        if (input === null) return null;
        if (typeof input === 'object') {
          const hfText = boundOpenRanges(input.formula, sm.maxRows);
          if (hfText !== input.formula) sm.written.set(k, { sheets: input.formula, hf: hfText });
          return hfText;
        }
        if (typeof input === 'string') return `'${input}`;
        return input;
      }),
    );
    this.hf.setCellContents({ sheet: sm.hfId, row, col }, raw);
    this.pruneArrays();
    // Clearing a cell may unblock a spill: HyperFormula does not retry on its own.
    if (raw.some((line) => line.some((x) => x === null))) this.retryBlockedSpills();
    this.fixSizes();
  }

  private retryBlockedSpills(): void {
    for (const sm of this.sheets) {
      this.hf.getSheetValues(sm.hfId).forEach((line, r) =>
        line.forEach((v, c) => {
          if (v instanceof DetailedCellError && v.type === ErrorType.SPILL)
            this.resizeQueue.push({ sheet: sm.hfId, row: r, col: c });
        }),
      );
    }
  }

  clear(sm: SheetModel, r: Rect): void {
    this.write(
      sm,
      r.row,
      r.col,
      Array.from({ length: r.rows }, () => new Array<CellInput>(r.cols).fill(null)),
    );
  }

  /** Apps Script value of a cell: "" when blank, a Date for a date-formatted number, the error code for an error. */
  value(sm: SheetModel, row: number, col: number): GasValue {
    const v = this.hf.getCellValue({ sheet: sm.hfId, row, col });
    if (v === null || v === undefined) return '';
    if (v instanceof DetailedCellError) return ERROR_CODES[v.type] ?? v.value;
    if (typeof v === 'number' && this.isDate(sm, row, col)) return new this.opts.DateCtor(serialToMs(v, this.timeZone));
    return v;
  }

  /** The raw stored value (numbers stay serial numbers). */
  raw(sm: SheetModel, row: number, col: number): number | string | boolean | null {
    const v = this.hf.getCellValue({ sheet: sm.hfId, row, col });
    if (v instanceof DetailedCellError) return ERROR_CODES[v.type] ?? v.value;
    return v ?? null;
  }

  formula(sm: SheetModel, row: number, col: number): string {
    const f = this.hf.getCellFormula({ sheet: sm.hfId, row, col });
    if (!f) return '';
    const w = sm.written.get(key(row, col));
    if (!w) return f;
    // moved by an inserted/deleted row: the ranges still reaching the last row were open ones
    return w.hf === f ? w.sheets : reopenRanges(f, sm.maxRows);
  }

  isFormula(sm: SheetModel, row: number, col: number): boolean {
    return this.hf.doesCellHaveFormula({ sheet: sm.hfId, row, col });
  }

  /** The error message of an error cell ("" otherwise): a thrown custom-function message, a spill... */
  errorMessage(sm: SheetModel, row: number, col: number): string {
    const v = this.hf.getCellValue({ sheet: sm.hfId, row, col });
    if (!(v instanceof DetailedCellError)) return '';
    return SHEETS_MESSAGES[v.type] ?? (v.message === 'Parsing error.' ? 'Formula parse error.' : v.message || v.value);
  }

  /** Number format in effect: the cell's own, or the one Sheets infers (a date from DATE(), ...). */
  numberFormat(sm: SheetModel, row: number, col: number): string {
    const own = sm.cells.get(key(row, col))?.format;
    if (own) return own;
    const t = this.hf.getCellValueDetailedType({ sheet: sm.hfId, row, col });
    if (t === 'NUMBER_DATE') return defaultDateFormat(this.locale);
    if (t === 'NUMBER_DATETIME') return `${defaultDateFormat(this.locale)} H:mm:ss`;
    if (t === 'NUMBER_TIME') return 'h:mm:ss AM/PM';
    if (t === 'NUMBER_PERCENT') return '0.00%';
    return AUTOMATIC;
  }

  isDate(sm: SheetModel, row: number, col: number): boolean {
    return isDateFormat(this.numberFormat(sm, row, col));
  }

  display(sm: SheetModel, row: number, col: number): string {
    const v = this.raw(sm, row, col);
    if (v === null) return '';
    if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
    if (typeof v === 'string') return v;
    return formatNumber(v, this.numberFormat(sm, row, col), this.locale);
  }

  /** Bounding box of content, 1-based last row/column (0 when empty). */
  extent(sm: SheetModel): { lastRow: number; lastCol: number } {
    const values = this.hf.getSheetValues(sm.hfId);
    let lastRow = 0,
      lastCol = 0;
    values.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v !== null && v !== undefined) {
          lastRow = Math.max(lastRow, r + 1);
          lastCol = Math.max(lastCol, c + 1);
        }
      }),
    );
    return { lastRow, lastCol };
  }

  /** Evaluate a formula as if it were in the given sheet. */
  evaluate(sm: SheetModel, formula: string): unknown {
    const v = this.hf.calculateFormula(boundOpenRanges(formula, sm.maxRows), sm.hfId);
    if (Array.isArray(v)) return v[0]?.[0] ?? null;
    return v;
  }

  // ---- named ranges -------------------------------------------------------------------------

  setNamed(name: string, sm: SheetModel, r: Rect): void {
    if (
      !/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) ||
      /^(true|false)$/i.test(name) ||
      /^[A-Za-z]{1,3}\d+$/.test(name) ||
      /^R\d*C\d*$/i.test(name)
    ) {
      throw new Error(`Invalid argument: name. "${name}" is not a valid name for a named range.`);
    }
    const abs = rectA1(r).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
    const expr = `=${quoteSheet(sm.name)}!${abs}`;
    if (this.hf.isItPossibleToChangeNamedExpression(name, expr)) this.hf.changeNamedExpression(name, expr);
    else this.hf.addNamedExpression(name, expr);
    this.changed();
    this.fixSizes();
  }

  named(name: string): { sm: SheetModel; rect: Rect } | undefined {
    if (/^(true|false)$/i.test(name)) return undefined;
    const f = this.hf.getNamedExpressionFormula(name);
    if (!f) return undefined;
    const { sheet, a1 } = splitSheet(f.replace(/^=/, ''));
    const sm = sheet !== undefined ? this.sheetByName(sheet) : undefined;
    const rect = sm && parseA1(a1, sm.maxRows, sm.maxCols);
    return sm && rect ? { sm, rect } : undefined;
  }

  /** Make a named range #REF! (its sheet was deleted). */
  breakNamed(name: string): void {
    this.hf.changeNamedExpression(name, '=#REF!');
    this.changed();
  }

  /** Named ranges that are #REF! (their sheet was deleted). */
  brokenNames(): string[] {
    return this.namedNames().filter((n) => this.hf.getNamedExpressionFormula(n) === '=#REF!');
  }

  namedNames(): string[] {
    return this.hf.listNamedExpressions().filter((n) => !/^(true|false)$/i.test(n));
  }

  removeNamed(name: string): void {
    this.hf.removeNamedExpression(name);
    this.changed();
    this.fixSizes();
  }

  // ---- custom functions ---------------------------------------------------------------------

  /** Run several writes as one recalculation. */
  batch(fn: () => void): void {
    const outer = !this.batching;
    this.batching = true;
    try {
      if (outer) this.hf.batch(fn);
      else fn();
    } finally {
      if (outer) this.batching = false;
    }
    if (outer) this.fixSizes();
  }

  /** Re-enter formulas whose array result changed size, until every spill has its real size. */
  private fixSizes(): void {
    if (this.batching) return;
    for (let round = 0; round < 20 && this.resizeQueue.length; round++) {
      const queue = this.resizeQueue.splice(0);
      this.hf.batch(() => {
        for (const addr of queue) {
          const f = this.hf.getCellFormula(addr as SimpleCellAddress);
          if (f) this.hf.setCellContents(addr as SimpleCellAddress, [[f]]);
        }
      });
    }
    this.resizeQueue = [];
  }

  private plugin(names: string[]): FunctionPluginDefinition {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const engine = this;
    class AddonFunctions extends FunctionPlugin {
      static implementedFunctions: Record<
        string,
        {
          method: string;
          sizeOfResultArrayMethod?: string;
          parameters: { argumentType: FunctionArgumentType; optionalArg?: boolean }[];
          repeatLastArgs: number;
          vectorizationForbidden: boolean;
        }
      > = {
        SPARKLINE: {
          method: 'sparkline',
          parameters: [{ argumentType: FunctionArgumentType.ANY, optionalArg: true }],
          repeatLastArgs: 1,
          vectorizationForbidden: true,
        },
        [HOLD]: {
          method: 'hold',
          parameters: [{ argumentType: FunctionArgumentType.ANY, optionalArg: true }],
          repeatLastArgs: 1,
          vectorizationForbidden: true,
        },
      };
      /** A chart in a cell is drawn by the preview; in the sheet it is an empty value, not an error. */
      sparkline(): string {
        return '';
      }
      /** Stands for an array formula during a structural change: its arguments are never evaluated. */
      hold(): string {
        return '';
      }
    }
    const proto = AddonFunctions.prototype as unknown as Record<string, unknown>;
    for (const name of names) {
      AddonFunctions.implementedFunctions[name] = {
        method: `run_${name}`,
        sizeOfResultArrayMethod: `size_${name}`,
        parameters: [{ argumentType: FunctionArgumentType.ANY, optionalArg: true }],
        repeatLastArgs: 1,
        vectorizationForbidden: true,
      };
      proto[`run_${name}`] = function (this: PluginInternals, ast: AstLike, state: StateLike) {
        return engine.runCustom(this, name, ast, state);
      };
      proto[`size_${name}`] = function (this: PluginInternals, ast: AstLike, state: StateLike) {
        try {
          const v = engine.callCustom(this, name, ast, state);
          return v instanceof SimpleRangeValue ? new ArraySize(v.width(), v.height()) : ArraySize.scalar();
        } catch {
          return ArraySize.scalar();
        }
      };
    }
    return AddonFunctions as unknown as FunctionPluginDefinition;
  }

  private runCustom(plugin: PluginInternals, name: string, ast: AstLike, state: StateLike): unknown {
    this.customCalls.total++;
    this.customCalls.byName[name] = (this.customCalls.byName[name] ?? 0) + 1;
    const v = this.callCustom(plugin, name, ast, state);
    const vertex = plugin.dependencyGraph.getCell(state.formulaAddress) as VertexLike | undefined;
    if (vertex && vertex.formula === ast) {
      const size = vertex.array ? vertex.array.size : { width: 1, height: 1 };
      const [w, h] = v instanceof SimpleRangeValue ? [v.width(), v.height()] : [1, 1];
      if (size && !size.isRef && (size.width !== w || size.height !== h)) {
        this.resizeQueue.push({ ...state.formulaAddress });
        return new CellError(ErrorType.VALUE, 'The result changed size; recalculating.');
      }
    }
    return v;
  }

  /** Call the add-on's function with Apps Script arguments and convert its result for HyperFormula. */
  private callCustom(plugin: PluginInternals, name: string, ast: AstLike, state: StateLike): unknown {
    // Sheets: "Custom function arguments must be deterministic" — a volatile built-in (NOW, RAND...)
    // in the arguments is not allowed, and a result based on one shows "Loading..." for ever.
    const volatile = this.volatileIn(ast.args ?? [], state);
    if (volatile) {
      return new CellError(
        ErrorType.ERROR,
        `${name}: a custom function's arguments must be deterministic; this one reads the volatile ${volatile}`,
      );
    }
    const args: unknown[] = [];
    for (const a of ast.args ?? []) {
      if (a.type === 'EMPTY') {
        args.push(undefined);
        continue;
      }
      const v = plugin.evaluateAst(a, state);
      if (v instanceof CellError) return v;
      args.push(this.toGas(v, a, state));
    }
    let result: unknown;
    try {
      this.customDepth++;
      try {
        result = this.opts.callFunction(name, args);
      } finally {
        this.customDepth--;
      }
    } catch (e) {
      return new CellError(
        ErrorType.ERROR,
        e instanceof Error || (typeof e === 'object' && e && 'message' in e) ? String((e as Error).message) : String(e),
      );
    }
    return this.fromGas(name, result);
  }

  /** HyperFormula argument value -> what Apps Script passes: 2D array for a range, Date for a date cell. */
  private toGas(v: unknown, ast: AstLike, state: StateLike): unknown {
    let origin: Addr | undefined;
    if (ast.type === 'CELL_REFERENCE' && ast.reference)
      origin = ast.reference.toSimpleCellAddress(state.formulaAddress);
    else if (ast.type === 'CELL_RANGE' && ast.start) origin = ast.start.toSimpleCellAddress(state.formulaAddress);
    else if (ast.type === 'NAMED_EXPRESSION' && ast.expressionName) {
      const n = this.named(ast.expressionName);
      if (n) origin = { sheet: n.sm.hfId, row: n.rect.row, col: n.rect.col };
    }
    const dateAt = (i: number, j: number) => {
      if (!origin) return false;
      const sm = this.sheetByHfId(origin.sheet);
      return !!sm && isDateFormat(sm.cells.get(key(origin.row + i, origin.col + j))?.format);
    };
    if (v instanceof SimpleRangeValue)
      return v.data.map((line, i) => line.map((x, j) => this.scalarToGas(x, dateAt(i, j))));
    return this.scalarToGas(v, dateAt(0, 0));
  }

  private scalarToGas(x: unknown, dateFormatted: boolean): unknown {
    if (x === EmptyValue || x === null || x === undefined) return '';
    if (x instanceof CellError) return ERROR_CODES[x.type] ?? '#ERROR!';
    if (isRichNumber(x)) {
      const t = x.getDetailedType();
      return dateFormatted || t === 'NUMBER_DATE' || t === 'NUMBER_DATETIME'
        ? new this.opts.DateCtor(serialToMs(x.val, this.timeZone))
        : x.val;
    }
    if (typeof x === 'number' && dateFormatted) return new this.opts.DateCtor(serialToMs(x, this.timeZone));
    return x;
  }

  private fromGas(name: string, result: unknown): unknown {
    const scalar = (x: unknown): unknown => {
      if (x === null || x === undefined) return EmptyValue;
      if (typeof x === 'number') return Number.isFinite(x) ? x : new CellError(ErrorType.NUM, `${name} returned ${x}`);
      if (typeof x === 'string' || typeof x === 'boolean') return x;
      if (isDateObject(x)) return msToSerial(x.getTime(), this.timeZone);
      return new CellError(
        ErrorType.VALUE,
        `${name} returned an unsupported value: ${Object.prototype.toString.call(x)}`,
      );
    };
    if (!Array.isArray(result)) return scalar(result);
    if (result.length === 0) return new CellError(ErrorType.NA, `${name} returned an empty array`);
    const rows = result.map((line: unknown) => (Array.isArray(line) ? line : [line]));
    const width = Math.max(...rows.map((r) => r.length));
    if (width === 0) return new CellError(ErrorType.NA, `${name} returned an empty array`);
    const data = rows.map((r) => Array.from({ length: width }, (_, j) => (j < r.length ? scalar(r[j]) : '')));
    if (data.length === 1 && width === 1) return data[0][0];
    const err = data.flat().find((x) => x instanceof CellError);
    if (err) return err;
    return SimpleRangeValue.onlyValues(data as never);
  }
}

/** Convert anything a script writes with setValue(s) to a cell input, as Sheets parses typed text. */
export function parseInput(
  v: unknown,
  locale: string,
  timeZone: string,
  validateFormula: (f: string) => boolean,
): { input: CellInput; format?: string } {
  if (v === null || v === undefined) return { input: null };
  if (typeof v === 'number') return { input: Number.isFinite(v) ? v : String(v) };
  if (typeof v === 'boolean') return { input: v };
  if (isDateObject(v))
    return Number.isNaN(v.getTime())
      ? { input: 'Invalid Date' }
      : { input: msToSerial(v.getTime(), timeZone), format: 'date' };
  if (typeof v !== 'string') return { input: String(v) };
  return parseText(v, locale, validateFormula);
}

export function parseText(
  s: string,
  locale: string,
  validateFormula: (f: string) => boolean,
): { input: CellInput; format?: string } {
  if (s === '') return { input: null };
  if (s.startsWith("'")) return { input: s.slice(1) };
  if (s.startsWith('=') && s.length > 1) return { input: { formula: s } };
  const t = s.trim();
  const num = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d*)(\.\d+)?(?:[eE][+-]?\d+)?(%?)$/.exec(t);
  if (num && /\d/.test(t)) {
    const n = Number(t.replace(/,/g, '').replace('%', ''));
    if (num[4]) return { input: n / 100, format: Number.isInteger(n) ? '0%' : '0.00%' };
    return { input: n, format: num[2].includes(',') ? '#,##0' + (num[3] ? '.00' : '') : undefined };
  }
  if (/^(true|false)$/i.test(t)) return { input: t.toUpperCase() === 'TRUE' };
  const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  const us = locale === 'en_US' ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t) : null;
  const ymd = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : undefined;
  if (ymd) {
    const [y, m, d] = ymd.map(Number);
    const ms = Date.UTC(y, m - 1, d);
    const dt = new Date(ms);
    if (dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d)
      return { input: (ms - Date.UTC(1899, 11, 30)) / 86400000, format: 'date' };
  }
  if ((t.startsWith('+') || t.startsWith('-')) && t.length > 1 && validateFormula(`=${t}`))
    return { input: { formula: `=${t}` } };
  return { input: s };
}
