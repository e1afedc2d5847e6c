// Smaller Spreadsheet objects: data validation (builder and rule), protection, named ranges, charts.
import { parseA1 } from './a1';
import type { Ctx } from './context';
import type { ChartSpec, ProtectionSpec, SheetModel, ValidationSpec } from './engine';

export const DataValidationCriteria = Object.freeze(
  Object.fromEntries(
    [
      'DATE_AFTER',
      'DATE_BEFORE',
      'DATE_BETWEEN',
      'DATE_EQUAL_TO',
      'DATE_IS_VALID_DATE',
      'DATE_NOT_BETWEEN',
      'DATE_ON_OR_AFTER',
      'DATE_ON_OR_BEFORE',
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
      'TEXT_IS_VALID_EMAIL',
      'TEXT_IS_VALID_URL',
      'VALUE_IN_LIST',
      'VALUE_IN_RANGE',
      'CUSTOM_FORMULA',
      'CHECKBOX',
    ].map((k) => [k, k]),
  ),
);

interface RangeLike {
  getSheet(): { getName(): string };
  getA1Notation(): string;
}
const isRangeLike = (v: unknown): v is RangeLike =>
  typeof v === 'object' && v !== null && typeof (v as RangeLike).getA1Notation === 'function';

/** Validation criteria values are stored as JSON: a range as { range: A1 }, a date as { date: ISO }. */
const storable = (v: unknown): unknown =>
  isRangeLike(v)
    ? { range: `'${v.getSheet().getName().replace(/'/g, "''")}'!${v.getA1Notation()}` }
    : Object.prototype.toString.call(v) === '[object Date]'
      ? { date: (v as Date).toISOString() }
      : Array.isArray(v)
        ? v.map(storable)
        : v;

export class DataValidationBuilder {
  spec: ValidationSpec;
  constructor(
    private readonly ctx: Ctx,
    spec?: ValidationSpec,
  ) {
    this.spec = spec ?? { criteria: '', values: [], allowInvalid: true, helpText: '' };
  }
  private req(criteria: string, ...values: unknown[]) {
    this.spec = { ...this.spec, criteria, values: values.map(storable) };
    return this;
  }
  build() {
    if (!this.spec.criteria) throw new Error('You must set a criteria type for the data validation rule.');
    return this.ctx.wrap(new DataValidation(this.ctx, structuredClone(this.spec)), 'DataValidation');
  }
  copy() {
    return this.ctx.wrap(new DataValidationBuilder(this.ctx, structuredClone(this.spec)), 'DataValidationBuilder');
  }
  getAllowInvalid() {
    return this.spec.allowInvalid;
  }
  getCriteriaType() {
    return this.spec.criteria || null;
  }
  getCriteriaValues() {
    return this.ctx.criteriaValues(this.spec);
  }
  getHelpText() {
    return this.spec.helpText || null;
  }
  setAllowInvalid(b: boolean) {
    this.spec = { ...this.spec, allowInvalid: !!b };
    return this;
  }
  setHelpText(t: string) {
    this.spec = { ...this.spec, helpText: String(t) };
    return this;
  }
  requireCheckbox(checked?: unknown, unchecked?: unknown) {
    return checked === undefined ? this.req('CHECKBOX') : this.req('CHECKBOX', checked, unchecked);
  }
  requireDate() {
    return this.req('DATE_IS_VALID_DATE');
  }
  requireDateAfter(d: Date) {
    return this.req('DATE_AFTER', d);
  }
  requireDateBefore(d: Date) {
    return this.req('DATE_BEFORE', d);
  }
  requireDateBetween(a: Date, b: Date) {
    return this.req('DATE_BETWEEN', a, b);
  }
  requireDateEqualTo(d: Date) {
    return this.req('DATE_EQUAL_TO', d);
  }
  requireDateNotBetween(a: Date, b: Date) {
    return this.req('DATE_NOT_BETWEEN', a, b);
  }
  requireDateOnOrAfter(d: Date) {
    return this.req('DATE_ON_OR_AFTER', d);
  }
  requireDateOnOrBefore(d: Date) {
    return this.req('DATE_ON_OR_BEFORE', d);
  }
  requireFormulaSatisfied(f: string) {
    return this.req('CUSTOM_FORMULA', f);
  }
  requireNumberBetween(a: number, b: number) {
    return this.req('NUMBER_BETWEEN', a, b);
  }
  requireNumberEqualTo(n: number) {
    return this.req('NUMBER_EQUAL_TO', n);
  }
  requireNumberGreaterThan(n: number) {
    return this.req('NUMBER_GREATER_THAN', n);
  }
  requireNumberGreaterThanOrEqualTo(n: number) {
    return this.req('NUMBER_GREATER_THAN_OR_EQUAL_TO', n);
  }
  requireNumberLessThan(n: number) {
    return this.req('NUMBER_LESS_THAN', n);
  }
  requireNumberLessThanOrEqualTo(n: number) {
    return this.req('NUMBER_LESS_THAN_OR_EQUAL_TO', n);
  }
  requireNumberNotBetween(a: number, b: number) {
    return this.req('NUMBER_NOT_BETWEEN', a, b);
  }
  requireNumberNotEqualTo(n: number) {
    return this.req('NUMBER_NOT_EQUAL_TO', n);
  }
  requireTextContains(t: string) {
    return this.req('TEXT_CONTAINS', t);
  }
  requireTextDoesNotContain(t: string) {
    return this.req('TEXT_DOES_NOT_CONTAIN', t);
  }
  requireTextEqualTo(t: string) {
    return this.req('TEXT_EQUAL_TO', t);
  }
  requireTextIsEmail() {
    return this.req('TEXT_IS_VALID_EMAIL');
  }
  requireTextIsUrl() {
    return this.req('TEXT_IS_VALID_URL');
  }
  requireValueInList(values: string[], showDropdown = true) {
    return this.req('VALUE_IN_LIST', [...values], showDropdown);
  }
  requireValueInRange(range: RangeLike, showDropdown = true) {
    return this.req('VALUE_IN_RANGE', range, showDropdown);
  }
  withCriteria(criteria: string, args: unknown[]) {
    return this.req(String(criteria), ...args);
  }
}

export class DataValidation {
  constructor(
    private readonly ctx: Ctx,
    readonly spec: ValidationSpec,
  ) {}
  copy() {
    return this.ctx.wrap(new DataValidationBuilder(this.ctx, structuredClone(this.spec)), 'DataValidationBuilder');
  }
  getAllowInvalid() {
    return this.spec.allowInvalid;
  }
  getCriteriaType() {
    return this.spec.criteria;
  }
  getCriteriaValues() {
    return this.ctx.criteriaValues(this.spec);
  }
  getHelpText() {
    return this.spec.helpText || null;
  }
}

export class ProtectionImpl {
  constructor(
    private readonly ctx: Ctx,
    private readonly sm: SheetModel,
    readonly spec: ProtectionSpec,
  ) {}
  getProtectionType() {
    return this.spec.rect ? 'RANGE' : 'SHEET';
  }
  getRange() {
    return this.ctx.range(this.sm, this.spec.rect ?? { row: 0, col: 0, rows: this.sm.maxRows, cols: this.sm.maxCols });
  }
  getDescription() {
    return this.spec.description;
  }
  setDescription(d: string) {
    this.spec.description = String(d);
    return this;
  }
  isWarningOnly() {
    return this.spec.warningOnly;
  }
  setWarningOnly(w: boolean) {
    this.spec.warningOnly = !!w;
    return this;
  }
  getEditors() {
    return this.spec.editors.map((e) => ({ getEmail: () => e }));
  }
  addEditor(e: string | { getEmail(): string }) {
    this.spec.editors.push(typeof e === 'string' ? e : e.getEmail());
    return this;
  }
  addEditors(es: string[]) {
    this.spec.editors.push(...es);
    return this;
  }
  removeEditor(e: string | { getEmail(): string }) {
    const m = typeof e === 'string' ? e : e.getEmail();
    this.spec.editors = this.spec.editors.filter((x) => x !== m);
    return this;
  }
  removeEditors(es: (string | { getEmail(): string })[]) {
    for (const e of es) this.removeEditor(e);
    return this;
  }
  canDomainEdit() {
    return this.spec.domainEdit;
  }
  setDomainEdit(b: boolean) {
    this.spec.domainEdit = !!b;
    return this;
  }
  canEdit() {
    return true;
  }
  remove() {
    this.sm.protections = this.sm.protections.filter((p) => p !== this.spec);
  }
}

export class NamedRangeImpl {
  constructor(
    private readonly ctx: Ctx,
    private name: string,
  ) {}
  getName() {
    return this.name;
  }
  getRange() {
    const n = this.ctx.engine.named(this.name);
    if (!n) throw new Error(`Named range ${this.name} refers to a deleted range.`);
    return this.ctx.range(n.sm, n.rect);
  }
  setName(name: string) {
    const n = this.ctx.engine.named(this.name);
    if (!n) throw new Error(`Named range ${this.name} refers to a deleted range.`);
    this.ctx.engine.setNamed(name, n.sm, n.rect);
    this.ctx.engine.removeNamed(this.name);
    this.name = name;
    return this;
  }
  setRange(range: { getSheet(): { getName(): string }; getA1Notation(): string }) {
    const sm = this.ctx.engine.sheetByName(range.getSheet().getName());
    const rect = sm && parseA1(range.getA1Notation(), sm.maxRows, sm.maxCols);
    if (sm && rect) this.ctx.engine.setNamed(this.name, sm, rect);
    return this;
  }
  remove() {
    this.ctx.engine.removeNamed(this.name);
  }
}

// ---- charts (kept as specs) -----------------------------------------------------------------------

export const ChartType = Object.freeze(
  Object.fromEntries(
    [
      'AREA',
      'BAR',
      'BUBBLE',
      'CANDLESTICK',
      'COLUMN',
      'COMBO',
      'GAUGE',
      'GEO',
      'HISTOGRAM',
      'LINE',
      'ORG',
      'PIE',
      'RADAR',
      'SANKEY',
      'SCATTER',
      'SCORECARD',
      'SPARKLINE',
      'STEPPED_AREA',
      'TABLE',
      'TIMELINE',
      'TREE_MAP',
      'WATERFALL',
    ].map((k) => [k, k]),
  ),
);

let chartSeq = 0;

export class EmbeddedChartBuilder {
  spec: ChartSpec;
  constructor(
    private readonly ctx: Ctx,
    private readonly sm: SheetModel,
    spec?: ChartSpec,
  ) {
    this.spec = spec ?? {
      id: `u${Date.now().toString(36)}${(chartSeq++).toString(36)}`,
      type: 'COLUMN',
      ranges: [],
      position: { row: 1, col: 1, offsetX: 0, offsetY: 0 },
      options: {},
    };
  }
  addRange(range: RangeLike) {
    this.spec.ranges.push({ sheet: range.getSheet().getName(), a1: range.getA1Notation() });
    return this;
  }
  removeRange(range: RangeLike) {
    this.spec.ranges = this.spec.ranges.filter(
      (r) => !(r.sheet === range.getSheet().getName() && r.a1 === range.getA1Notation()),
    );
    return this;
  }
  clearRanges() {
    this.spec.ranges = [];
    return this;
  }
  getRanges() {
    return this.spec.ranges.map((r) => this.ctx.rangeByA1(`'${r.sheet}'!${r.a1}`));
  }
  setChartType(t: string) {
    this.spec.type = String(t);
    return this;
  }
  getChartType() {
    return this.spec.type;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number) {
    this.spec.position = { row: anchorRowPos, col: anchorColPos, offsetX, offsetY };
    return this;
  }
  getContainer() {
    return {
      getAnchorRow: () => this.spec.position.row,
      getAnchorColumn: () => this.spec.position.col,
      getOffsetX: () => this.spec.position.offsetX,
      getOffsetY: () => this.spec.position.offsetY,
    };
  }
  setOption(option: string, value: unknown) {
    this.spec.options[option] = value;
    return this;
  }
  setMergeStrategy(s: string) {
    this.spec.mergeStrategy = String(s);
    return this;
  }
  setHiddenDimensionStrategy(s: string) {
    this.spec.hiddenDimensionStrategy = String(s);
    return this;
  }
  setNumHeaders(n: number) {
    this.spec.numHeaders = n;
    return this;
  }
  setTransposeRowsAndColumns(b: boolean) {
    this.spec.transposeRowsAndColumns = !!b;
    return this;
  }
  // The typed builders (asColumnChart() ...) share this builder: their setters are options.
  private as(type: string) {
    this.spec.type = type;
    return this;
  }
  asAreaChart() {
    return this.as('AREA');
  }
  asBarChart() {
    return this.as('BAR');
  }
  asColumnChart() {
    return this.as('COLUMN');
  }
  asComboChart() {
    return this.as('COMBO');
  }
  asHistogramChart() {
    return this.as('HISTOGRAM');
  }
  asLineChart() {
    return this.as('LINE');
  }
  asPieChart() {
    return this.as('PIE');
  }
  asScatterChart() {
    return this.as('SCATTER');
  }
  asTableChart() {
    return this.as('TABLE');
  }
  setTitle(t: string) {
    return this.setOption('title', t);
  }
  setXAxisTitle(t: string) {
    return this.setOption('hAxis.title', t);
  }
  setYAxisTitle(t: string) {
    return this.setOption('vAxis.title', t);
  }
  setColors(cs: string[]) {
    return this.setOption('colors', [...cs]);
  }
  setLegendPosition(p: string) {
    return this.setOption('legend.position', String(p));
  }
  setStacked() {
    return this.setOption('isStacked', true);
  }
  setDimensions(w: number, h: number) {
    this.setOption('width', w);
    return this.setOption('height', h);
  }
  build() {
    return this.ctx.wrap(new EmbeddedChartImpl(this.ctx, this.sm, structuredClone(this.spec)), 'EmbeddedChart');
  }
}

export class EmbeddedChartImpl {
  constructor(
    private readonly ctx: Ctx,
    private readonly sm: SheetModel,
    readonly spec: ChartSpec,
  ) {}
  getChartId() {
    return Number.parseInt(this.spec.id.replace(/\D/g, '').slice(-9) || '0', 10);
  }
  getId() {
    return this.spec.id;
  }
  getRanges() {
    return this.spec.ranges.map((r) => this.ctx.rangeByA1(`'${r.sheet}'!${r.a1}`));
  }
  getOptions() {
    return { get: (k: string) => this.spec.options[k] ?? null };
  }
  getType() {
    return this.spec.type;
  }
  getContainerInfo() {
    return {
      getAnchorRow: () => this.spec.position.row,
      getAnchorColumn: () => this.spec.position.col,
      getOffsetX: () => this.spec.position.offsetX,
      getOffsetY: () => this.spec.position.offsetY,
    };
  }
  getNumHeaders() {
    return this.spec.numHeaders ?? -1;
  }
  getMergeStrategy() {
    return this.spec.mergeStrategy ?? 'MERGE_COLUMNS';
  }
  getHiddenDimensionStrategy() {
    return this.spec.hiddenDimensionStrategy ?? 'IGNORE_BOTH';
  }
  getTransposeRowsAndColumns() {
    return !!this.spec.transposeRowsAndColumns;
  }
  modify() {
    return this.ctx.wrap(
      new EmbeddedChartBuilder(this.ctx, this.sm, structuredClone(this.spec)),
      'EmbeddedChartBuilder',
    );
  }
}
