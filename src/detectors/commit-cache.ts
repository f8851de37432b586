/**
 * Cache of values that detectors derive from one commit's change model (joined
 * lines, anchor offsets, parsed manifests), shared while that commit is scanned.
 *
 * Entries are weak, as in a WeakMap, and a range check also empties every cache
 * once each commit is judged. The young-generation collector of V8 (Node 20)
 * treats the values of a WeakMap as strong, and these caches chain: a commit's
 * file leads to its lines, which key the joined text, which keys the anchor
 * offsets. Without the clearing, the lines of a judged commit survive two young
 * collections and move to the old generation, where they stay until a full
 * collection, so the heap of a long check grows.
 */
export class CommitCache<K extends object, V> {
  private entries = new WeakMap<K, V>();

  constructor() {
    caches.push(this);
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.set(key, value);
  }

  /** Drops every entry. A new WeakMap replaces the old one, which then dies young. */
  clear(): void {
    this.entries = new WeakMap();
  }
}

// One entry per module that declares a cache, so the list stays short.
const caches: Array<CommitCache<object, unknown>> = [];

/** Empties every commit cache. Call it once a commit is judged and before the next is scanned. */
export function clearCommitCaches(): void {
  for (const cache of caches) cache.clear();
}
