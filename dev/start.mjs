// `npm start`: bundle the preview server (TypeScript) for Node, then run it.
// Node 20 cannot run .ts files, so esbuild turns dev/preview/server.ts (and the harness it
// imports) into .preview/server.cjs; packages stay external and load from node_modules.
import * as esbuild from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.preview', 'server.cjs');
// Paths on the command line are relative to where the user ran the command (npm runs scripts in
// the package root and says where it was started in INIT_CWD); the server itself runs in the root.
const cwd = process.env.INIT_CWD ?? process.cwd();
process.chdir(root);
const bundle = await esbuild.build({
  entryPoints: [join(root, 'dev/preview/server.ts')],
  outfile: out,
  write: false,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
// Written atomically: another preview (or a test) starting at the same time never reads half a file.
mkdirSync(dirname(out), { recursive: true });
const tmp = `${out}.${process.pid}.tmp`;
writeFileSync(tmp, bundle.outputFiles[0].contents);
renameSync(tmp, out);
process.setSourceMapsEnabled(true);
const { main } = createRequire(import.meta.url)(out);
const preview = await main(process.argv.slice(2), root, cwd);
if (preview) {
  const stop = () => preview.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
