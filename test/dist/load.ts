// Loads the built dist/Code.js into a fresh node:vm realm, as Sheets does. Builds first when
// dist/Code.js is missing or older than src/ (so `npx jest` works on a fresh clone; `npm test`
// builds before jest anyway). A lock directory keeps parallel jest workers from building at once.
import { execSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import vm from 'node:vm';

export const root = resolve(__dirname, '../..');
export const codePath = join(root, 'dist/Code.js');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

function stale(): boolean {
  try {
    return (
      statSync(codePath).mtimeMs <
      Math.max(newest(join(root, 'src')), statSync(join(root, 'scripts/build.mjs')).mtimeMs)
    );
  } catch {
    return true;
  }
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export function ensureBuilt(): void {
  if (!stale()) return;
  const lock = join(root, 'node_modules/.kpi-build.lock');
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > until) rmdirSync(lock);
      sleep(100);
    }
  }
  try {
    if (stale()) execSync('node scripts/build.mjs', { cwd: root, stdio: 'pipe' });
  } finally {
    rmdirSync(lock);
  }
}

export const readCode = (): string => readFileSync(codePath, 'utf8');

/** A fresh realm with `globals` (nothing else), with dist/Code.js loaded into it. */
export function loadDist(globals: Record<string, unknown> = {}): vm.Context {
  const ctx = vm.createContext({ ...globals });
  vm.runInContext(readCode(), ctx, { filename: 'Code.js' });
  return ctx;
}
