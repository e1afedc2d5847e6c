// Developer metadata (Range/Sheet/Spreadsheet.addDeveloperMetadata, createDeveloperMetadataFinder),
// as documented for Apps Script and the Sheets API:
// https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata
// https://developers.google.com/sheets/api/guides/metadata
// - metadata lives on the spreadsheet, a sheet, or one whole row or column; any other range throws;
// - row/column metadata stays with its row/column when rows/columns are inserted, deleted or sorted,
//   and is deleted with it (or with its sheet); ids are unique integers in the spreadsheet;
// - a copied sheet carries the metadata of the sheet and of its rows and columns, with new ids.
import type { Rect } from './a1';
import type { Ctx } from './context';
import type { Engine, MetadataLocation, MetadataSpec, SheetModel } from './engine';

/** An Apps Script enum value: an object that prints as its name. */
function enumOf<K extends string>(names: readonly K[]): Readonly<Record<K, { toString(): string; name(): string }>> {
  return Object.freeze(
    Object.fromEntries(names.map((n) => [n, Object.freeze({ toString: () => n, name: () => n, toJSON: () => n })])),
  ) as never;
}

export const DeveloperMetadataVisibility = enumOf(['DOCUMENT', 'PROJECT'] as const);
export const DeveloperMetadataLocationType = enumOf(['SPREADSHEET', 'SHEET', 'ROW', 'COLUMN'] as const);

type Visibility = keyof typeof DeveloperMetadataVisibility;
type LocationType = keyof typeof DeveloperMetadataLocationType;

const ARBITRARY =
  'Adding developer metadata to arbitrary ranges is not currently supported. Developer metadata may only be ' +
  'added to the top-level spreadsheet, an individual sheet, or an entire row or column.';

interface RangeArg {
  sm: SheetModel;
  rect: Rect;
}
interface SheetArg {
  sm: SheetModel;
}

/** The model behind a Range or Sheet handed in by the script (the tracker's Proxy reads through). */
const modelOf = <T>(x: unknown, what: string): T => {
  const m = x as { sm?: SheetModel; rect?: Rect } | null;
  if (!m || typeof m !== 'object' || !m.sm)
    throw new Error(`The parameters (${typeof x}) don't match the method signature for ${what}.`);
  return m as T;
};

/** The row or column location of a range, or throws like Sheets when it is neither. */
export function dimensionOf(sm: SheetModel, rect: Rect): MetadataLocation {
  if (rect.col === 0 && rect.cols === sm.maxCols && rect.rows === 1) return { type: 'ROW', sheet: sm, index: rect.row };
  if (rect.row === 0 && rect.rows === sm.maxRows && rect.cols === 1)
    return { type: 'COLUMN', sheet: sm, index: rect.col };
  throw new Error(ARBITRARY);
}

const visibilityOf = (v: unknown): Visibility => {
  const s = String(v);
  if (s !== 'DOCUMENT' && s !== 'PROJECT') throw new Error(`Invalid argument: visibility (${s})`);
  return s;
};

const checkKey = (key: unknown): string => {
  if (typeof key !== 'string' || key === '')
    throw new Error('Invalid argument: key. A developer metadata key cannot be empty.');
  return key;
};

/**
 * addDeveloperMetadata(key), (key, value), (key, visibility), (key, value, visibility). Like Apps Script it
 * returns nothing useful (the Range/Sheet/Spreadsheet returns itself, for chaining): find the new entry
 * with a finder or getDeveloperMetadata().
 */
export function addMetadata(ctx: Ctx, location: MetadataLocation, args: unknown[]): void {
  const [key, second, third] = args;
  let value: string | null = null;
  let visibility: Visibility = 'DOCUMENT';
  const isVisibility = (v: unknown) =>
    v === DeveloperMetadataVisibility.DOCUMENT || v === DeveloperMetadataVisibility.PROJECT;
  if (args.length >= 3) {
    value = second === null || second === undefined ? null : String(second);
    visibility = visibilityOf(third);
  } else if (args.length === 2) {
    if (isVisibility(second)) visibility = visibilityOf(second);
    else value = second === null || second === undefined ? null : String(second);
  }
  const spec: MetadataSpec = { id: ctx.engine.newMetadataId(), key: checkKey(key), value, visibility, location };
  ctx.engine.metadata.push(spec);
}

export function metadataObject(ctx: Ctx, spec: MetadataSpec) {
  return ctx.wrap(
    new DeveloperMetadataImpl(ctx, spec),
    'DeveloperMetadata',
  ) as unknown as GoogleAppsScript.Spreadsheet.DeveloperMetadata;
}

export class DeveloperMetadataImpl {
  constructor(
    private readonly ctx: Ctx,
    private readonly spec: MetadataSpec,
  ) {}
  private live(): MetadataSpec {
    if (!this.ctx.engine.metadata.includes(this.spec))
      throw new Error(`No developer metadata with id ${this.spec.id} exists.`);
    return this.spec;
  }
  getId() {
    return this.live().id;
  }
  getKey() {
    return this.live().key;
  }
  getValue() {
    return this.live().value;
  }
  getVisibility() {
    return DeveloperMetadataVisibility[this.live().visibility];
  }
  getLocation() {
    return this.ctx.wrap(
      new DeveloperMetadataLocationImpl(this.ctx, { ...this.live().location }),
      'DeveloperMetadataLocation',
    );
  }
  setKey(key: string) {
    this.live().key = checkKey(key);
    return this;
  }
  setValue(value: string) {
    this.live().value = value === null || value === undefined ? null : String(value);
    return this;
  }
  setVisibility(visibility: unknown) {
    this.live().visibility = visibilityOf(visibility);
    return this;
  }
  moveToColumn(column: unknown) {
    const { sm, rect } = modelOf<RangeArg>(column, 'SpreadsheetApp.DeveloperMetadata.moveToColumn');
    const location = dimensionOf(sm, rect);
    if (location.type !== 'COLUMN') throw new Error('The range must be a single entire column.');
    this.live().location = location;
    return this;
  }
  moveToRow(row: unknown) {
    const { sm, rect } = modelOf<RangeArg>(row, 'SpreadsheetApp.DeveloperMetadata.moveToRow');
    const location = dimensionOf(sm, rect);
    if (location.type !== 'ROW') throw new Error('The range must be a single entire row.');
    this.live().location = location;
    return this;
  }
  moveToSheet(sheet: unknown) {
    this.live().location = {
      type: 'SHEET',
      sheet: modelOf<SheetArg>(sheet, 'SpreadsheetApp.DeveloperMetadata.moveToSheet').sm,
    };
    return this;
  }
  moveToSpreadsheet() {
    this.live().location = { type: 'SPREADSHEET' };
    return this;
  }
  remove() {
    const list = this.ctx.engine.metadata;
    const i = list.indexOf(this.live());
    list.splice(i, 1);
  }
}

export class DeveloperMetadataLocationImpl {
  constructor(
    private readonly ctx: Ctx,
    private readonly location: MetadataLocation,
  ) {}
  getLocationType() {
    return DeveloperMetadataLocationType[this.location.type];
  }
  getSpreadsheet() {
    return this.location.type === 'SPREADSHEET' ? this.ctx.spreadsheet() : null;
  }
  getSheet() {
    return this.location.type === 'SHEET' ? this.ctx.sheet(this.location.sheet) : null;
  }
  getRow() {
    const l = this.location;
    return l.type === 'ROW' ? this.ctx.range(l.sheet, { row: l.index, col: 0, rows: 1, cols: l.sheet.maxCols }) : null;
  }
  getColumn() {
    const l = this.location;
    return l.type === 'COLUMN'
      ? this.ctx.range(l.sheet, { row: 0, col: l.index, rows: l.sheet.maxRows, cols: 1 })
      : null;
  }
}

/** Where a finder looks: the whole spreadsheet, one sheet (itself, its rows and columns), or a range. */
export type FinderScope =
  | { type: 'SPREADSHEET' }
  | { type: 'SHEET'; sm: SheetModel }
  | { type: 'RANGE'; sm: SheetModel; rect: Rect };

interface FinderFilters {
  key?: string;
  value?: string;
  id?: number;
  locationType?: LocationType;
  visibility?: Visibility;
  intersecting: boolean;
}

export class DeveloperMetadataFinderImpl {
  private filters: FinderFilters = { intersecting: false };
  constructor(
    private readonly ctx: Ctx,
    private readonly scope: FinderScope,
  ) {}
  withKey(key: string) {
    this.filters.key = String(key);
    return this;
  }
  withValue(value: string) {
    this.filters.value = String(value);
    return this;
  }
  withId(id: number) {
    this.filters.id = Number(id);
    return this;
  }
  withLocationType(type: unknown) {
    const t = String(type);
    if (!(t in DeveloperMetadataLocationType)) throw new Error(`Invalid argument: locationType (${t})`);
    this.filters.locationType = t as LocationType;
    return this;
  }
  withVisibility(visibility: unknown) {
    this.filters.visibility = visibilityOf(visibility);
    return this;
  }
  onIntersectingLocations() {
    this.filters.intersecting = true;
    return this;
  }
  find() {
    const f = this.filters;
    return this.ctx.engine.metadata
      .filter((m) => inScope(this.scope, m.location, f.intersecting))
      .filter(
        (m) =>
          (f.key === undefined || m.key === f.key) &&
          (f.value === undefined || m.value === f.value) &&
          (f.id === undefined || m.id === f.id) &&
          (f.locationType === undefined || m.location.type === f.locationType) &&
          (f.visibility === undefined || m.visibility === f.visibility),
      )
      .map((m) => metadataObject(this.ctx, m));
  }
}

/**
 * "Metadata is in the scope of a range only if it is wholly contained within that range. For example,
 * metadata associated with the row '3:3' is not in the scope of a range 'A1:D5' but is within the
 * scope of a range '1:5'." With onIntersectingLocations, a row or column crossing the range counts.
 */
function inScope(scope: FinderScope, l: MetadataLocation, intersecting: boolean): boolean {
  if (scope.type === 'SPREADSHEET') return true;
  if (l.type === 'SPREADSHEET' || l.sheet !== scope.sm) return false;
  if (scope.type === 'SHEET') return true;
  if (l.type === 'SHEET') return false;
  const { rect, sm } = scope;
  const rowIn = (r: number) => r >= rect.row && r < rect.row + rect.rows;
  const colIn = (c: number) => c >= rect.col && c < rect.col + rect.cols;
  if (l.type === 'ROW') return rowIn(l.index) && (intersecting || (rect.col === 0 && rect.cols === sm.maxCols));
  return colIn(l.index) && (intersecting || (rect.row === 0 && rect.rows === sm.maxRows));
}

/** Row/column metadata on a range that spans whole rows or columns (what Range.getDeveloperMetadata returns). */
export function metadataOfRange(engine: Engine, sm: SheetModel, rect: Rect): MetadataSpec[] {
  return engine.metadata.filter((m) => inScope({ type: 'RANGE', sm, rect }, m.location, false));
}
