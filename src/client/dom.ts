/**
 * The DOM helper of the sidebar and the dialogs: text children become Text nodes and attributes
 * go through setAttribute, so whatever a user (or the server) wrote shows as text, never markup.
 */
export type Child = Node | string | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | undefined | EventListener>;

/** `h('button', { class: 'link', onclick }, 'Edit')`. `on…` attributes are event listeners. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = String(value);
    else if (name === 'value') (el as HTMLInputElement).value = String(value);
    else if (name === 'checked' || name === 'disabled' || name === 'selected') {
      (el as unknown as Record<string, boolean>)[name] = Boolean(value);
    } else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** The element with this id (throws when the page lacks it: a markup bug). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}
