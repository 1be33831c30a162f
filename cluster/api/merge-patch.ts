// RFC 7386 JSON merge patch: objects merge key by key, null deletes, everything else replaces.
// Iterative (an explicit stack) so a deeply nested patch cannot overflow the call stack.
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const root: Record<string, Json> = isObject(target) ? structuredClone(target) : {};
  const stack: [Record<string, Json>, Record<string, Json>][] = [[root, patch]];
  while (stack.length > 0) {
    const [t, p] = stack.pop()!;
    for (const [k, v] of Object.entries(p)) {
      if (v === null) delete t[k];
      else if (isObject(v)) {
        const cur = t[k];
        const next: Record<string, Json> = isObject(cur) ? cur : {};
        t[k] = next;
        stack.push([next, v]);
      } else t[k] = structuredClone(v);
    }
  }
  return root;
}
