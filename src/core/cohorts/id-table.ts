/**
 * Distinct texts → dense indexes 0, 1, 2… in order of first appearance, built for a million lookups
 * of fresh strings (Sheets passes every cell as a new string, so a `Map` hashes and compares string
 * objects scattered over the heap).
 *
 * A text's key is two 32-bit words ({@link writeKey}): a text of up to seven code units below U+0100
 * (most ids) is its key — its length and code units packed — and a longer one is a marker and two
 * hashes. Open addressing over a typed array of key pairs, at most half full, with the index of each
 * slot beside it: a packed text is confirmed by its key words alone, a hashed one by string equality.
 * No per-entry objects. Callers with many texts write the keys in one pass over their cells and look
 * them up in a second, tight pass ({@link IdTable.indexOfKey}): the random accesses into the table
 * then no longer compete with the stream of cells for the cache.
 */
export class IdTable {
  /** Per slot: the key's two words; an empty slot's first word is 0 (a key's never is). */
  private slots: Int32Array;
  /** Per slot: the index of its text. */
  private indexes: Int32Array;
  private mask: number;
  private list: string[];
  private count = 0;
  /** Where warm() puts what it loads, so that the loads are not optimised away. */
  private sink = 0;
  private readonly scratchLow = new Int32Array(1);
  private readonly scratchHigh = new Int32Array(1);

  constructor(expected = 1024) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Int32Array(capacity * 2);
    this.indexes = new Int32Array(capacity);
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
    const indexes = this.indexes;
    const mask = this.mask;
    let sink = 0;
    for (let i = 0; i < count; i++) {
      const slot = slotOf(low[i], high[i]) & mask;
      sink ^= slots[slot * 2] ^ indexes[slot];
    }
    this.sink = sink;
  }

  /** The index of a text whose key {@link writeKey} wrote as `low`, `high`, adding it when new. */
  indexOfKey(low: number, high: number, text: string): number {
    const slots = this.slots;
    const mask = this.mask;
    let slot = slotOf(low, high) & mask;
    for (;;) {
      const stored = slots[slot * 2];
      if (stored === 0) break;
      if (stored === low && slots[slot * 2 + 1] === high) {
        const index = this.indexes[slot];
        if ((low & 0xff) !== HASHED || this.list[index] === text) return index;
      }
      slot = (slot + 1) & mask;
    }
    const index = this.count++;
    this.list[index] = text;
    slots[slot * 2] = low;
    slots[slot * 2 + 1] = high;
    this.indexes[slot] = index;
    if (this.count * 2 > mask + 1) this.grow();
    return index;
  }

  private grow(): void {
    const old = this.slots;
    const oldIndexes = this.indexes;
    const capacity = (this.mask + 1) * 2;
    const mask = capacity - 1;
    const slots = new Int32Array(capacity * 2);
    const indexes = new Int32Array(capacity);
    for (let s = 0; s < oldIndexes.length; s++) {
      const low = old[s * 2];
      if (low === 0) continue;
      const high = old[s * 2 + 1];
      let slot = slotOf(low, high) & mask;
      while (slots[slot * 2] !== 0) slot = (slot + 1) & mask;
      slots[slot * 2] = low;
      slots[slot * 2 + 1] = high;
      indexes[slot] = oldIndexes[s];
    }
    this.slots = slots;
    this.indexes = indexes;
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
    fnv = Math.imul(fnv ^ c, 0x01000193);
    sum = Math.imul(sum, 31) + c;
  }
  low[i] = HASHED | (sum << 8);
  high[i] = fnv;
}

/** A well-mixed slot number from a key (the packed words of similar ids differ in few bits). */
function slotOf(low: number, high: number): number {
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
