/**
 * Distinct texts → dense indexes 0, 1, 2… in order of first appearance, built for a million lookups
 * of fresh strings (Sheets passes every cell as a new string, so a `Map` hashes and compares string
 * objects scattered over the heap).
 *
 * A text's key is two 32-bit words ({@link writeKey}): a text of up to seven code units below U+0100
 * (most ids) is its key — its length and code units packed — and a longer one is a marker and two
 * hashes. Open addressing over a typed array of slots (key and index), at most half full: a packed
 * text is confirmed by its key words alone, a hashed one by string equality. No per-entry objects.
 *
 * Callers with many texts write a block of keys while streaming through their cells, then look the
 * block up: {@link IdTable.warm} first, then {@link IdTable.indexOfKey} per key. Most of the time
 * goes to fetching slots from memory, and this way those fetches overlap.
 */
export class IdTable {
  /** Per slot, 16 bytes: the key's two words, the text's index, a spare word (aligns slots to cache
   * lines: one fetch per lookup). An empty slot's first word is 0 (a key's never is). */
  private slots: Int32Array;
  private mask: number;
  private list: string[];
  private count = 0;
  /** Where warm() puts what it loads, so that the loads are not optimised away (never read). */
  sink = 0;
  private readonly scratchLow = new Int32Array(1);
  private readonly scratchHigh = new Int32Array(1);

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 4);
    this.mask = capacity - 1;
    this.list = new Array(Math.min(expected, 1 << 20));
  }

  get size(): number {
    return this.count;
  }

  /** The texts, by index. */
  get texts(): string[] {
    this.list.length = this.count;
    return this.list;
  }

  /** The index of a text, adding it when new. */
  add(text: string): number {
    writeKey(text, this.scratchLow, this.scratchHigh, 0);
    return this.indexOfKey(this.scratchLow[0], this.scratchHigh[0], text);
  }

  /**
   * Touches the first slot each of `count` keys will probe, in a loop without branches: the loads
   * overlap, and the lookups that follow (whose branches would serialise them) find them in cache.
   */
  warm(low: Int32Array, high: Int32Array, count: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let sink = 0;
    for (let i = 0; i < count; i++) sink ^= slots[(slotOf(low[i], high[i]) & mask) * 4];
    this.sink = sink;
  }

  /** The index of a text whose key {@link writeKey} wrote as `low`, `high`, adding it when new. */
  indexOfKey(low: number, high: number, text: string): number {
    const slots = this.slots;
    const mask = this.mask;
    let at = (slotOf(low, high) & mask) * 4;
    for (;;) {
      const stored = slots[at];
      if (stored === 0) break;
      if (stored === low && slots[at + 1] === high) {
        const index = slots[at + 2];
        if ((low & 0xff) !== HASHED || this.list[index] === text) return index;
      }
      at = (at + 4) & ((mask << 2) | 3);
    }
    const index = this.count++;
    this.list[index] = text;
    slots[at] = low;
    slots[at + 1] = high;
    slots[at + 2] = index;
    if (this.count * 2 > mask + 1) this.grow();
    return index;
  }

  private grow(): void {
    const old = this.slots;
    const mask = (this.mask << 1) | 1;
    const slots = new Int32Array((mask + 1) * 4);
    for (let from = 0; from < old.length; from += 4) {
      const low = old[from];
      if (low === 0) continue;
      const high = old[from + 1];
      let at = (slotOf(low, high) & mask) * 4;
      while (slots[at] !== 0) at = (at + 4) & ((mask << 2) | 3);
      slots[at] = low;
      slots[at + 1] = high;
      slots[at + 2] = old[from + 2];
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** The low byte of a hashed key's first word; a packed key's holds its length + 1 (1…8). */
const HASHED = 9;

/**
 * Writes the key of a text at `i` of `low` and `high`: for up to seven code units below U+0100, the
 * length + 1 and code units 0–2 in `low`, code units 3–6 in `high` — equal keys, equal texts; else
 * {@link HASHED} and 24 bits of one hash in `low`, another 32-bit hash (FNV-1a) in `high`.
 */
export function writeKey(text: string, low: Int32Array, high: Int32Array, i: number): void {
  const length = text.length;
  if (length <= 7) {
    let first = length + 1;
    let second = 0;
    let wide = 0;
    for (let j = 0; j < length; j++) {
      const c = text.charCodeAt(j);
      wide |= c;
      if (j < 3) first |= c << (8 * j + 8);
      else second |= c << (8 * (j - 3));
    }
    if (wide < 256) {
      low[i] = first;
      high[i] = second;
      return;
    }
  }
  let fnv = 0x811c9dc5 | 0;
  let sum = length;
  for (let j = 0; j < length; j++) {
    const c = text.charCodeAt(j);
    fnv = imul(fnv ^ c, 0x01000193);
    sum = imul(sum, 31) + c;
  }
  low[i] = HASHED | (sum << 8);
  high[i] = fnv;
}

// Math.imul as a module constant: a lookup per row of the global Math is slow where the global is
// answered by an interceptor (Node's contextified vm globals; see fit/special.ts).
const { imul } = Math;

/** A well-mixed slot number from a key (the packed words of similar ids differ in few bits). */
function slotOf(low: number, high: number): number {
  let h = imul(low ^ imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
