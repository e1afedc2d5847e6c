/**
 * The planner sidebar's entry point (bundled inline into dist/sidebar.html by scripts/build.mjs):
 * a six-step wizard (start · KGI · funnel · KSF & KPI · months · review) that edits a Draft
 * (src/client/draft.ts), checks it as the user types, previews the funnel back-calculation and
 * finally calls `buildWorkbook(plan)` on the server. The wizard is src/client/planner/wizard.ts,
 * one module per step in src/client/planner/steps. All text goes through textContent / DOM APIs
 * (never innerHTML). Selectors for browser tests are listed at the top of sidebar.html.
 */
import { init } from './planner/wizard';

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
