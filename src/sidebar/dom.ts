/**
 * Building the sidebar's elements. Text — including headers and values from the user's data — is
 * only ever set as text (`append` of a string), never parsed as HTML.
 */
type Attributes = Record<string, string | boolean>;

/** Creates an element with attributes (`false` leaves one out) and text or element children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false) continue;
    node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) node.append(child);
  return node;
}

/**
 * A labelled control with its one-line hint, and a message line under it for what is wrong with
 * the value (`showProblem`); the control is described by both for screen readers.
 */
export function field(
  label: string,
  control: HTMLElement,
  hint: string | Node,
  extra?: HTMLElement,
): HTMLElement {
  const id = control.id;
  control.setAttribute("aria-describedby", `${id}-hint ${id}-problem`);
  return el(
    "div",
    { class: "field", id: `${id}-field` },
    el("label", { for: id }, label),
    extra ? el("div", { class: "row" }, control, extra) : control,
    el("small", { id: `${id}-hint` }, hint),
    el("small", { id: `${id}-problem`, class: "problem", hidden: true }),
  );
}

/**
 * Sets a message as text. Where `link` — an https address the server sent in its own field (the
 * consent page), never taken from the message — occurs in it, that part becomes a link opening in a
 * new tab, without access back to this page (`rel="noopener"`).
 */
export function showMessage(node: HTMLElement, message: string, link?: string): void {
  const at = link && isHttps(link) ? message.indexOf(link) : -1;
  if (!link || at < 0) {
    node.textContent = message;
    return;
  }
  const anchor = el("a", { href: link, target: "_blank", rel: "noopener" }, link);
  node.replaceChildren(message.slice(0, at), anchor, message.slice(at + link.length));
}

/** An https address with nothing that could end an attribute or start markup. */
const isHttps = (text: string) => /^https:\/\/[^\s"'<>\\]+$/i.test(text);

/** Shows (or, with "", clears) the message under a field made by {@link field}, its `link` as in {@link showMessage}. */
export function showProblem(control: HTMLElement, message: string, link?: string): void {
  const line = control.closest(".field")?.querySelector<HTMLElement>(".problem");
  if (!line) return;
  showMessage(line, message, link);
  line.hidden = !message;
  if (message) control.setAttribute("aria-invalid", "true");
  else control.removeAttribute("aria-invalid");
}
