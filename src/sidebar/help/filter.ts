/**
 * The Help dialog's search box: shows the formula cards whose text (name, definition, arguments,
 * example, in the page's language) contains every word typed, hides groups left empty, and says
 * when nothing matches. The page itself is static HTML written by scripts/help-page.ts.
 */
const input = document.getElementById("filter") as HTMLInputElement;
const cards = [...document.querySelectorAll<HTMLElement>(".card")];
const groups = [...document.querySelectorAll<HTMLElement>(".group")];
const noMatch = document.getElementById("no-match") as HTMLElement;
const texts = new Map(cards.map((card) => [card, (card.textContent ?? "").toLowerCase()]));

function filter(): void {
  const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const card of cards) {
    const text = texts.get(card) ?? "";
    card.hidden = !words.every((word) => text.includes(word));
    if (!card.hidden) shown++;
  }
  for (const group of groups) group.hidden = !group.querySelector(".card:not([hidden])");
  noMatch.hidden = shown > 0;
}

input.addEventListener("input", filter);
input.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && input.value) {
    event.preventDefault();
    input.value = "";
    filter();
  }
});
