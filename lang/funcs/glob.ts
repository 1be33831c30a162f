// fileset's glob language (bmatcuk/doublestar as Terraform uses it): `*` and `?` within one path segment,
// `**` across any number of directories, `[...]`/`[^...]` classes, `{a,b}` alternatives. Matching is done
// by walking the directory tree once and testing each relative path against a translated RegExp.

import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export class GlobSyntaxError extends Error {}

function escapeRe(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? "\\" + ch : ch;
}

/** Translates a glob into an anchored RegExp source over "/"-separated relative paths. */
export function globToRegExp(pattern: string): RegExp {
  let out = "";
  let braceDepth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    switch (ch) {
      case "*":
        if (pattern[i + 1] === "*") {
          const atStart = i === 0 || pattern[i - 1] === "/";
          const atEnd = i + 2 === pattern.length || pattern[i + 2] === "/";
          if (atStart && atEnd) {
            // `**/` matches zero or more whole directories; a trailing `**` matches everything below.
            if (pattern[i + 2] === "/") {
              out += "(?:[^/]+/)*";
              i += 2;
            } else {
              out += ".*";
              i += 1;
            }
            continue;
          }
          out += "[^/]*";
          i += 1;
          continue;
        }
        out += "[^/]*";
        continue;
      case "?":
        out += "[^/]";
        continue;
      case "[": {
        const end = pattern.indexOf("]", i + 2);
        if (end < 0) throw new GlobSyntaxError("syntax error in pattern");
        let body = pattern.slice(i + 1, end);
        let negate = false;
        // doublestar v1, as Terraform vendors it, negates with ^ only: [!a] is the class of ! and a
        if (body.startsWith("^")) {
          negate = true;
          body = body.slice(1);
        }
        out += `[${negate ? "^/" : ""}${body.replace(/\\/g, "\\\\").replace(/]/g, "\\]")}]`;
        i = end;
        continue;
      }
      case "{":
        braceDepth++;
        out += "(?:";
        continue;
      case "}":
        if (braceDepth === 0) {
          out += "\\}";
          continue;
        }
        braceDepth--;
        out += ")";
        continue;
      case ",":
        out += braceDepth > 0 ? "|" : ",";
        continue;
      case "\\":
        if (i + 1 < pattern.length) {
          out += escapeRe(pattern[i + 1]!);
          i++;
          continue;
        }
        throw new GlobSyntaxError("syntax error in pattern");
      default:
        out += escapeRe(ch);
    }
  }
  if (braceDepth !== 0) throw new GlobSyntaxError("syntax error in pattern");
  try {
    return new RegExp(`^${out}$`, "u");
  } catch {
    throw new GlobSyntaxError("syntax error in pattern");
  }
}

const maxEntries = 200_000;

/** Regular files under root whose "/"-separated relative path matches the pattern, sorted. */
export function globFiles(root: string, pattern: string): string[] {
  const re = globToRegExp(pattern.replace(/^(\.\/)+/, ""));
  const out: string[] = [];
  // Iterative walk: depth is bounded by the file system, not by user input, but a stack avoids recursion.
  const stack: string[] = [""];
  let seen = 0;
  while (stack.length > 0) {
    const rel = stack.pop()!;
    let names: string[];
    try {
      names = readdirSync(join(root, rel));
    } catch {
      continue;
    }
    for (const name of names) {
      if (++seen > maxEntries) throw new GlobSyntaxError(`too many files under ${root}`);
      const childRel = rel === "" ? name : `${rel}/${name}`;
      let isDir = false;
      let isFile = false;
      try {
        const st = statSync(join(root, childRel));
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue;
      }
      if (isFile && re.test(childRel)) out.push(childRel);
      if (isDir) stack.push(childRel);
    }
  }
  return out.sort();
}
