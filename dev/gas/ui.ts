// SpreadsheetApp.getUi(): menus, sidebars, dialogs, alerts and prompts, recorded in the UI log.
import type { Ctx, MenuItem, UiLog } from './context';

export const Button = Object.freeze({ CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' });
export const ButtonSet = Object.freeze({
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
});
const FIRST: Record<string, string> = { OK: 'OK', OK_CANCEL: 'OK', YES_NO: 'YES', YES_NO_CANCEL: 'YES' };

export function newUiLog(): UiLog {
  const log: UiLog = {
    menus: [],
    sidebars: [],
    dialogs: [],
    alerts: [],
    toasts: [],
    pending: [],
    answer(button: string, text = '') {
      log.pending.push({ button: String(button).toUpperCase(), text });
    },
  };
  return log;
}

interface HtmlLike {
  getContent(): string;
  getTitle(): string;
  getWidth?(): number;
  getHeight?(): number;
}

export class MenuImpl {
  readonly items: MenuItem[] = [];
  constructor(
    private readonly ctx: Ctx,
    readonly title: string,
  ) {}
  addItem(caption: string, functionName: string) {
    this.items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator() {
    this.items.push({ caption: '', functionName: '', separator: true });
    return this;
  }
  addSubMenu(menu: MenuImpl) {
    this.items.push({ caption: menu.title, functionName: '', submenu: { title: menu.title, items: menu.items } });
    return this;
  }
  addToUi() {
    const menus = this.ctx.ui.menus.filter((m) => m.title !== this.title);
    menus.push({ title: this.title, items: this.items.map((i) => ({ ...i })) });
    this.ctx.ui.menus.splice(0, this.ctx.ui.menus.length, ...menus);
  }
}

export class UiImpl {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;
  constructor(private readonly ctx: Ctx) {}
  createAddonMenu() {
    return this.ctx.wrap(new MenuImpl(this.ctx, this.ctx.addonName), 'Menu');
  }
  createMenu(caption: string) {
    return this.ctx.wrap(new MenuImpl(this.ctx, String(caption)), 'Menu');
  }
  showSidebar(output: HtmlLike) {
    this.ctx.ui.sidebars.push({ title: output.getTitle(), html: output.getContent() });
  }
  showModalDialog(output: HtmlLike, title: string) {
    this.ctx.ui.dialogs.push({
      title: String(title),
      html: output.getContent(),
      modal: true,
      width: output.getWidth?.(),
      height: output.getHeight?.(),
    });
  }
  showModelessDialog(output: HtmlLike, title: string) {
    this.ctx.ui.dialogs.push({
      title: String(title),
      html: output.getContent(),
      modal: false,
      width: output.getWidth?.(),
      height: output.getHeight?.(),
    });
  }
  private next(buttons: string) {
    return this.ctx.ui.pending.shift() ?? { button: FIRST[buttons] ?? 'OK', text: '' };
  }
  /** alert(prompt), alert(prompt, buttons), alert(title, prompt, buttons) → the button pressed. */
  alert(a: string, b?: string, c?: string) {
    const [title, prompt, buttons] =
      c !== undefined ? [a, b ?? '', c] : b !== undefined && b in ButtonSet ? ['', a, b] : ['', a, 'OK'];
    const { button } = this.next(buttons);
    this.ctx.ui.alerts.push({ title: String(title), prompt: String(prompt), buttons, kind: 'alert', answer: button });
    return button;
  }
  /** prompt(prompt), prompt(prompt, buttons), prompt(title, prompt, buttons) → PromptResponse. */
  prompt(a: string, b?: string, c?: string) {
    const [title, prompt, buttons] =
      c !== undefined ? [a, b ?? '', c] : b !== undefined && b in ButtonSet ? ['', a, b] : ['', a, 'OK'];
    const { button, text } = this.next(buttons);
    this.ctx.ui.alerts.push({ title: String(title), prompt: String(prompt), buttons, kind: 'prompt', answer: button });
    return this.ctx.wrap({ getResponseText: () => text, getSelectedButton: () => button }, 'PromptResponse');
  }
}
