// The configuration a saved plan was made from: every configuration file of the root module directory
// (*.tf, *.tf.json, overrides included) by name, with its bytes, and those of every child module directory
// by their path relative to the root (`modules/web/main.tf`, `.cairn/modules/net/main.tf`). `apply FILE` compares it with the files
// on disk and refuses when they differ, so a plan is never applied to a configuration it was not made for.

import { readFileSync } from "node:fs";
import { join, posix, sep } from "node:path";
import { configFileNames } from "../../config/load-dir.js";

export interface ConfigFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** `moduleDirs`: the module tree's directories relative to `dir` (the root's "." is implied). */
export function snapshotConfigFiles(dir: string, moduleDirs: readonly string[] = []): ConfigFile[] {
  const out = new Map<string, Uint8Array>();
  for (const rel of [".", ...moduleDirs]) {
    const abs = join(dir, rel);
    const { primary, override } = configFileNames(abs);
    for (const name of [...primary, ...override]) {
      const key = rel === "." ? name : posix.join(rel.split(sep).join("/"), name);
      if (!out.has(key)) out.set(key, readFileSync(join(abs, name)));
    }
  }
  return [...out.keys()].sort().map((name) => ({ name, bytes: out.get(name)! }));
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
