// `npm run bench` (builds first): for each KPI_* function, the time for a 10,000 × 12 block in
// one call vs. the same work as 120,000 single-cell calls (how Sheets would run it if the
// function only took single cells), and the size / load time of dist/Code.js, which Sheets
// loads again for every custom-function call. Then, on the offline harness with the real
// dist/Code.js, the service calls of buildWorkbook for 5 and 60 KPIs (reads, writes, flushes =
// reads that follow a write) and the custom-function evaluations per typed actual.
// Printed figures only, no assertions.
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const code = readFileSync(join(root, 'dist/Code.js'), 'utf8');
const ctx = vm.createContext({});
vm.runInContext(code, ctx, { filename: 'Code.js' });

const ROWS = 10_000, COLS = 12, CELLS = ROWS * COLS;
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const block = (f) => Array.from({ length: ROWS }, () => Array.from({ length: COLS }, f));
const actual = block(() => (rnd() < 0.1 ? '' : Math.round(rnd() * 200)));
const target = block(() => 50 + Math.round(rnd() * 100));
const progress = block(() => (rnd() < 0.1 ? '' : rnd() * 1.5));
const totals = Array.from({ length: ROWS }, () => [Math.round(rnd() * 10_000)]);
const lower = Array.from({ length: ROWS }, () => [rnd() < 0.2]);
const season = [[1, 1, 1.1, 1, 0.7, 1, 1.1, 1.1, 0.9, 0.8, 1, 1.3]];
const thirds = [Array.from({ length: COLS }, (_, i) => 1 / (i + 3))];
const start = new Date(2025, 0, 1), end = new Date(2025, 11, 31), asOf = new Date(2025, 6, 15);
const cell = (g, i) => g[Math.floor(i / COLS)][i % COLS];
const F = (name) => ctx[name];

// block: one call over the block; single: [number of calls, call i] as Sheets would run it cell by cell.
const cases = [
  { name: 'KPI_TARGET', note: 'no block form: 120,000 goals', single: [CELLS, (i) => F('KPI_TARGET')(1000 + i, [[0.4, 0.2]], 500)] },
  { name: 'KPI_FUNNEL', note: 'no block form: 120,000 goals', single: [CELLS, (i) => F('KPI_FUNNEL')(1000 + i, [[0.4, 0.2]], 500)] },
  { name: 'KPI_MONTHLY', block: () => F('KPI_MONTHLY')(totals), single: [CELLS, (i) => F('KPI_MONTHLY')(totals[Math.floor(i / COLS)][0])[0][i % COLS]] },
  { name: 'KPI_MONTHLY', note: 'seasonal weights (exact integer shares)', block: () => F('KPI_MONTHLY')(totals, season), single: [ROWS, (i) => F('KPI_MONTHLY')(totals[i][0], season)] },
  { name: 'KPI_MONTHLY', note: 'weights like =1/3 (BigInt shares)', block: () => F('KPI_MONTHLY')(totals, thirds), single: [ROWS, (i) => F('KPI_MONTHLY')(totals[i][0], thirds)] },
  { name: 'KPI_PROGRESS', block: () => F('KPI_PROGRESS')(actual, target, lower), single: [CELLS, (i) => F('KPI_PROGRESS')(cell(actual, i), cell(target, i), lower[Math.floor(i / COLS)][0])] },
  { name: 'KPI_PACE', block: () => F('KPI_PACE')(actual, target, start, end, asOf), single: [CELLS, (i) => F('KPI_PACE')(cell(actual, i), cell(target, i), start, end, asOf)] },
  { name: 'KPI_FORECAST', note: 'single: one call per row', block: () => F('KPI_FORECAST')(actual), single: [ROWS, (i) => F('KPI_FORECAST')([actual[i]])] },
  { name: 'KPI_REMAINING', block: () => F('KPI_REMAINING')(target, actual, 6), single: [CELLS, (i) => F('KPI_REMAINING')(cell(target, i), cell(actual, i), 6)] },
  { name: 'KPI_STATUS', block: () => F('KPI_STATUS')(progress, 0.8, 1, 'en'), single: [CELLS, (i) => F('KPI_STATUS')(cell(progress, i), 0.8, 1, 'en')] },
  { name: 'KPI_LAG', block: () => F('KPI_LAG')(actual, 2), single: [CELLS, (i) => F('KPI_LAG')([actual[Math.floor(i / COLS)]], 2)[0][i % COLS]] },
];

function time(run) {
  run(); // warm-up
  const t0 = performance.now();
  run();
  return performance.now() - t0;
}

// What Sheets pays per call before any work: loading Code.js into a fresh global scope.
const LOADS = 200;
const t0 = performance.now();
for (let i = 0; i < LOADS; i++) vm.runInContext(code, vm.createContext({}), { filename: 'Code.js' });
const loadMs = (performance.now() - t0) / LOADS;

const pad = (s, n) => String(s).padStart(n);
const ms = (x) => (x === undefined ? '—' : `${x.toFixed(1)} ms`);
console.log(`dist/Code.js: ${(Buffer.byteLength(code) / 1024).toFixed(1)} KiB, ${loadMs.toFixed(2)} ms to load into a fresh realm (Sheets does this per call)`);
console.log(`\n${'function'.padEnd(14)}${pad('10,000×12 block', 17)}${pad('single calls', 15)}${pad('single time', 14)}${pad('ratio', 9)}${pad('+ loads (est.)', 17)}  note`);
for (const c of cases) {
  const blockMs = c.block ? time(c.block) : undefined;
  const [n, one] = c.single;
  const singleMs = time(() => { for (let i = 0; i < n; i++) one(i); });
  const ratio = blockMs ? `${(singleMs / blockMs).toFixed(1)}×` : '—';
  const withLoads = `${((singleMs + n * loadMs) / 1000).toFixed(1)} s`;
  console.log(`${c.name.padEnd(14)}${pad(ms(blockMs), 17)}${pad(n.toLocaleString('en-US'), 15)}${pad(ms(singleMs), 14)}${pad(ratio, 9)}${pad(withLoads, 17)}  ${c.note ?? ''}`);
}
console.log('\nratio = single-call time ÷ block time, JavaScript only; in Sheets each single call is also a server round trip.');

// ---- the build's service calls, on the harness -------------------------------------------------
async function harness() {
  // Node 20 cannot run the TypeScript harness: bundle it (packages stay in node_modules).
  const out = join(root, '.preview', 'bench-harness.cjs');
  const bundle = await esbuild.build({
    stdin: {
      contents: "export { loadAddon } from './dev/harness'; export { bigPlan } from './test/sheets/plans';",
      resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts',
    },
    write: false, bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'warning',
  });
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, bundle.outputFiles[0].contents);
  renameSync(tmp, out);
  return createRequire(import.meta.url)(out);
}

const { loadAddon, bigPlan } = await harness();
process.chdir(root);
console.log('\nbuildWorkbook on the harness (real dist/Code.js): service calls that touch the document');
console.log(`${'KPIs'.padEnd(6)}${pad('calls', 7)}${pad('reads', 7)}${pad('writes', 8)}${pad('flushes', 9)}${pad('reads after 1st write', 23)}${pad('formulas by setValues', 23)}${pad('build', 10)}  custom-function evaluations per typed actual`);
for (const n of [5, 60]) {
  const addon = loadAddon();
  addon.resetCalls();
  const t = performance.now();
  addon.run('buildWorkbook', bigPlan(n));
  const buildMs = performance.now() - t;
  const log = addon.callLog.slice(); // the build only (the lookups below are logged too)
  const reads = log.filter((c) => c.kind === 'read').length;
  const writes = log.filter((c) => c.kind === 'write').length;
  const firstWrite = log.findIndex((c) => c.kind === 'write');
  const readsAfter = firstWrite < 0 ? 0 : log.slice(firstWrite).filter((c) => c.kind === 'read').length;
  // formulas written through setValue(s) instead of setFormula(s)
  const formulaSetValues = log.reduce((sum, c) => sum + (c.formulas ?? 0), 0);
  const flushes = addon.flushes;
  // typing actuals: the first, a middle and the last KPI, in months 1 and 6
  const actuals = addon.spreadsheet.getRangeByName('ACTUALS');
  const evaluations = [];
  if (actuals) {
    const sheet = actuals.getSheet().getName();
    const rows = [1, Math.ceil(actuals.getNumRows() / 2), actuals.getNumRows()];
    for (const i of rows) {
      for (const j of [1, Math.min(6, actuals.getNumColumns())]) {
        addon.resetCustomFunctionCalls();
        addon.type(`'${sheet}'!${actuals.getCell(i, j).getA1Notation()}`, 7 * i + j);
        evaluations.push(addon.customFunctionCalls);
      }
    }
  }
  const perActual = evaluations.length ? `${Math.max(...evaluations)} max, ${(evaluations.reduce((x, y) => x + y, 0) / evaluations.length).toFixed(1)} avg over ${evaluations.length}` : 'no ACTUALS range';
  console.log(`${String(n).padEnd(6)}${pad(log.length, 7)}${pad(reads, 7)}${pad(writes, 8)}${pad(flushes, 9)}${pad(readsAfter, 23)}${pad(`${formulaSetValues} cells`, 23)}${pad(ms(buildMs), 10)}  ${perActual}`);
  const byMethod = {};
  for (const c of log) byMethod[`${c.object}.${c.method}`] = (byMethod[`${c.object}.${c.method}`] ?? 0) + 1;
  const top = Object.entries(byMethod).sort((x, y) => y[1] - x[1]).slice(0, 8).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`      most called: ${top}`);
  const flushedBy = [];
  let pendingWrite = false;
  for (const c of log) {
    if (c.kind === 'write') pendingWrite = true;
    else if (c.kind === 'flush') pendingWrite = false;
    else if (pendingWrite) {
      flushedBy.push(`${c.object}.${c.method}`);
      pendingWrite = false;
    }
  }
  console.log(`      reads that flush: ${flushedBy.join(', ') || 'none'}`);
}
console.log('flushes = reads that follow a write with no flush in between (Apps Script flushes its write buffer for each).');

// Data links (issue 16): a build with KPIs linked to a deals export of 1,000 and 5,000 rows, and the
// recalculation after one row is appended to the export (the linked rows' formulas read whole columns).
console.log('\nData links on the harness: build and one appended source row, by export size (4 linked KPIs)');
for (const rowsCount of [1000, 5000]) {
  const addon = loadAddon();
  const stages = ['Closed Won', 'Closed Lost', 'Contract Sent'];
  const rows = [['Deal Stage', 'Close Date', 'Amount']];
  for (let i = 0; i < rowsCount; i++) {
    const m = (i % 12) + 1;
    rows.push([stages[i % 3], `2026-${String(m).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`, String(1000 + i)]);
  }
  const deals = addon.spreadsheet.insertSheet('Deals');
  deals.insertRowsAfter(deals.getMaxRows(), rows.length + 10 - deals.getMaxRows());
  deals.getRange(1, 1, rows.length, 3).setValues(rows);
  const plan = bigPlan(5);
  plan.ksfs.flatMap((k) => k.kpis).slice(0, 4).forEach((kpi, i) => {
    kpi.source = i % 2
      ? { sheet: 'Deals', date: 'Close Date', where: [{ column: 'Deal Stage', equals: ['Closed Won'] }], sum: 'Amount' }
      : { sheet: 'Deals', date: 'Close Date' };
  });
  let t = performance.now();
  addon.run('buildWorkbook', plan);
  const buildMs = performance.now() - t;
  t = performance.now();
  addon.spreadsheet.getSheetByName('Deals').getRange(rows.length + 1, 1, 1, 3).setValues([['Closed Won', '2026-04-02', '5']]);
  addon.spreadsheet.getRangeByName('ACTUALS').getValues();
  const appendMs = performance.now() - t;
  console.log(`${String(rowsCount).padEnd(6)} rows: build ${ms(buildMs)}, append + read Actuals ${ms(appendMs)}`);
}
