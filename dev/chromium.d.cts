import type { BrowserType, Browser } from 'playwright-core';

export interface FoundChromium {
  executablePath: string;
  args: string[];
  env?: Record<string, string>;
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
}
export function findChromium(env?: NodeJS.ProcessEnv, places?: string[]): Promise<FoundChromium>;
export function launchChromium(chromium: BrowserType, extraArgs?: string[]): Promise<Browser>;
export function systemChromium(env?: NodeJS.ProcessEnv, places?: string[]): string | undefined;
export const INSTALL_HINT: string;
