// The add-on with a pseudo-locale: every English word replaced by `⟦key⟧`. Bundled by
// test/messages/pseudo.test.ts instead of src/main.ts.
import { registerCatalogue, type Messages } from '../../src/messages';
import { en } from '../../src/messages/en';

export const pseudo = Object.fromEntries(
  Object.entries(en).map(([key, value]) => [key, typeof value === 'function' ? () => `⟦${key}⟧` : `⟦${key}⟧`]),
) as unknown as Messages;
registerCatalogue('en', pseudo);

export * from '../../src/main';
