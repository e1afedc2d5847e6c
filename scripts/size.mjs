// Prints what each source file adds to dist/Code.js (minified bytes), largest first.
import * as esbuild from 'esbuild';
const r = await esbuild.build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  write: false,
  format: 'iife',
  globalName: '__kpi',
  minify: true,
  metafile: true,
  target: 'es2022',
  charset: 'utf8',
  legalComments: 'none',
});
const out = Object.values(r.metafile.outputs)[0];
for (const [file, { bytesInOutput }] of Object.entries(out.inputs).sort(
  (a, b) => b[1].bytesInOutput - a[1].bytesInOutput,
)) {
  console.log(String(bytesInOutput).padStart(7), file);
}
console.log(String(out.bytes).padStart(7), 'bundle (without the generated stubs)');
