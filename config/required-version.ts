// `terraform { required_version = ">= 1.5, < 2.0" }` as Terraform checks it: the constraint must parse
// (hashicorp/go-version syntax), and must admit the Terraform release whose language Cairn implements.
// A module with no required_version admits every release.

import { errorDiag, type Diagnostic } from "../lang/diagnostics.js";
import type { Expression } from "../lang/syntax/ast.js";
import { decodeConstString } from "./static.js";

/** The Terraform release whose language, commands and formats Cairn implements (docs/language.md). */
export const TERRAFORM_LANGUAGE_VERSION = "1.11.0";

type Version = readonly number[];
interface Constraint {
  readonly op: string;
  readonly version: Version;
  /** How many segments were written (`~> 1.2` allows 1.x, `~> 1.2.0` allows 1.2.x). */
  readonly segments: number;
}

const CONSTRAINT = /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\d+(?:\.\d+){0,2})(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?\s*$/;

/** Parses a go-version constraint list; undefined when any part does not parse. */
export function parseVersionConstraints(text: string): Constraint[] | undefined {
  const out: Constraint[] = [];
  for (const part of text.split(",")) {
    const m = CONSTRAINT.exec(part);
    if (m === null) return undefined;
    const nums = m[2]!.split(".").map(Number);
    out.push({ op: m[1] ?? "=", version: [nums[0] ?? 0, nums[1] ?? 0, nums[2] ?? 0], segments: nums.length });
  }
  return out;
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

export function versionAllowed(version: Version, constraints: readonly Constraint[]): boolean {
  return constraints.every((c) => {
    const cmp = compare(version, c.version);
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
      default: {
        // ~>: at least the version, below the next release of the second-to-last segment written.
        if (cmp < 0) return false;
        const fixed = Math.max(1, c.segments - 1);
        for (let i = 0; i < fixed; i++) if (version[i] !== c.version[i]) return false;
        return true;
      }
    }
  });
}

export function checkRequiredVersion(expr: Expression): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const text = decodeConstString(expr, diags);
  if (text === undefined) return diags;
  const constraints = parseVersionConstraints(text);
  if (constraints === undefined) {
    return [errorDiag("Invalid version constraint", "This string does not use correct version constraint syntax.", expr.range)];
  }
  const current = TERRAFORM_LANGUAGE_VERSION.split(".").map(Number);
  if (versionAllowed(current, constraints)) return [];
  return [
    errorDiag(
      "Unsupported Terraform Core version",
      `This configuration does not support Terraform version ${TERRAFORM_LANGUAGE_VERSION}, the release whose language Cairn implements. To proceed, either choose another supported Terraform version or update this version constraint. Version constraints are normally set for good reason, so updating the constraint may lead to other errors or unexpected behavior.`,
      expr.range,
    ),
  ];
}
