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

/** Shows (or, with "", clears) the message under a field made by {@link field}. */
export function showProblem(control: HTMLElement, message: string): void {
  const line = control.closest(".field")?.querySelector<HTMLElement>(".problem");
  if (!line) return;
  line.textContent = message;
  line.hidden = !message;
  if (message) control.setAttribute("aria-invalid", "true");
  else control.removeAttribute("aria-invalid");
}
