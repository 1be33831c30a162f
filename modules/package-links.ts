// Symbolic links inside a downloaded module package (from an archive or a git repository) must lead to
// somewhere inside the package. Checking each link's target text is not enough: `b -> a/..` looks inside,
// but when `a` is itself a link to `.`, it leads to the package's parent. So every link is followed the way
// the kernel would, one path component at a time from the package root, each link met on the way expanded in
// place, and the walk must never step above the root.

import { lstatSync, readdirSync, readlinkSync } from "node:fs";
import { isAbsolute, join } from "node:path";

/** As Linux's MAXSYMLINKS: more expansions than this is a loop. */
const MAX_LINK_HOPS = 40;

export interface LinkEscape {
  /** The link, relative to the package root, with "/" separators. */
  readonly link: string;
  readonly target: string;
  readonly why: "outside" | "loop";
}

/** The first symbolic link in the package at root that leads outside it (or loops), if any. */
export function findEscapingLink(root: string): LinkEscape | undefined {
  const dirs: string[][] = [[]];
  for (let dir = dirs.pop(); dir !== undefined; dir = dirs.pop()) {
    for (const entry of readdirSync(join(root, ...dir), { withFileTypes: true })) {
      const rel = [...dir, entry.name];
      if (entry.isDirectory()) dirs.push(rel);
      else if (entry.isSymbolicLink()) {
        const why = followInside(root, rel);
        if (why !== undefined) return { link: rel.join("/"), target: readlinkSync(join(root, ...rel)), why };
      }
    }
  }
  return undefined;
}

/** Follows the path rel (components below root); undefined when it stays inside root at every step. */
function followInside(root: string, rel: readonly string[]): "outside" | "loop" | undefined {
  const at: string[] = []; // where the walk is, as components below root, every one a real directory
  const todo = [...rel].reverse(); // components still to walk, next last
  let hops = 0;
  for (let c = todo.pop(); c !== undefined; c = todo.pop()) {
    if (c === "" || c === ".") continue;
    if (c === "..") {
      if (at.length === 0) return "outside";
      at.pop();
      continue;
    }
    const here = join(root, ...at, c);
    let isLink = false;
    try {
      isLink = lstatSync(here).isSymbolicLink();
    } catch {
      // Nothing there (a dangling link): the rest of the path is only text, still walked for "..".
    }
    if (!isLink) {
      at.push(c);
      continue;
    }
    if (++hops > MAX_LINK_HOPS) return "loop";
    const target = readlinkSync(here);
    if (isAbsolute(target)) return "outside";
    const parts = target.split("/");
    for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i]!);
  }
  return undefined;
}
