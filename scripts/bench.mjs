// `npm run bench` (builds first): for each KPI_* function, the time for a 10,000 × 12 block in
// one call vs. the same work as 120,000 single-cell calls (how Sheets would run it if the
// function only took single cells), and the size / load time of dist/Code.js, which Sheets
// loads again for every custom-function call. Printed figures only, no assertions.
import { readFileSync } from 'node:fs';
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
