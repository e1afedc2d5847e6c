// Builds the add-on into dist/: one script (dist/Code.js), the manifest and the HTML files.
//
// esbuild bundles src/main.ts into an IIFE assigned to one global (`__kpi`). Apps Script
// only sees top-level function declarations, and Sheets autocomplete only reads the JSDoc
// in front of them, which esbuild drops. So the stubs are generated here: every custom function
// from the declarative table and its text (src/functions/table.ts + docs.ts, bundled in memory
// by scripts/docs.mjs: the text never reaches dist/Code.js), with its JSDoc and real parameter
// names; every other entry point from the bundle's `entries`.
import * as esbuild from 'esbuild';
import { mkdir, readdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { loadTable } from './docs.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const GLOBAL = '__kpi';

const common = { bundle: true, write: false, target: 'es2022', charset: 'utf8', legalComments: 'none', minify: true };

async function bundle(entry, format, globalName) {
  const out = await esbuild.build({ ...common, entryPoints: [entry], format, globalName });
  return out.outputFiles[0].text;
}

/** The help dialog's body for every language as template scriptlets (src/client/help.ts), bundled in memory. */
async function helpTemplate() {
  const js = await bundle(join(root, 'src/client/help.ts'), 'esm');
  const url = `data:text/javascript;base64,${Buffer.from(js).toString('base64')}`;
  return (await import(url)).helpTemplate();
}

/** `/** ... *\/` block from lines. */
const jsdoc = (lines) => ['/**', ...lines.map((l) => (l ? ` * ${l}` : ' *')), ' */'].join('\n');

/** Text safe inside a JSDoc block (no comment terminator, one line). */
const doc = (s) =>
  String(s)
    .replace(/\*\//g, '*\\/')
    .replace(/\s*\n\s*/g, ' ');

// One documented stub per table entry: names identical to the declaration, a @param per
// parameter, @return and @customfunction, so Sheets autocomplete shows name, params and help.
function customFunctionStub(fn) {
  const names = fn.params.map((p) => p.name).join(', ');
  const lines = [doc(fn.description), ''];
  for (const p of fn.params) {
    const optional = (p.optional || p.default !== undefined) && !/default/.test(p.help) ? ' Optional.' : '';
    lines.push(`@param {${p.jsType}} ${p.name} ${doc(p.help)}${optional}`);
  }
  lines.push(`@return ${doc(fn.returns)}`, '@customfunction');
  return `${jsdoc(lines)}\nfunction ${fn.name}(${names}) { return ${GLOBAL}.functions.${fn.name}(...arguments); }\n`;
}

function paramNames(fn) {
  const m = /^(?:function\b[^(]*|async\s+function\b[^(]*)?\(([^)]*)\)/.exec(fn.toString().trim());
  const names = m
    ? m[1]
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
  return names.every((n) => /^[A-Za-z_$][\w$]*$/.test(n)) ? names : null;
}

function entryStub(name, fn) {
  const names = paramNames(fn);
  const call = names
    ? `${GLOBAL}.entries.${name}(${names.join(', ')})`
    : `${GLOBAL}.entries.${name}.apply(this, arguments)`;
  return `function ${name}(${(names ?? []).join(', ')}) { return ${call}; }`;
}

/**
 * The text of Code.js for the bundle of `entry` (default src/main.ts): the IIFE and the stubs.
 * Tests bundle another entry (e.g. one that registers a pseudo-locale catalogue first).
 */
export async function addonScript(entry = join(root, 'src/main.ts')) {
  const code = await bundle(entry, 'iife', GLOBAL);
  // Load the bundle in an empty realm, as Sheets does: nothing but definitions may run.
  const ctx = vm.createContext({});
  vm.runInContext(code, ctx, { filename: 'Code.js' });
  const api = ctx[GLOBAL];
  const table = await loadTable();
  const missing = table.filter((f) => typeof api.functions?.[f.name] !== 'function').map((f) => f.name);
  if (missing.length) throw new Error(`build: the bundle has no functions.${missing.join(', functions.')}`);
  const stubs = [
    ...table.map(customFunctionStub),
    ...Object.entries(api.entries ?? {}).map(([name, fn]) => entryStub(name, fn)),
  ];
  const header = '// KPI Planner — built by scripts/build.mjs from src/. Do not edit: run `npm run build`.\n';
  return `${header}${code}\n${stubs.join('\n')}\n`;
}

export async function build() {
  const script = await addonScript();
  await rm(dist, { recursive: true, force: true });
  await mkdir(dist, { recursive: true });
  await writeFile(join(dist, 'Code.js'), script);
  await copyFile(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));

  // HTML: self-contained. `<script src="./x.ts" inline></script>` is replaced by the bundled script,
  // `<!-- help:body -->` by the help's words in every language (src/client/help.ts).
  const help = await helpTemplate();
  for (const file of (await readdir(join(root, 'src/client'))).filter((f) => f.endsWith('.html'))) {
    let html = (await readFile(join(root, 'src/client', file), 'utf8')).replace('<!-- help:body -->', () => help);
    const tags = [...html.matchAll(/<script src="([^"]+)" inline><\/script>/g)];
    for (const [tag, src] of tags) {
      const js = await bundle(join(root, 'src/client', src), 'iife');
      html = html.replace(tag, () => `<script>\n${js.replace(/<\/script/gi, '<\\/script')}</script>`);
    }
    await writeFile(join(dist, file), html);
  }
  return { bytes: Buffer.byteLength(await readFile(join(dist, 'Code.js'))) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bytes } = await build();
  console.log(`dist/Code.js ${(bytes / 1024).toFixed(1)} KiB`);
}
