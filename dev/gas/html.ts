// HtmlService: HTML outputs from the built files in dist/ (`createHtmlOutputFromFile('Sidebar')` reads
// `<dist>/Sidebar.html`) and templates with <?= ?> (escaped), <?!= ?> (raw) and <? ?> scriptlets.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import type { Ctx } from './context';

export class HtmlOutputImpl {
  private title = '';
  private width = 0;
  private height = 0;
  constructor(private content = '') {}
  getContent() {
    return this.content;
  }
  setContent(c: string) {
    this.content = String(c);
    return this;
  }
  append(c: string) {
    this.content += String(c);
    return this;
  }
  appendUntrusted(c: string) {
    this.content += escapeHtml(String(c));
    return this;
  }
  clear() {
    this.content = '';
    return this;
  }
  getTitle() {
    return this.title;
  }
  setTitle(t: string) {
    this.title = String(t);
    return this;
  }
  getWidth() {
    return this.width;
  }
  setWidth(w: number) {
    this.width = w;
    return this;
  }
  getHeight() {
    return this.height;
  }
  setHeight(h: number) {
    this.height = h;
    return this;
  }
  setSandboxMode() {
    return this;
  }
  setXFrameOptionsMode() {
    return this;
  }
  addMetaTag() {
    return this;
  }
  setFaviconUrl() {
    return this;
  }
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function readHtml(ctx: Ctx, name: string): string {
  const file = join(ctx.dist, name.endsWith('.html') ? name : `${name}.html`);
  if (!existsSync(file)) throw new Error(`No HTML file named ${name} was found.`);
  return readFileSync(file, 'utf8');
}

export class HtmlTemplateImpl {
  [key: string]: unknown;
  constructor(
    private readonly ctx: Ctx,
    private readonly source: string,
    private readonly script: vm.Context,
  ) {}
  getRawContent() {
    return this.source;
  }
  getCode() {
    return compile(this.source);
  }
  evaluate() {
    const fn = vm.runInContext(`(function (__t, __esc) { with (__t) { ${compile(this.source)} } })`, this.script) as (
      t: object,
      esc: (v: unknown) => string,
    ) => string;
    const out = fn(this, (v: unknown) => escapeHtml(String(v ?? '')));
    return this.ctx.wrap(new HtmlOutputImpl(out), 'HtmlOutput');
  }
}

function compile(src: string): string {
  let code = 'var __o = "";\n';
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    code += `__o += ${JSON.stringify(src.slice(last, m.index))};\n`;
    if (m[1] === '=') code += `__o += __esc(${m[2]});\n`;
    else if (m[1] === '!=') code += `__o += String((${m[2]}) ?? "");\n`;
    else code += `${m[2]}\n`;
    last = m.index + m[0].length;
  }
  return `${code}__o += ${JSON.stringify(src.slice(last))};\nreturn __o;`;
}

export function htmlService(ctx: Ctx, script: vm.Context) {
  return ctx.wrap(
    {
      XFrameOptionsMode: Object.freeze({ ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' }),
      SandboxMode: Object.freeze({ EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' }),
      createHtmlOutput: (html?: string) =>
        ctx.wrap(new HtmlOutputImpl(html === undefined ? '' : String(html)), 'HtmlOutput'),
      createHtmlOutputFromFile: (name: string) =>
        ctx.wrap(new HtmlOutputImpl(readHtml(ctx, String(name))), 'HtmlOutput'),
      createTemplate: (html: string) => ctx.wrap(new HtmlTemplateImpl(ctx, String(html), script), 'HtmlTemplate'),
      createTemplateFromFile: (name: string) =>
        ctx.wrap(new HtmlTemplateImpl(ctx, readHtml(ctx, String(name)), script), 'HtmlTemplate'),
    },
    'HtmlService',
  );
}
