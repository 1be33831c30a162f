// The configuration a saved plan was made from: every configuration file of the root module directory
// (*.tf, *.tf.json, overrides included) by name, with its bytes. `apply FILE` compares it with the files
// on disk and refuses when they differ, so a plan is never applied to a configuration it was not made for.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { configFileNames } from "../config/load-dir.js";

export interface ConfigFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export function snapshotConfigFiles(dir: string): ConfigFile[] {
  const { primary, override } = configFileNames(dir);
  return [...primary, ...override].sort().map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
}

export interface ConfigDifference {
  readonly added: string[];
  readonly removed: string[];
  readonly changed: string[];
}

export function compareConfigFiles(planned: readonly ConfigFile[], current: readonly ConfigFile[]): ConfigDifference {
  const before = new Map(planned.map((f) => [f.name, f.bytes]));
  const now = new Map(current.map((f) => [f.name, f.bytes]));
  const added = [...now.keys()].filter((n) => !before.has(n)).sort();
  const removed = [...before.keys()].filter((n) => !now.has(n)).sort();
  const changed = [...now.keys()].filter((n) => before.has(n) && !Buffer.from(before.get(n)!).equals(Buffer.from(now.get(n)!))).sort();
  return { added, removed, changed };
}
