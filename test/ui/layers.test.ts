/**
 * Imports flow one way: the client (browser) takes server code as types only, the server never
 * imports the client, src/core and src/messages import neither, and src/main.ts is the entry
 * points and nothing else. (The tsconfig per runtime checks the globals: `npm run typecheck`.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** Every import of a file: whether it is type-only, and the top folder of src it reaches. */
function imports(file: string): { typeOnly: boolean; layer: string; spec: string }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)]
    .filter((m) => m[3].startsWith('.'))
    .map((m) => {
      const target = relative(src, resolve(file, '..', m[3]));
      return { typeOnly: Boolean(m[2]), layer: target.split(/[\\/]/)[0].replace(/\.ts$/, ''), spec: m[3] };
    });
}

const layerOf = (file: string) => relative(src, file).split(/[\\/]/)[0].replace(/\.ts$/, '');
const SERVER_SIDE = ['server', 'sheets', 'functions', 'main'];

test('the client imports server-side code as types only', () => {
  const bad = files(join(src, 'client')).flatMap((f) =>
    imports(f).filter((i) => SERVER_SIDE.includes(i.layer) && !i.typeOnly).map((i) => `${relative(root, f)}: ${i.spec}`));
  expect(bad).toEqual([]);
});

test('the server side never imports the client', () => {
  const bad = files(src).filter((f) => SERVER_SIDE.includes(layerOf(f))).flatMap((f) =>
    imports(f).filter((i) => i.layer === 'client').map((i) => `${relative(root, f)}: ${i.spec}`));
  expect(bad).toEqual([]);
});

test('src/core and src/messages are shared: they import neither side', () => {
  const bad = files(src).filter((f) => ['core', 'messages'].includes(layerOf(f))).flatMap((f) =>
    imports(f).filter((i) => !['core', 'messages'].includes(i.layer)).map((i) => `${relative(root, f)}: ${i.spec}`));
  expect(bad).toEqual([]);
});

test('src/main.ts holds the global entry points and nothing else', () => {
  const text = readFileSync(join(src, 'main.ts'), 'utf8');
  const code = text.replace(/\/\/.*$/gm, '').trim();
  const statements = code.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean);
  for (const s of statements) expect(s).toMatch(/^(import|export \{|export const entries = \{)/);
});

test('the sidebar steps each have their own module', () => {
  const steps = readdirSync(join(src, 'client/planner/steps')).sort();
  expect(steps).toEqual(['channels.ts', 'fiscal-year.ts', 'funnel.ts', 'kgi.ts', 'ksfs.ts', 'language.ts', 'review.ts', 'seasonality.ts', 'thresholds.ts']);
});
