/**
 * A third language is one catalogue: the add-on bundled with a pseudo-locale (every English word
 * replaced by `⟦key⟧`, registered in src/messages/index.ts) builds the workbook, and every word
 * on its sheets is the pseudo-locale's: no English word is left that does not go through it.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadAddon } from '../../dev/harness';
import { en } from '../../src/messages/en';
import { basicPlan } from '../sheets/plans';

const root = resolve(__dirname, '../..');
let dist: string;

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'kpi-pseudo-'));
  const script = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { addonScript } from './scripts/build.mjs';
       process.stdout.write(await addonScript(${JSON.stringify(join(root, 'test/messages/pseudo-entry.ts'))}));`,
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  writeFileSync(join(dist, 'Code.js'), script);
  copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));
}, 60_000);

test('the workbook built in a pseudo-locale uses its words for sheet names, headers and hints', () => {
  const addon = loadAddon({ dist, locale: 'en_US' });
  const result = addon.run('buildWorkbook', basicPlan('en')) as { sheets: string[] };
  const names = addon.spreadsheet.getSheets().map((sheet) => sheet.getName());
  for (const key of ['sheetTree', 'sheetPlan', 'sheetActuals', 'sheetProgress'])
    expect(names).toContain(`⟦sheet.${key}⟧`);
  expect(result.sheets).toContain('⟦sheet.sheetPlan⟧');

  const cells = addon.spreadsheet
    .getSheets()
    .flatMap((sheet) => sheet.getDataRange().getDisplayValues().flat())
    .filter((value) => value !== '');
  const pseudoWords = new Set(cells.filter((value) => value.includes('⟦')));
  for (const key of ['sheet.kpi', 'sheet.owner', 'sheet.annualTarget', 'sheet.ytdProgress', 'date.monthYear']) {
    expect(pseudoWords).toContain(`⟦${key}⟧`);
  }
  // No English word of the catalogue is left on any sheet.
  const english = new Set(
    Object.entries(en)
      .filter(([key, value]) => key.startsWith('sheet.') && typeof value === 'string' && value.length > 3)
      .map(([, value]) => value as string),
  );
  expect(cells.filter((value) => english.has(value))).toEqual([]);
});
