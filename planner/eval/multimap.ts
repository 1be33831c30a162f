// Grouping values under a key (a Map of lists), the one idiom the planner's indexes share.

/** Appends `v` to the list under `k`, creating the list on first use; returns that list. */
export function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): V[] {
  let list = m.get(k);
  if (list === undefined) m.set(k, (list = []));
  list.push(v);
  return list;
}
