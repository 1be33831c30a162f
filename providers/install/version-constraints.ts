// Provider version constraints as Terraform reads them in required_providers (Ruby-style: `=`, `!=`, `>`,
// `>=`, `<`, `<=`, `~>`, comma-separated, every declaration across the modules combined), and their
// canonical text for the lock file's `constraints` (deduplicated, versions written in full, sorted by
// version and then operator: lower bounds first, upper bounds last, as Terraform writes them).
// A pre-release is selected only when a constraint names it exactly, as in Terraform.

import { compareVersions } from "./sources.js";

type Op = "=" | "!=" | ">" | ">=" | "<" | "<=" | "~>";

export interface VersionConstraint {
  readonly op: Op;
  /** major.minor.patch with omitted parts as 0, plus the pre-release when written. */
  readonly version: string;
  /** `~>` with two parts written (`~> 1.2`: any 1.x from 1.2); with three, patch releases only. */
  readonly minorOnly: boolean;
}

const part = /^\s*(=|!=|>=|<=|>|<|~>)?\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?\s*$/;

/** Parses one constraint string; undefined when it is not valid constraint syntax. */
export function parseProviderConstraints(text: string): VersionConstraint[] | undefined {
  const out: VersionConstraint[] = [];
  for (const p of text.split(",")) {
    const m = part.exec(p);
    if (m === null) return undefined;
    const op = (m[1] ?? "=") as Op;
    const version = `${m[2]}.${m[3] ?? 0}.${m[4] ?? 0}${m[5] !== undefined ? `-${m[5]}` : ""}`;
    out.push({ op, version, minorOnly: op === "~>" && m[4] === undefined });
  }
  return out;
}

function core(v: string): number[] {
  return v.split("-", 1)[0]!.split(".").map(Number);
}

export function versionMeets(version: string, constraints: readonly VersionConstraint[]): boolean {
  if (version.includes("-") && !constraints.some((c) => c.op === "=" && c.version === version)) return false;
  return constraints.every((c) => {
    const cmp = compareVersions(version, c.version);
    switch (c.op) {
      case "=":
        return cmp === 0;
      case "!=":
        return cmp !== 0;
      case ">":
        return cmp > 0;
      case ">=":
        return cmp >= 0;
      case "<":
        return cmp < 0;
      case "<=":
        return cmp <= 0;
      case "~>": {
        if (cmp < 0) return false;
        const [v, b] = [core(version), core(c.version)];
        return c.minorOnly ? v[0] === b[0] : v[0] === b[0] && v[1] === b[1];
      }
    }
  });
}

const priority: Record<string, number> = { ">": 1, ">=": 2, "=": 3, "~>3": 4, "~>2": 5, "<=": 6, "<": 7, "!=": 8 };
const key = (c: VersionConstraint): string => (c.op === "~>" ? (c.minorOnly ? "~>2" : "~>3") : c.op);

/** The lock file's `constraints` text for every constraint given (empty when none). */
export function constraintsString(all: readonly VersionConstraint[]): string {
  const render = (c: VersionConstraint): string => {
    const v = c.minorOnly ? core(c.version).slice(0, 2).join(".") + (c.version.includes("-") ? c.version.slice(c.version.indexOf("-")) : "") : c.version;
    return c.op === "=" ? v : `${c.op} ${v}`;
  };
  const unique = new Map(all.map((c) => [render(c), c] as const));
  return [...unique.entries()]
    .sort(([, a], [, b]) => compareVersions(a.version, b.version) || priority[key(a)]! - priority[key(b)]!)
    .map(([text]) => text)
    .join(", ");
}
