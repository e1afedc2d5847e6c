// The README function reference is generated from the table: it must be up to date and show
// every function with its English and Japanese example.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS } from '../../src/functions';
import { DOCS as TEXT, type FunctionDoc } from '../../src/functions/docs';

const DOCS = TEXT as Record<string, FunctionDoc<string>>;

const root = join(__dirname, '../..');

test('README function reference matches the table (run `npm run docs` after editing it)', () => {
  let output = '';
  try {
    output = execFileSync(process.execPath, ['scripts/docs.mjs', '--check'], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    });
  } catch (e) {
    throw new Error(`README.md is out of date: run \`npm run docs\`\n${(e as { stderr?: string }).stderr ?? e}`);
  }
  expect(output).toContain('up to date');
});

test('the README section documents every function, parameter and both examples', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('<!-- functions:start -->'), readme.indexOf('<!-- functions:end -->'));
  for (const f of FUNCTIONS) {
    expect(section).toContain(`### ${f.name}`);
    for (const p of f.params) expect(section).toContain(`| \`${p.name}\` |`);
    expect(section).toContain(DOCS[f.name].examples.en.formula);
    expect(section).toContain(DOCS[f.name].examples.ja.formula);
  }
  expect(section).toMatch(/リード/);
  expect(section).toMatch(/商談/);
  expect(section).toMatch(/受注/);
});
