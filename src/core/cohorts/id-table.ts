/**
 * Distinct texts → dense indexes 0, 1, 2… in order of first appearance, built for a million lookups
 * of fresh strings (Sheets passes every cell as a new string, so a `Map` hashes and compares string
 * objects scattered over the heap). Open addressing over a typed array of (FNV-1a hash, index + 1)
 * pairs; per index, the text's length and first seven code units packed in two words. A text of up
 * to seven characters below U+0100 (most ids) is confirmed from those words; a longer one by string
 * equality. No per-entry objects; 8 bytes a slot at most half full, 8 bytes a text.
 */
export class IdTable {
  /** The texts, by index. */
  readonly texts: string[] = [];
  private slots: Int32Array;
  private mask: number;
  /** Per index: packed length and code units 0–2 (−1 when not packed), code units 3–6. */
  private keys = new Int32Array(2048);

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
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
    if (!packed) low = -1; // never a packed word: those hold a length ≤ 7 in their low byte
    const slots = this.slots;
    const keys = this.keys;
    const wrap = (this.mask << 1) | 1;
    let slot = ((h ^ (h >>> 15)) & this.mask) << 1;
    for (;;) {
      const entry = slots[slot + 1];
      if (entry === 0) break;
      if (slots[slot] === h) {
        const key = (entry - 1) << 1;
        if (keys[key] === low && (packed ? keys[key + 1] === high : this.texts[entry - 1] === text))
          return entry - 1;
      }
      slot = (slot + 2) & wrap;
    }
    const index = this.texts.length;
    this.texts.push(text);
    if (index * 2 + 2 > keys.length) {
      this.keys = new Int32Array(keys.length * 2);
      this.keys.set(keys);
    }
    this.keys[index * 2] = low;
    this.keys[index * 2 + 1] = high;
    slots[slot] = h;
    slots[slot + 1] = index + 1;
    if (this.texts.length * 2 > this.mask + 1) this.grow();
    return index;
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    const slots = new Int32Array(capacity * 2);
    const mask = capacity - 1;
    const wrap = (mask << 1) | 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      const h = old[s];
      let slot = ((h ^ (h >>> 15)) & mask) << 1;
      while (slots[slot + 1] !== 0) slot = (slot + 2) & wrap;
      slots[slot] = h;
      slots[slot + 1] = old[s + 1];
    }
    this.slots = slots;
    this.mask = mask;
  }
}
