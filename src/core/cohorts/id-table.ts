/**
 * Distinct texts → dense indexes 0, 1, 2… in order of first appearance, built for a million lookups
 * of fresh strings (Sheets passes every cell as a new string, so a `Map` hashes and compares string
 * objects scattered over the heap). Open addressing over one typed array of 4-word slots: FNV-1a
 * hash, index + 1, and the length and first seven code units packed in two words. A text of up to
 * seven characters below U+0100 (most ids) is confirmed from its slot alone, one memory access; a
 * longer one by string equality. No per-entry objects.
 */
export class IdTable {
  /** The texts, by index. */
  readonly texts: string[] = [];
  private slots: Int32Array;
  private mask: number;

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 4);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.texts.length;
  }

  /** The index of a text, adding it when new. */
  add(text: string): number {
    const length = text.length;
    let h = 0x811c9dc5 | 0;
    let low = length;
    let high = 0;
    let packed = length <= 7;
    for (let j = 0; j < length; j++) {
      const c = text.charCodeAt(j);
      h = Math.imul(h ^ c, 0x01000193);
      if (c > 255) packed = false;
      else if (j < 3) low |= c << (8 * j + 8);
      else if (j < 7) high |= c << (8 * (j - 3));
    }
    if (!packed) low = -1; // never equal to a packed word: those hold a length ≤ 7 in their low byte
    const slots = this.slots;
    const mask = this.mask;
    let slot = ((h ^ (h >>> 15)) & mask) << 2;
    for (;;) {
      const entry = slots[slot + 1];
      if (entry === 0) break;
      if (
        slots[slot] === h &&
        slots[slot + 2] === low &&
        (packed ? slots[slot + 3] === high : this.texts[entry - 1] === text)
      )
        return entry - 1;
      slot = (slot + 4) & ((mask << 2) | 3);
    }
    const index = this.texts.length;
    this.texts.push(text);
    slots[slot] = h;
    slots[slot + 1] = index + 1;
    slots[slot + 2] = low;
    slots[slot + 3] = high;
    if (this.texts.length * 2 > mask + 1) this.grow();
    return index;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    const slots = new Int32Array(capacity * 4);
    const mask = capacity - 1;
    for (let s = 0; s < old.length; s += 4) {
      if (old[s + 1] === 0) continue;
      const h = old[s];
      let slot = ((h ^ (h >>> 15)) & mask) << 2;
      while (slots[slot + 1] !== 0) slot = (slot + 4) & ((mask << 2) | 3);
      slots[slot] = h;
      slots[slot + 1] = old[s + 1];
      slots[slot + 2] = old[s + 2];
      slots[slot + 3] = old[s + 3];
    }
    this.slots = slots;
    this.mask = mask;
  }
}
