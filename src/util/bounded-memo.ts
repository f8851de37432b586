/**
 * Returns `compute` with its results kept by argument. The cache empties once it has `limit`
 * entries, so a stream of distinct arguments cannot grow it without bound. `keyOf` gives the
 * string stored as the key, such as a copy that keeps no larger string alive. `compute` must
 * not return undefined, which marks a missing entry.
 */
export function memoizeBounded<V>(compute: (key: string) => V, limit: number, keyOf: (key: string) => string = (key) => key): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = compute(key);
      if (cache.size >= limit) cache.clear();
      cache.set(keyOf(key), value);
    }
    return value;
  };
}
