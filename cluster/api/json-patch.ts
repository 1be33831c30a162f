// RFC 6902 JSON patch (`kubectl patch --type=json`): add, remove, replace, move, copy, test on JSON pointers.
// A failed operation is a user error (the API server answers 422 / 500 in its own words; we say which op).
import { Errors } from "./status.js";

type Container = Record<string, unknown> | unknown[];

function pointer(path: unknown): string[] {
  if (typeof path !== "string" || (path !== "" && !path.startsWith("/"))) throw Errors.badRequest(`the JSON patch path ${JSON.stringify(path)} is not a JSON pointer`);
  return path === "" ? [] : path.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function parentOf(doc: unknown, segs: string[], op: string): { parent: Container; last: string } {
  let cur: unknown = doc;
  for (const s of segs.slice(0, -1)) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (typeof cur === "object" && cur !== null) cur = (cur as Record<string, unknown>)[s];
    else cur = undefined;
    if (cur === undefined) throw Errors.unprocessable(`jsonpatch ${op} operation does not apply: doc is missing path: "/${segs.join("/")}": missing value`);
  }
  if (typeof cur !== "object" || cur === null) throw Errors.unprocessable(`jsonpatch ${op} operation does not apply: doc is missing path: "/${segs.join("/")}": missing value`);
  return { parent: cur as Container, last: segs[segs.length - 1]! };
}

function index(arr: unknown[], s: string, allowEnd: boolean, op: string, path: string): number {
  if (s === "-" && allowEnd) return arr.length;
  const i = Number(s);
  if (!/^\d+$/.test(s) || i > arr.length || (!allowEnd && i === arr.length)) throw Errors.unprocessable(`jsonpatch ${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return i;
}

function get(doc: unknown, segs: string[], op: string, path: string): unknown {
  if (segs.length === 0) return doc;
  const { parent, last } = parentOf(doc, segs, op);
  const v = Array.isArray(parent) ? parent[index(parent, last, false, op, path)] : parent[last];
  if (v === undefined) throw Errors.unprocessable(`jsonpatch ${op} operation does not apply: doc is missing path: "${path}": missing value`);
  return v;
}

function remove(doc: unknown, segs: string[], op: string, path: string): unknown {
  const { parent, last } = parentOf(doc, segs, op);
  if (Array.isArray(parent)) return parent.splice(index(parent, last, false, op, path), 1)[0];
  if (!(last in parent)) throw Errors.unprocessable(`jsonpatch ${op} operation does not apply: doc is missing path: "${path}": missing value`);
  const v = parent[last];
  delete parent[last];
  return v;
}

function add(doc: unknown, segs: string[], value: unknown, replace: boolean, op: string, path: string): unknown {
  if (segs.length === 0) return structuredClone(value);
  const { parent, last } = parentOf(doc, segs, op);
  if (Array.isArray(parent)) {
    const i = index(parent, last, !replace, op, path);
    parent.splice(i, replace ? 1 : 0, structuredClone(value));
  } else {
    if (replace && !(last in parent)) throw Errors.unprocessable(`jsonpatch replace operation does not apply: doc is missing key: ${path}: missing value`);
    parent[last] = structuredClone(value);
  }
  return doc;
}

export function applyJsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw Errors.badRequest("a JSON patch must be a list of operations");
  let doc = structuredClone(target);
  for (const raw of ops) {
    if (typeof raw !== "object" || raw === null) throw Errors.badRequest("a JSON patch operation must be an object");
    const o = raw as { op?: unknown; path?: unknown; from?: unknown; value?: unknown };
    const path = String(o.path);
    const segs = pointer(o.path);
    switch (o.op) {
      case "add": doc = add(doc, segs, o.value, false, "add", path); break;
      case "replace": doc = add(doc, segs, o.value, true, "replace", path); break;
      case "remove": remove(doc, segs, "remove", path); break;
      case "move": { const v = remove(doc, pointer(o.from), "move", String(o.from)); doc = add(doc, segs, v, false, "move", path); break; }
      case "copy": doc = add(doc, segs, get(doc, pointer(o.from), "copy", String(o.from)), false, "copy", path); break;
      case "test":
        if (JSON.stringify(get(doc, segs, "test", path)) !== JSON.stringify(o.value)) throw Errors.unprocessable(`the server rejected our request due to an error in our request: testing value ${path} failed`);
        break;
      default: throw Errors.badRequest(`Unexpected kind: ${String(o.op)}`);
    }
  }
  return doc;
}
