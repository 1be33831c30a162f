// JSON as a tree that keeps what jsondecode needs and JavaScript objects lose: member order, duplicate keys
// and every number's source text. Read by the one JSON reader (json-reader.ts).

import { readJson, type JsonSink } from "./json-reader.js";

export type JSONNode =
  | { readonly k: "null" }
  | { readonly k: "bool"; readonly v: boolean }
  | { readonly k: "number"; readonly text: string }
  | { readonly k: "string"; readonly v: string }
  | { readonly k: "array"; readonly items: readonly JSONNode[] }
  | { readonly k: "object"; readonly entries: readonly (readonly [string, JSONNode])[] };

export type JSONParseResult = { readonly ok: true; readonly node: JSONNode } | { readonly ok: false; readonly message: string };

/** Deeper documents are refused, so that the recursive conversions of their trees cannot overflow the stack. */
export const maxJSONDepth = 1000;

type Entries = [string, JSONNode][];

const nodeSink: JsonSink<JSONNode, Entries, JSONNode[]> = {
  null: { k: "null" },
  true: { k: "bool", v: true },
  false: { k: "bool", v: false },
  string: (v) => ({ k: "string", v }),
  number: (text) => ({ k: "number", text }),
  openObject: () => [],
  member: (entries, key, value) => void entries.push([key, value]),
  closeObject: (entries) => ({ k: "object", entries }),
  openArray: () => [],
  element: (items, value) => void items.push(value),
  closeArray: (items) => ({ k: "array", items }),
};

export function parseJSONText(text: string): JSONParseResult {
  const r = readJson(Buffer.from(text, "utf8"), nodeSink, { maxDepth: maxJSONDepth });
  return r.ok ? { ok: true, node: r.value } : r;
}
