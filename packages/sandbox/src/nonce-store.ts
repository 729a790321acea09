/**
 * Replay detection for Kingdee nonces (docs/protocols/kingdee.md §5.3) in a fixed amount of memory.
 *
 * A nonce counts as used until its request's own timestamp leaves the window: the gateway accepts
 * timestamps up to the window ahead of its clock, so a nonce forgotten one window after receipt
 * could be replayed while its timestamp is still accepted. Each entry keeps its own expiry.
 *
 * A nonce reaches the store only after it matched `^\d{1,32}$`, so it packs exactly into 128 bits
 * (4 bits per digit) plus its length: the store keeps no object per nonce. A `Map` of strings did
 * the same job, but under sustained load every tracked nonce was promoted to V8's old generation
 * and every expired one had to be collected there, and the Map's backing store was rebuilt as
 * entries churned: the sandbox's RSS grew by half during a 30 s load test with a live heap that
 * stayed flat. Here every array is allocated once, when the client sends its first nonce.
 *
 * Layout: a ring of entries in arrival order and an open-addressing index (linear probing,
 * backward-shift deletion, load ≤ 0.5) from key to ring slot. Expired entries leave from the ring's
 * front in O(1); an entry behind a later-expiring one (stamped further ahead) waits there, still
 * using capacity, but answers by its own expiry, so the memory bound and O(1) steps hold.
 */
export interface NonceStore {
  /** When `nonce` was last remembered, if it is still within its window at `now`. */
  seenAt(nonce: string, now: number): number | undefined;
  /**
   * Track `nonce` as seen at `now`, used until `windowMs` after `stampedAt` (the request's own
   * timestamp) or after `now`, whichever is later; a nonce already tracked takes the newer entry.
   */
  remember(nonce: string, now: number, stampedAt?: number): void;
  /** Nonces tracked (expired ones leave on the next `remember`). */
  readonly size: number;
}

export interface NonceStoreOptions {
  /** Most nonces tracked at once; beyond it the oldest is forgotten early. */
  capacity: number;
  /** How long a nonce counts as used. */
  windowMs: number;
}

const WORDS = 4;
const MAX_DIGITS = 32;

export function createNonceStore(options: NonceStoreOptions): NonceStore {
  const { capacity, windowMs } = options;
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }
  let slotCount = 2;
  while (slotCount < capacity * 2) slotCount *= 2;
  const mask = slotCount - 1;
  /** Ring slot + 1 per index slot; 0 is empty. */
  const slots = new Int32Array(slotCount);
  const keys = new Uint32Array(capacity * WORDS);
  const lengths = new Uint8Array(capacity);
  const hashes = new Uint32Array(capacity);
  const times = new Float64Array(capacity);
  /** Last instant each entry counts as used. */
  const expiries = new Float64Array(capacity);
  /** Whether a ring entry is in the index (a nonce remembered again leaves a dead entry behind). */
  const indexed = new Uint8Array(capacity);
  let head = 0;
  let size = 0;

  const key = new Uint32Array(WORDS);
  let keyLength = 0;
  let keyHash = 0;

  const encode = (nonce: string): void => {
    const length = nonce.length;
    if (length < 1 || length > MAX_DIGITS) {
      throw new RangeError(`nonce must be 1–${MAX_DIGITS} decimal digits`);
    }
    key.fill(0);
    for (let i = 0; i < length; i++) {
      const digit = nonce.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) throw new RangeError('nonce must be decimal digits');
      (key[i >>> 3] as number) |= digit << ((i & 7) * 4);
    }
    keyLength = length;
    let h = Math.imul(length, 0x9e3779b1);
    for (let w = 0; w < WORDS; w++) {
      h = Math.imul(h ^ (key[w] as number), 0x85ebca6b);
      h ^= h >>> 13;
    }
    keyHash = (Math.imul(h, 0xc2b2ae35) ^ (h >>> 16)) >>> 0;
  };

  const matches = (entry: number): boolean => {
    if (lengths[entry] !== keyLength) return false;
    const base = entry * WORDS;
    for (let w = 0; w < WORDS; w++) if (keys[base + w] !== key[w]) return false;
    return true;
  };

  /** Ring slot of the encoded key, or -1. */
  const find = (): number => {
    for (let at = keyHash & mask; ; at = (at + 1) & mask) {
      const stored = slots[at] as number;
      if (stored === 0) return -1;
      if (hashes[stored - 1] === keyHash && matches(stored - 1)) return stored - 1;
    }
  };

  const unindex = (entry: number): void => {
    let hole = (hashes[entry] as number) & mask;
    while (slots[hole] !== entry + 1) hole = (hole + 1) & mask;
    // Backward-shift deletion: pull later members of the probe run into the hole when their home
    // slot does not lie cyclically between the hole and where they sit.
    for (let at = (hole + 1) & mask; ; at = (at + 1) & mask) {
      const stored = slots[at] as number;
      if (stored === 0) break;
      const home = (hashes[stored - 1] as number) & mask;
      const stays = hole <= at ? hole < home && home <= at : hole < home || home <= at;
      if (stays) continue;
      slots[hole] = stored;
      hole = at;
    }
    slots[hole] = 0;
    indexed[entry] = 0;
  };

  const evictOldest = (): void => {
    if (indexed[head] === 1) unindex(head);
    head = (head + 1) % capacity;
    size--;
  };

  return {
    seenAt(nonce, now) {
      encode(nonce);
      const entry = find();
      if (entry === -1) return undefined;
      return now <= (expiries[entry] as number) ? times[entry] : undefined;
    },
    remember(nonce, now, stampedAt = now) {
      while (size > 0 && (expiries[head] as number) < now) evictOldest();
      if (size === capacity) evictOldest();
      encode(nonce);
      const previous = find();
      if (previous !== -1) unindex(previous);
      const entry = (head + size) % capacity;
      keys.set(key, entry * WORDS);
      lengths[entry] = keyLength;
      hashes[entry] = keyHash;
      times[entry] = now;
      expiries[entry] = Math.max(now, stampedAt) + windowMs;
      let at = keyHash & mask;
      while (slots[at] !== 0) at = (at + 1) & mask;
      slots[at] = entry + 1;
      indexed[entry] = 1;
      size++;
    },
    get size() {
      return size;
    },
  };
}
