// Conditional format rules: the builder API (SpreadsheetApp.newConditionalFormatRule()) producing
// plain rule specs, and their evaluation for `view` — what a person sees in each cell.
import { contains, shiftFormula, type Rect } from './a1';
import type { CfFormat, CfRuleSpec, Engine, GradientPoint, SheetModel } from './engine';
import { normalizeColor } from './colors';
import type { Ctx } from './context';

export const BooleanCriteria = Object.freeze(
  Object.fromEntries(
    [
      'CELL_EMPTY',
      'CELL_NOT_EMPTY',
      'DATE_AFTER',
      'DATE_BEFORE',
      'DATE_EQUAL_TO',
      'DATE_AFTER_RELATIVE',
      'DATE_BEFORE_RELATIVE',
      'DATE_EQUAL_TO_RELATIVE',
      'NUMBER_BETWEEN',
      'NUMBER_EQUAL_TO',
      'NUMBER_GREATER_THAN',
      'NUMBER_GREATER_THAN_OR_EQUAL_TO',
      'NUMBER_LESS_THAN',
      'NUMBER_LESS_THAN_OR_EQUAL_TO',
      'NUMBER_NOT_BETWEEN',
      'NUMBER_NOT_EQUAL_TO',
      'TEXT_CONTAINS',
      'TEXT_DOES_NOT_CONTAIN',
      'TEXT_EQUAL_TO',
      'TEXT_NOT_EQUAL_TO',
      'TEXT_STARTS_WITH',
      'TEXT_ENDS_WITH',
      'CUSTOM_FORMULA',
    ].map((k) => [k, k]),
  ),
);

export const InterpolationType = Object.freeze({
  NUMBER: 'NUMBER',
  PERCENT: 'PERCENT',
  PERCENTILE: 'PERCENTILE',
  MIN: 'MIN',
  MAX: 'MAX',
});

/** A rule's ranges are stored as rectangles of one sheet; the builder receives Range objects. */
interface RangeLike {
  getSheet(): { getName(): string };
  getRow(): number;
  getColumn(): number;
  getNumRows(): number;
  getNumColumns(): number;
}

export class ConditionalFormatRuleBuilder {
  constructor(
    private readonly ctx: Ctx,
    private spec: CfRuleSpec & { sheet?: string } = { ranges: [], format: {} },
  ) {}
  private set(type: string, ...values: unknown[]) {
    this.spec = { ...this.spec, condition: { type, values }, gradient: undefined };
    return this;
  }
  private fmt(f: CfFormat) {
    this.spec = { ...this.spec, format: { ...this.spec.format, ...f } };
    return this;
  }
  build() {
    return this.ctx.wrap(new ConditionalFormatRule(this.ctx, structuredClone(this.spec)), 'ConditionalFormatRule');
  }
  copy() {
    return this.ctx.wrap(
      new ConditionalFormatRuleBuilder(this.ctx, structuredClone(this.spec)),
      'ConditionalFormatRuleBuilder',
    );
  }
  getRanges() {
    return this.ctx.rangesOf(this.spec);
  }
  getBooleanCondition() {
    return this.spec.condition ? this.ctx.wrap(new BooleanCondition(this.spec), 'BooleanCondition') : null;
  }
  getGradientCondition() {
    return this.spec.gradient ? this.ctx.wrap(new GradientCondition(this.spec), 'GradientCondition') : null;
  }
  setRanges(ranges: RangeLike[]) {
    if (!Array.isArray(ranges))
      throw new Error(
        "The parameters don't match the method signature for SpreadsheetApp.ConditionalFormatRuleBuilder.setRanges.",
      );
    const sheets = new Set(ranges.map((r) => r.getSheet().getName()));
    if (sheets.size > 1) throw new Error('All ranges of a conditional format rule must be on the same sheet.');
    this.spec = {
      ...this.spec,
      sheet: [...sheets][0],
      ranges: ranges.map((r) => ({
        row: r.getRow() - 1,
        col: r.getColumn() - 1,
        rows: r.getNumRows(),
        cols: r.getNumColumns(),
      })),
    };
    return this;
  }
  setBackground(color: string | null) {
    return this.fmt({ background: color ? normalizeColor(color) : undefined });
  }
  setFontColor(color: string | null) {
    return this.fmt({ fontColor: color ? normalizeColor(color) : undefined });
  }
  setBold(b: boolean | null) {
    return this.fmt({ bold: b ?? undefined });
  }
  setItalic(b: boolean | null) {
    return this.fmt({ italic: b ?? undefined });
  }
  setStrikethrough(b: boolean | null) {
    return this.fmt({ strikethrough: b ?? undefined });
  }
  setUnderline(b: boolean | null) {
    return this.fmt({ underline: b ?? undefined });
  }
  whenCellEmpty() {
    return this.set('CELL_EMPTY');
  }
  whenCellNotEmpty() {
    return this.set('CELL_NOT_EMPTY');
  }
  whenFormulaSatisfied(formula: string) {
    return this.set('CUSTOM_FORMULA', formula);
  }
  whenNumberBetween(a: number, b: number) {
    return this.set('NUMBER_BETWEEN', a, b);
  }
  whenNumberNotBetween(a: number, b: number) {
    return this.set('NUMBER_NOT_BETWEEN', a, b);
  }
  whenNumberEqualTo(n: number) {
    return this.set('NUMBER_EQUAL_TO', n);
  }
  whenNumberNotEqualTo(n: number) {
    return this.set('NUMBER_NOT_EQUAL_TO', n);
  }
  whenNumberGreaterThan(n: number) {
    return this.set('NUMBER_GREATER_THAN', n);
  }
  whenNumberGreaterThanOrEqualTo(n: number) {
    return this.set('NUMBER_GREATER_THAN_OR_EQUAL_TO', n);
  }
  whenNumberLessThan(n: number) {
    return this.set('NUMBER_LESS_THAN', n);
  }
  whenNumberLessThanOrEqualTo(n: number) {
    return this.set('NUMBER_LESS_THAN_OR_EQUAL_TO', n);
  }
  whenTextContains(t: string) {
    return this.set('TEXT_CONTAINS', t);
  }
  whenTextDoesNotContain(t: string) {
    return this.set('TEXT_DOES_NOT_CONTAIN', t);
  }
  whenTextEqualTo(t: string) {
    return this.set('TEXT_EQUAL_TO', t);
  }
  whenTextStartsWith(t: string) {
    return this.set('TEXT_STARTS_WITH', t);
  }
  whenTextEndsWith(t: string) {
    return this.set('TEXT_ENDS_WITH', t);
  }
  withCriteria(type: string, values: unknown[]) {
    return this.set(String(type), ...values);
  }
  private point(which: 'min' | 'mid' | 'max', color: string, type: string, value: string) {
    const p: GradientPoint = { color: normalizeColor(color), type: String(type), value: String(value ?? '') };
    this.spec = { ...this.spec, condition: undefined, gradient: { ...this.spec.gradient, [which]: p } };
    return this;
  }
  setGradientMinpoint(color: string) {
    return this.point('min', color, 'MIN', '');
  }
  setGradientMaxpoint(color: string) {
    return this.point('max', color, 'MAX', '');
  }
  setGradientMinpointWithValue(color: string, type: string, value: string) {
    return this.point('min', color, type, value);
  }
  setGradientMidpointWithValue(color: string, type: string, value: string) {
    return this.point('mid', color, type, value);
  }
  setGradientMaxpointWithValue(color: string, type: string, value: string) {
    return this.point('max', color, type, value);
  }
}

export class ConditionalFormatRule {
  constructor(
    private readonly ctx: Ctx,
    readonly spec: CfRuleSpec & { sheet?: string },
  ) {}
  copy() {
    return this.ctx.wrap(
      new ConditionalFormatRuleBuilder(this.ctx, structuredClone(this.spec)),
      'ConditionalFormatRuleBuilder',
    );
  }
  getRanges() {
    return this.ctx.rangesOf(this.spec);
  }
  getBooleanCondition() {
    return this.spec.condition ? this.ctx.wrap(new BooleanCondition(this.spec), 'BooleanCondition') : null;
  }
  getGradientCondition() {
    return this.spec.gradient ? this.ctx.wrap(new GradientCondition(this.spec), 'GradientCondition') : null;
  }
}

export class BooleanCondition {
  constructor(private readonly spec: CfRuleSpec) {}
  getCriteriaType() {
    return this.spec.condition?.type;
  }
  getCriteriaValues() {
    return [...(this.spec.condition?.values ?? [])];
  }
  getBackground() {
    return this.spec.format.background ?? null;
  }
  getFontColor() {
    return this.spec.format.fontColor ?? null;
  }
  getBold() {
    return this.spec.format.bold ?? null;
  }
  getItalic() {
    return this.spec.format.italic ?? null;
  }
  getStrikethrough() {
    return this.spec.format.strikethrough ?? null;
  }
  getUnderline() {
    return this.spec.format.underline ?? null;
  }
}

export class GradientCondition {
  constructor(private readonly spec: CfRuleSpec) {}
  private p(w: 'min' | 'mid' | 'max') {
    return this.spec.gradient?.[w];
  }
  getMinColor() {
    return this.p('min')?.color ?? '';
  }
  getMinType() {
    return this.p('min')?.type ?? null;
  }
  getMinValue() {
    return this.p('min')?.value ?? '';
  }
  getMidColor() {
    return this.p('mid')?.color ?? '';
  }
  getMidType() {
    return this.p('mid')?.type ?? null;
  }
  getMidValue() {
    return this.p('mid')?.value ?? '';
  }
  getMaxColor() {
    return this.p('max')?.color ?? '';
  }
  getMaxType() {
    return this.p('max')?.type ?? null;
  }
  getMaxValue() {
    return this.p('max')?.value ?? '';
  }
}

// ---- evaluation -------------------------------------------------------------------------------

const isBlank = (v: unknown) => v === null || v === '';
const truthy = (v: unknown) =>
  v === true || (typeof v === 'number' && v !== 0) || (typeof v === 'string' && v.toUpperCase() === 'TRUE');

/** Whether a boolean condition holds for a cell with raw value `v` at (row, col). */
function holds(
  engine: Engine,
  sm: SheetModel,
  rule: CfRuleSpec,
  v: number | string | boolean | null,
  row: number,
  col: number,
): boolean {
  const c = rule.condition;
  if (!c) return false;
  const [a, b] = c.values.map((x) =>
    typeof x === 'string' && x !== '' && !Number.isNaN(Number(x)) ? Number(x) : x,
  ) as [unknown, unknown];
  const num = typeof v === 'number' ? v : undefined;
  const text = v === null ? '' : String(v).toLowerCase();
  const t = String(a ?? '').toLowerCase();
  switch (c.type) {
    case 'CELL_EMPTY':
      return isBlank(v);
    case 'CELL_NOT_EMPTY':
      return !isBlank(v);
    case 'NUMBER_GREATER_THAN':
      return num !== undefined && num > Number(a);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return num !== undefined && num >= Number(a);
    case 'NUMBER_LESS_THAN':
      return num !== undefined && num < Number(a);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return num !== undefined && num <= Number(a);
    case 'NUMBER_EQUAL_TO':
      return num !== undefined && num === Number(a);
    case 'NUMBER_NOT_EQUAL_TO':
      return num !== undefined && num !== Number(a);
    case 'NUMBER_BETWEEN':
      return num !== undefined && num >= Math.min(Number(a), Number(b)) && num <= Math.max(Number(a), Number(b));
    case 'NUMBER_NOT_BETWEEN':
      return num !== undefined && (num < Math.min(Number(a), Number(b)) || num > Math.max(Number(a), Number(b)));
    case 'TEXT_CONTAINS':
      return !isBlank(v) && text.includes(t);
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text.includes(t);
    case 'TEXT_EQUAL_TO':
      return text === t;
    case 'TEXT_NOT_EQUAL_TO':
      return text !== t;
    case 'TEXT_STARTS_WITH':
      return !isBlank(v) && text.startsWith(t);
    case 'TEXT_ENDS_WITH':
      return !isBlank(v) && text.endsWith(t);
    case 'CUSTOM_FORMULA': {
      // Sheets lets a rule's formula read only its own sheet (others need INDIRECT): such a rule never applies.
      if (/(?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!/.test(String(a ?? '').replace(/"(?:[^"]|"")*"/g, '""'))) return false;
      const anchor = rule.ranges[0];
      const f = shiftFormula(String(a ?? ''), row - anchor.row, col - anchor.col);
      try {
        return truthy(engine.evaluate(sm, f.startsWith('=') ? f : `=${f}`));
      } catch {
        return false;
      }
    }
    default:
      return false;
  }
}

function hex(c: string): [number, number, number] {
  const h = normalizeColor(c).slice(1);
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}
const mix = (a: string, b: string, t: number) =>
  `#${hex(a)
    .map((x, i) =>
      Math.round(x + (hex(b)[i] - x) * Math.max(0, Math.min(1, t)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const idx = (sorted.length - 1) * Math.max(0, Math.min(1, p));
  const lo = Math.floor(idx);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (idx - lo);
}

function gradientColor(engine: Engine, sm: SheetModel, rule: CfRuleSpec, v: number): string | undefined {
  const g = rule.gradient;
  if (!g?.min || !g.max) return undefined;
  const nums: number[] = [];
  for (const r of rule.ranges)
    for (let i = 0; i < r.rows; i++)
      for (let j = 0; j < r.cols; j++) {
        const x = engine.raw(sm, r.row + i, r.col + j);
        if (typeof x === 'number') nums.push(x);
      }
  nums.sort((x, y) => x - y);
  const at = (p: GradientPoint, fallback: number): number => {
    const n = Number(p.value);
    switch (p.type) {
      case 'MIN':
        return nums[0] ?? 0;
      case 'MAX':
        return nums[nums.length - 1] ?? 0;
      case 'NUMBER':
        return Number.isNaN(n) ? fallback : n;
      case 'PERCENT':
        return (nums[0] ?? 0) + (((nums[nums.length - 1] ?? 0) - (nums[0] ?? 0)) * n) / 100;
      case 'PERCENTILE':
        return percentile(nums, n / 100);
      default:
        return fallback;
    }
  };
  const lo = at(g.min, nums[0] ?? 0),
    hi = at(g.max, nums[nums.length - 1] ?? 0);
  if (g.mid) {
    const mid = at(g.mid, (lo + hi) / 2);
    if (v <= mid) return mid === lo ? g.mid.color : mix(g.min.color, g.mid.color, (v - lo) / (mid - lo));
    return hi === mid ? g.max.color : mix(g.mid.color, g.max.color, (v - mid) / (hi - mid));
  }
  return hi === lo ? g.max.color : mix(g.min.color, g.max.color, (v - lo) / (hi - lo));
}

/** The format conditional formatting applies to a cell (first matching rule wins), if any. */
export function conditionalFormat(engine: Engine, sm: SheetModel, row: number, col: number): CfFormat | undefined {
  for (const rule of sm.cfRules) {
    if (!rule.ranges.some((r: Rect) => contains(r, row, col))) continue;
    const v = engine.raw(sm, row, col);
    if (rule.gradient) {
      if (typeof v !== 'number') continue;
      const color = gradientColor(engine, sm, rule, v);
      if (color) return { background: color };
      continue;
    }
    if (holds(engine, sm, rule, v, row, col)) return rule.format;
  }
  return undefined;
}
