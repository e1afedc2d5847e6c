// The preview page: draws the workbook from the JSON API, edits cells, shows the add-on's
// menu, sidebar, dialogs, alerts and toasts. Everything the add-on or the user wrote is put
// in the page as text (textContent), never as markup.
import { drawChart, drawSparkline, type ChartData } from './chart';

type Cell = string | number | boolean | null;
interface Menu {
  title: string;
  items: ({ caption: string; functionName: string } | null)[];
}
interface Workbook {
  name?: string;
  sheets: { name: string; rows: number; columns: number; hidden?: boolean }[];
  namedRanges: { name: string; ref: string }[];
  menu: Menu | null;
  activeSheet?: string;
}
interface Surface {
  id: string;
  kind: 'sidebar' | 'dialog';
  title: string;
  url: string;
  width?: number;
  height?: number;
}
interface Shown {
  sidebars?: Surface[];
  dialogs?: Surface[];
  alerts?: unknown[];
  toasts?: unknown[];
}
interface SheetData {
  name: string;
  rows: number;
  columns: number;
  frozenRows: number;
  frozenColumns: number;
  columnWidths: number[];
  values: Cell[][];
  displayValues: string[][];
  formulas: string[][];
  backgrounds: string[][];
  fontWeights?: string[][] | null;
  fontColors?: string[][] | null;
  fontStyles?: string[][] | null;
  horizontalAlignments?: string[][] | null;
  notes?: string[][] | null;
  errors?: (string | null)[][] | null;
  hiddenColumns?: number[];
  hiddenRows?: number[];
  sparklines?: { row: number; column: number; type: string; values: number[]; color?: string }[];
  charts?: (ChartData & { row: number; column: number; offsetX: number; offsetY: number })[];
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const grid = $<HTMLTableElement>('grid');
const wrap = $<HTMLDivElement>('grid-wrap');
const formula = $<HTMLInputElement>('formula');
const editor = $<HTMLInputElement>('cell-editor');
const sidebarFrame = $<HTMLIFrameElement>('sidebar-frame');
const dialogFrame = $<HTMLIFrameElement>('dialog-frame');

let workbook: Workbook = { sheets: [], namedRanges: [], menu: null };
let sheet: SheetData | null = null;
let current = '';
/** The active cell (where typing goes) and the other corner of the selected block. */
let sel = { r: 1, c: 1 };
let corner = { r: 1, c: 1 };
let dragging = false;
let editing: { r: number; c: number } | null = null;
let hiddenCols = new Set<number>();
let hiddenRows = new Set<number>();

// ---- API -----------------------------------------------------------------------------------
class ApiError extends Error {
  constructor(
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}
async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(
    path,
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) },
  );
  const json = (await res.json().catch(() => ({ error: `HTTP ${res.status}` }))) as Record<string, unknown>;
  if (!res.ok) throw new ApiError(String(json.error ?? `HTTP ${res.status}`), json);
  return json as T;
}

const status = (text: string) => ($('status').textContent = text);

// ---- A1 ------------------------------------------------------------------------------------
const colName = (c: number): string => {
  let s = '';
  for (; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};
const a1 = (r: number, c: number) => `${colName(c)}${r}`;
const quote = (name: string) => (/^[A-Za-z_]\w*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`);

// ---- Workbook, tabs, grid --------------------------------------------------------------------
async function refresh(prefer?: string): Promise<void> {
  workbook = await api<Workbook>('/api/workbook');
  renderMenu(workbook.menu);
  const names = workbook.sheets.filter((s) => !s.hidden).map((s) => s.name);
  // First the sheet asked for, else the one shown, else the spreadsheet's active sheet (what the menu acts on).
  const candidates = [prefer, current, workbook.activeSheet, names[0]];
  const target = candidates.find((n): n is string => !!n && names.includes(n)) ?? '';
  renderTabs(names, target);
  await showSheet(target);
}

function renderTabs(names: string[], active: string): void {
  const tabs = $('tabs');
  tabs.replaceChildren(
    ...names.map((name) => {
      const b = document.createElement('button');
      b.className = 'tab';
      b.type = 'button';
      b.setAttribute('role', 'tab');
      b.dataset.sheet = name;
      b.setAttribute('aria-selected', String(name === active));
      b.textContent = name;
      // A tab clicked is the spreadsheet's active sheet, so the menu's actions work on it (as in Sheets).
      b.addEventListener('click', () => {
        void api('/api/sheet', { name })
          .then(() => showSheet(name))
          .then(
            () => {
              renderTabs(names, name);
              wrap.focus({ preventScroll: true });
            },
            (e: Error) => showAlert('Could not open the sheet', e.message),
          );
      });
      return b;
    }),
  );
}

async function showSheet(name: string): Promise<void> {
  current = name;
  if (!name) {
    sheet = null;
    grid.replaceChildren();
    $('empty').hidden = false;
    return;
  }
  sheet = await api<SheetData>(`/api/sheet?name=${encodeURIComponent(name)}`);
  $('empty').hidden = !(
    sheet.rows <= 1 &&
    sheet.columns <= 1 &&
    sheet.values[0]?.[0] === '' &&
    workbook.sheets.length <= 1
  );
  drawGrid();
}

const at = <T>(m: T[][] | null | undefined, r: number, c: number): T | undefined => m?.[r - 1]?.[c - 1];

function drawGrid(): void {
  if (!sheet) return;
  const s = sheet;
  const charts = s.charts ?? [];
  const rows = Math.max(s.rows + 20, 40, ...charts.map((c) => c.row + Math.ceil(c.height / 21) + 2));
  const cols = Math.max(s.columns + 3, 12, ...charts.map((c) => c.column + Math.ceil(c.width / 100) + 1));
  // Hidden columns are not drawn; the header before one shows a marker, as in Sheets.
  hiddenCols = new Set(s.hiddenColumns ?? []);
  // Hidden rows (the add-on's column-key row) are not drawn either.
  hiddenRows = new Set(s.hiddenRows ?? []);
  const visible = Array.from({ length: cols }, (_, i) => i + 1).filter((c) => !hiddenCols.has(c));
  const width = (c: number) => s.columnWidths[c - 1] ?? 100;
  const colgroup = document.createElement('colgroup');
  const rowHead = document.createElement('col');
  rowHead.style.width = '46px';
  colgroup.append(
    rowHead,
    ...visible.map((c) => {
      const col = document.createElement('col');
      col.style.width = `${width(c)}px`;
      return col;
    }),
  );
  const head = document.createElement('thead');
  const hr = head.insertRow();
  const cornerCell = document.createElement('th');
  cornerCell.className = 'corner';
  const left = (c: number) => 46 + visible.filter((v) => v < c).reduce((a, v) => a + width(v), 0);
  hr.append(
    cornerCell,
    ...visible.map((c) => {
      const th = document.createElement('th');
      th.textContent = colName(c);
      th.dataset.col = String(c);
      if (hiddenCols.has(c + 1)) {
        th.classList.add('before-hidden');
        th.title = 'Columns hidden on the right';
      }
      // A frozen column's letter stays above it when the grid scrolls sideways.
      if (c <= s.frozenColumns) {
        th.classList.add('frozen-c');
        th.style.left = `${left(c)}px`;
      }
      return th;
    }),
  );
  const body = document.createElement('tbody');
  for (let r = 1; r <= rows; r++) {
    if (hiddenRows.has(r)) continue;
    const tr = body.insertRow();
    const frozenR = r <= s.frozenRows;
    if (r === s.frozenRows) tr.className = 'frozen-edge';
    const th = document.createElement('th');
    th.textContent = String(r);
    th.dataset.row = String(r);
    if (frozenR) {
      th.classList.add('frozen-r');
      th.style.top = `${22 + (r - 1) * 21}px`;
    }
    tr.append(th);
    for (const c of visible) {
      const td = tr.insertCell();
      td.dataset.cell = a1(r, c);
      if (frozenR) {
        td.classList.add('frozen-r');
        td.style.top = `${22 + (r - 1) * 21}px`;
      }
      if (c <= s.frozenColumns) {
        td.classList.add('frozen-c');
        td.style.left = `${left(c)}px`;
        if (c === s.frozenColumns) td.classList.add('frozen-c-edge');
      }
      fillCell(td, r, c);
    }
  }
  grid.style.width = `${46 + visible.reduce((a, c) => a + width(c), 0)}px`;
  grid.replaceChildren(colgroup, head, body);
  drawCharts(charts);
  corner = { r: Math.min(corner.r, rows), c: Math.min(corner.c, cols) };
  select(Math.min(sel.r, rows), Math.min(sel.c, cols), false, true);
}

/** Embedded charts float over the grid at their anchor cell, as in Sheets. */
function drawCharts(charts: NonNullable<SheetData['charts']>): void {
  wrap.querySelectorAll('.chart-box').forEach((e) => e.remove());
  const origin = wrap.getBoundingClientRect();
  for (const c of charts) {
    const anchor = cellEl(c.row, c.column)?.getBoundingClientRect();
    if (!anchor) continue;
    const box = document.createElement('div');
    box.className = 'chart-box';
    box.dataset.testid = 'chart';
    box.style.left = `${anchor.left - origin.left + wrap.scrollLeft + c.offsetX}px`;
    box.style.top = `${anchor.top - origin.top + wrap.scrollTop + c.offsetY}px`;
    box.append(drawChart(c));
    wrap.append(box);
  }
}

function fillCell(td: HTMLTableCellElement, r: number, c: number): void {
  const s = sheet!;
  const value = at(s.values, r, c);
  const spark = s.sparklines?.find((p) => p.row === r && p.column === c);
  const shown = spark ? '' : (at(s.displayValues, r, c) ?? '');
  const span = document.createElement('span');
  span.textContent = shown;
  td.replaceChildren(spark ? drawSparkline(spark, (s.columnWidths[c - 1] ?? 100) - 6, 17) : span);
  const bg = at(s.backgrounds, r, c);
  if (bg && bg !== '#ffffff' && bg !== 'white') td.style.background = bg;
  const weight = at(s.fontWeights, r, c);
  if (weight === 'bold') td.style.fontWeight = 'bold';
  const style = at(s.fontStyles, r, c);
  if (style === 'italic') td.style.fontStyle = 'italic';
  const color = at(s.fontColors, r, c);
  if (color && color !== '#000000') td.style.color = color;
  const align = String(at(s.horizontalAlignments, r, c) ?? '').toLowerCase();
  if (align.includes('center')) td.classList.add('center');
  else if (align.includes('right')) td.classList.add('right');
  else if (align.includes('left')) td.classList.add('left');
  else if (typeof value === 'number') td.classList.add('num');
  else if (typeof value === 'boolean') td.classList.add('bool');
  const error = at(s.errors, r, c);
  if (error || (/^#[A-Z0-9/!?]+[!?A]?$/.test(shown) && shown.startsWith('#') && (at(s.formulas, r, c) ?? '') !== ''))
    td.classList.add('err');
  const note = at(s.notes, r, c);
  if (note) td.classList.add('note');
  if (error || note) td.title = String(error || note);
  // Left-aligned text spills into empty cells on its right, as in Sheets.
  const next = at(s.displayValues, r, c + 1) ?? '';
  if (
    shown &&
    next === '' &&
    typeof value === 'string' &&
    !td.classList.contains('center') &&
    !td.classList.contains('right')
  )
    td.classList.add('spill');
}

function cellEl(r: number, c: number): HTMLTableCellElement | null {
  return grid.querySelector(`td[data-cell="${a1(r, c)}"]`);
}

/** What the formula bar shows for a cell: its formula, or its value as a person would retype it. */
function rawText(r: number, c: number): string {
  if (!sheet) return '';
  const f = at(sheet.formulas, r, c);
  if (f) return f;
  const v = at(sheet.values, r, c);
  const shown = at(sheet.displayValues, r, c) ?? '';
  if (v === undefined || v === null || v === '') return '';
  if (typeof v === 'number' && shown.endsWith('%')) return `${Number((v * 100).toPrecision(12))}%`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string' && /^[=+\-@']/.test(v)) return `'${v}`;
  if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v)) return shown;
  return String(v);
}

/** The selected block: rows r1–r2, columns c1–c2 (one cell when nothing is extended). */
function block(): { r1: number; r2: number; c1: number; c2: number } {
  return {
    r1: Math.min(sel.r, corner.r),
    r2: Math.max(sel.r, corner.r),
    c1: Math.min(sel.c, corner.c),
    c2: Math.max(sel.c, corner.c),
  };
}
const blockA1 = () => {
  const b = block();
  return b.r1 === b.r2 && b.c1 === b.c2 ? a1(b.r1, b.c1) : `${a1(b.r1, b.c1)}:${a1(b.r2, b.c2)}`;
};

/** Select one cell (or, with `keepBlock`, keep the block's other corner where it is). */
function select(r: number, c: number, scroll = true, keepBlock = false): void {
  sel = { r: Math.max(1, r), c: Math.max(1, c) };
  if (!keepBlock) corner = { ...sel };
  paintSelection();
  if (scroll) cellEl(sel.r, sel.c)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

/** Extend the block to (r, c), as shift-click, a drag or shift-arrows do; the active cell stays. */
function extendTo(r: number, c: number): void {
  corner = { r: Math.max(1, Math.min(r, grid.tBodies[0]?.rows.length ?? r)), c: Math.max(1, c) };
  paintSelection();
  cellEl(corner.r, corner.c)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

function paintSelection(): void {
  grid
    .querySelectorAll('.selected, .in-block, th.sel')
    .forEach((el) => el.classList.remove('selected', 'in-block', 'sel'));
  const b = block();
  for (let r = b.r1; r <= b.r2; r++) {
    grid.querySelector(`tbody th[data-row="${r}"]`)?.classList.add('sel');
    for (let c = b.c1; c <= b.c2; c++) if (b.r1 !== b.r2 || b.c1 !== b.c2) cellEl(r, c)?.classList.add('in-block');
  }
  for (let c = b.c1; c <= b.c2; c++) grid.querySelector(`thead th[data-col="${c}"]`)?.classList.add('sel');
  cellEl(sel.r, sel.c)?.classList.add('selected');
  $('namebox').textContent = blockA1();
  formula.value = rawText(sel.r, sel.c);
}

// ---- Editing -------------------------------------------------------------------------------
function startEdit(initial?: string): void {
  const td = cellEl(sel.r, sel.c);
  if (!td || !sheet) return;
  editing = { ...sel };
  const box = td.getBoundingClientRect();
  editor.style.left = `${box.left}px`;
  editor.style.top = `${box.top}px`;
  editor.style.minWidth = `${box.width}px`;
  editor.style.height = `${box.height}px`;
  editor.style.width = `${Math.max(box.width, 120)}px`;
  editor.value = initial ?? rawText(sel.r, sel.c);
  editor.hidden = false;
  editor.focus();
}

async function commit(text: string, at: { r: number; c: number }): Promise<void> {
  const ref = `${quote(current)}!${a1(at.r, at.c)}`;
  if (text === rawText(at.r, at.c)) return;
  try {
    status('Saving…');
    await api('/api/range', { ref, values: [[text]] });
    await showSheet(current);
    status('All changes saved');
  } catch (e) {
    status('');
    showAlert('Could not change the cell', (e as Error).message);
  }
}

function endEdit(save: boolean, move?: [number, number]): void {
  if (!editing) return;
  const at = editing;
  editing = null;
  const text = editor.value;
  editor.hidden = true;
  wrap.focus();
  if (move) select(at.r + move[0], at.c + move[1]);
  if (save) void commit(text, at).then(() => select(sel.r, sel.c, false));
}

editor.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    e.preventDefault();
    endEdit(true, [1, 0]);
  } else if (e.key === 'Tab') {
    e.preventDefault();
    endEdit(true, [0, e.shiftKey ? -1 : 1]);
  } else if (e.key === 'Escape') {
    e.preventDefault();
    endEdit(false);
  }
});
editor.addEventListener('blur', () => endEdit(true));

const cellOf = (target: EventTarget | null): { r: number; c: number } | null => {
  const td = (target as HTMLElement | null)?.closest?.('td');
  if (!td?.dataset.cell) return null;
  const m = /^([A-Z]+)(\d+)$/.exec(td.dataset.cell)!;
  return { r: Number(m[2]), c: [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) };
};
// Click selects a cell, shift-click or a drag selects a block.
grid.addEventListener('mousedown', (e) => {
  const cell = cellOf(e.target);
  if (!cell || e.button !== 0) return;
  e.preventDefault();
  wrap.focus({ preventScroll: true });
  if (e.shiftKey) extendTo(cell.r, cell.c);
  else select(cell.r, cell.c, false);
  dragging = true;
});
grid.addEventListener('mouseover', (e) => {
  const cell = dragging ? cellOf(e.target) : null;
  if (cell && (cell.r !== corner.r || cell.c !== corner.c)) extendTo(cell.r, cell.c);
});
document.addEventListener('mouseup', () => {
  dragging = false;
});
grid.addEventListener('dblclick', (e) => {
  if ((e.target as HTMLElement).closest('td')) startEdit();
});

wrap.addEventListener('keydown', (e) => {
  if (editing || !sheet || e.target !== wrap) return;
  const moves: Record<string, [number, number]> = {
    ArrowUp: [-1, 0],
    ArrowDown: [1, 0],
    ArrowLeft: [0, -1],
    ArrowRight: [0, 1],
    Tab: [0, e.shiftKey ? -1 : 1],
  };
  if (moves[e.key]) {
    e.preventDefault();
    const [dr, dc] = moves[e.key];
    const extend = e.shiftKey && e.key !== 'Tab';
    const from = extend ? corner : sel;
    let c = from.c + dc;
    while (dc && hiddenCols.has(c)) c += dc;
    let r = from.r + dr;
    while (dr && hiddenRows.has(r)) r += dr;
    if (extend) extendTo(r > 0 ? r : from.r, c > 0 ? c : from.c);
    else select(r > 0 ? r : from.r, c > 0 ? c : from.c);
  } else if (e.key === 'Enter' || e.key === 'F2') {
    e.preventDefault();
    startEdit();
  } else if (e.key === 'Delete' || e.key === 'Backspace') {
    e.preventDefault();
    clearBlock();
  } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    startEdit(e.key);
  }
});

/** Write a block as typed from its top-left cell, then select what was written. */
function writeBlock(r: number, c: number, values: string[][], failure: string): void {
  status('Saving…');
  api('/api/range', { ref: `${quote(current)}!${a1(r, c)}`, values })
    .then(() => showSheet(current))
    .then(
      () => {
        status('All changes saved');
        select(r, c, false);
        extendTo(r + values.length - 1, c + values[0].length - 1);
      },
      (err: Error) => {
        status('');
        showAlert(failure, err.message);
      },
    );
}

/** Delete clears every cell of the block, each checked by its data validation as typing is. */
function clearBlock(): void {
  const b = block();
  writeBlock(
    b.r1,
    b.c1,
    Array.from({ length: b.r2 - b.r1 + 1 }, () => Array(b.c2 - b.c1 + 1).fill('')),
    'Could not clear the cells',
  );
}

// Paste a block (tab-separated, as copied from a spreadsheet) from the block's top-left cell.
wrap.addEventListener('paste', (e: ClipboardEvent) => {
  if (editing || !sheet) return;
  const text = e.clipboardData?.getData('text/plain') ?? '';
  if (!text) return;
  e.preventDefault();
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => l.split('\t'));
  const width = Math.max(...lines.map((l) => l.length));
  const b = block();
  writeBlock(
    b.r1,
    b.c1,
    lines.map((l) => [...l, ...Array(width - l.length).fill('')]),
    'Could not paste',
  );
});
// Copy the block as Sheets does: what the cells show, tab-separated, one line per row.
wrap.addEventListener('copy', (e: ClipboardEvent) => {
  if (editing || !sheet) return;
  e.preventDefault();
  const b = block();
  const rows = [];
  for (let r = b.r1; r <= b.r2; r++) {
    const row = [];
    for (let c = b.c1; c <= b.c2; c++) row.push(at(sheet.displayValues, r, c) ?? '');
    rows.push(row.join('\t'));
  }
  e.clipboardData?.setData('text/plain', rows.join('\n'));
});

formula.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    e.preventDefault();
    const at = { ...sel };
    wrap.focus();
    void commit(formula.value, at).then(() => select(at.r + 1, at.c));
  } else if (e.key === 'Escape') {
    formula.value = rawText(sel.r, sel.c);
    wrap.focus();
  }
});

// ---- Menu --------------------------------------------------------------------------------
const extensions = $<HTMLButtonElement>('menu-extensions');
const extensionsPop = $('menu-extensions-pop');
function closeMenu(): void {
  extensionsPop.hidden = true;
  extensions.setAttribute('aria-expanded', 'false');
  $('menu-addon').classList.remove('open');
}
extensions.addEventListener('click', (e) => {
  e.stopPropagation();
  const open = extensionsPop.hidden;
  closeMenu();
  if (open) {
    extensionsPop.hidden = false;
    extensions.setAttribute('aria-expanded', 'true');
  }
});
$('menu-addon').addEventListener('click', (e) => {
  e.stopPropagation();
  $('menu-addon').classList.toggle('open');
});
document.addEventListener('click', closeMenu);
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && !extensionsPop.hidden) closeMenu();
});

function renderMenu(menu: Menu | null): void {
  $('menu-addon-title').textContent = menu?.title ?? 'KPI Planner';
  const items = $('menu-addon-items');
  if (!menu || menu.items.length === 0) {
    const none = document.createElement('div');
    none.className = 'menu-empty';
    none.textContent = 'The add-on added no menu items';
    items.replaceChildren(none);
    return;
  }
  items.replaceChildren(
    ...menu.items.map((item) => {
      const row = document.createElement('div');
      if (!item) {
        row.className = 'menu-sep';
        return row;
      }
      row.className = 'menu-row';
      row.setAttribute('role', 'menuitem');
      row.tabIndex = 0;
      row.dataset.fn = item.functionName;
      row.dataset.testid = `menu-item-${item.functionName}`;
      row.textContent = item.caption;
      const activate = (e: Event) => {
        e.stopPropagation();
        closeMenu();
        void run(item.functionName, [], 'menu');
      };
      row.addEventListener('click', activate);
      row.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') activate(e);
      });
      return row;
    }),
  );
}

// ---- Running add-on functions ------------------------------------------------------------
async function run(fn: string, args: unknown[], from: 'menu' | 'frame'): Promise<unknown> {
  status(`Running ${fn}…`);
  try {
    const out = await api<{ result: unknown } & Shown>('/api/run', { fn, args });
    status('');
    await afterRun(out);
    return out.result;
  } catch (e) {
    status('');
    if (e instanceof ApiError) await afterRun(e.body as Shown);
    if (from === 'menu') showAlert('Script error', (e as Error).message);
    throw e;
  }
}

async function afterRun(shown: Shown): Promise<void> {
  for (const s of shown.sidebars ?? []) openSidebar(s);
  for (const d of shown.dialogs ?? []) openDialog(d);
  for (const t of shown.toasts ?? []) toast(t);
  for (const a of shown.alerts ?? []) showAlertRecord(a);
  const before = workbook.sheets.map((s) => s.name);
  const wb = await api<Workbook>('/api/workbook');
  const added = wb.sheets.map((s) => s.name).filter((n) => !before.includes(n));
  await refresh(
    wb.activeSheet && wb.activeSheet !== current && (added.includes(wb.activeSheet) || before.includes(wb.activeSheet))
      ? wb.activeSheet
      : added[0],
  );
}

function openSidebar(s: Surface): void {
  $('sidebar-title').textContent = s.title;
  $('sidebar').hidden = false;
  sidebarFrame.src = s.url;
}
function openDialog(d: Surface): void {
  $('dialog-title').textContent = d.title;
  const box = dialogFrame.parentElement as HTMLElement;
  dialogFrame.style.width = `${d.width ?? 480}px`;
  dialogFrame.style.height = `${d.height ?? 360}px`;
  box.style.width = 'auto';
  $('dialog').hidden = false;
  dialogFrame.src = d.url;
}
function closeSidebar(): void {
  $('sidebar').hidden = true;
  sidebarFrame.src = 'about:blank';
  wrap.focus({ preventScroll: true });
}
function closeDialog(): void {
  $('dialog').hidden = true;
  dialogFrame.src = 'about:blank';
  wrap.focus({ preventScroll: true });
}
$('sidebar-close').addEventListener('click', closeSidebar);
$('dialog-close').addEventListener('click', closeDialog);

// The sidebar and dialogs talk to us by postMessage (their iframes are sandboxed).
window.addEventListener('message', (event: MessageEvent) => {
  const frame =
    event.source === sidebarFrame.contentWindow
      ? sidebarFrame
      : event.source === dialogFrame.contentWindow
        ? dialogFrame
        : null;
  const data = event.data as {
    kpiPreview?: unknown;
    type?: string;
    id?: number;
    fn?: string;
    args?: unknown[];
    height?: number;
    width?: number;
  };
  if (!frame || !data || data.kpiPreview !== true) return;
  const reply = (msg: Record<string, unknown>) =>
    frame.contentWindow?.postMessage({ kpiPreview: 'reply', id: data.id, ...msg }, '*');
  if (data.type === 'run' && typeof data.fn === 'string') {
    run(data.fn, Array.isArray(data.args) ? data.args : [], 'frame').then(
      (result) => reply({ ok: true, result }),
      (e: Error) => reply({ ok: false, error: e.message }),
    );
  } else if (data.type === 'close') {
    if (frame === sidebarFrame) closeSidebar();
    else closeDialog();
  } else if (data.type === 'size' && frame === dialogFrame) {
    if (typeof data.height === 'number') dialogFrame.style.height = `${data.height}px`;
    if (typeof data.width === 'number') dialogFrame.style.width = `${data.width}px`;
  }
});

// ---- Alerts and toasts -------------------------------------------------------------------
const alertQueue: [string, string][] = [];
function showAlert(title: string, body: string): void {
  alertQueue.push([title, body]);
  if ($('alert').hidden) nextAlert();
}
function nextAlert(): void {
  const next = alertQueue.shift();
  // Closed: keys go to the grid again (else the next values typed would be lost on the page).
  if (!next) {
    $('alert').hidden = true;
    wrap.focus({ preventScroll: true });
    return;
  }
  $('alert-title').textContent = next[0];
  $('alert-body').textContent = next[1];
  $('alert').hidden = false;
  $('alert-ok').focus();
}
$('alert-ok').addEventListener('click', nextAlert);

const field = (x: unknown, ...keys: string[]): string => {
  if (typeof x === 'string') return keys.length ? x : '';
  for (const k of keys) {
    const v = (x as Record<string, unknown>)?.[k];
    if (v !== undefined && v !== null && v !== '') return String(v);
  }
  return '';
};
function showAlertRecord(a: unknown): void {
  const title = field(a, 'title');
  let body = field(a, 'prompt', 'message', 'msg', 'text') || (title ? '' : JSON.stringify(a));
  // The add-on runs on the server in one go: a question was answered there (first button, or the
  // API's "answers"); say which, so the page does not pretend to ask.
  const r = (a ?? {}) as Record<string, unknown>;
  if (r.kind === 'prompt' || (typeof r.buttons === 'string' && r.buttons !== 'OK'))
    body += `\n\n(Answered in the preview: ${String(r.answer ?? 'OK')})`;
  showAlert(title || 'KPI Planner', body);
}
function toast(t: unknown): void {
  const el = document.createElement('div');
  el.className = 'toast';
  el.dataset.testid = 'toast';
  const title = field(t, 'title');
  if (title) {
    const b = document.createElement('b');
    b.textContent = title;
    el.append(b);
  }
  el.append(document.createTextNode(field(t, 'msg', 'message', 'text') || (typeof t === 'string' ? t : '')));
  $('toasts').append(el);
  const seconds = Number(
    (t as Record<string, unknown>)?.timeoutSeconds ?? (t as Record<string, unknown>)?.timeout ?? 5,
  );
  setTimeout(() => el.remove(), (seconds > 0 ? Math.min(seconds, 30) : 8) * 1000);
}

// ---- Start -------------------------------------------------------------------------------
refresh().then(
  () => {
    status('Ready');
    document.body.dataset.ready = 'true';
  },
  (e: Error) => showAlert('The preview could not load the workbook', e.message),
);
