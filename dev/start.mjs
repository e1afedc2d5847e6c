// `npm start`: bundle the preview server (TypeScript) for Node, then run it.
// Node 20 cannot run .ts files, so esbuild turns dev/preview/server.ts (and the harness it
// imports) into .preview/server.cjs; packages stay external and load from node_modules.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.preview', 'server.cjs');
await esbuild.build({
  entryPoints: [join(root, 'dev/preview/server.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
const { main } = createRequire(import.meta.url)(out);
const preview = await main(process.argv.slice(2), root);
if (preview) {
  const stop = () => preview.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
