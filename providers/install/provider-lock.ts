// `.terraform.lock.hcl`, Terraform's dependency lock file for providers, read and written in Terraform's
// own format so that Terraform and Cairn share it:
//
//   provider "registry.terraform.io/cairn/cluster" {
//     version     = "0.1.0"
//     constraints = ">= 0.1.0"     # when the configuration gives constraints (Cairn does not write it yet)
//     hashes = [
//       "h1:…",
//     ]
//   }
//
// Cairn's module locks live in .cairn.lock.hcl (modules/lock-file.ts); this file holds only providers.

import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseProviderSource } from "../../addrs/provider.js";
import { decodeConst, decodeConstString } from "../../config/static.js";
import { type Diagnostic, errorDiag, hasErrors } from "../../lang/diagnostics.js";
import { hclQuotedString } from "../../lang/hcl-quote.js";
import { parseConfig } from "../../lang/syntax/parser.js";
import { listOf, StringType } from "../../lang/values/types.js";

export const PROVIDER_LOCK_FILE = ".terraform.lock.hcl";

export interface ProviderLock {
  /** The provider's full source address, as the block label. */
  readonly source: string;
  readonly version: string;
  readonly constraints?: string;
  readonly hashes: readonly string[];
}

export function readProviderLocks(dir: string): { locks: Map<string, ProviderLock>; diags: Diagnostic[] } {
  const path = join(dir, PROVIDER_LOCK_FILE);
  const locks = new Map<string, ProviderLock>();
  if (!existsSync(path)) return { locks, diags: [] };
  const parsed = parseConfig(readFileSync(path), PROVIDER_LOCK_FILE);
  if (hasErrors(parsed.diags)) return { locks, diags: parsed.diags };
  const diags: Diagnostic[] = [];
  for (const block of parsed.file.body.blocks) {
    if (block.type !== "provider" || block.labels.length !== 1) {
      diags.push(errorDiag("Invalid dependency lock file", `A ${PROVIDER_LOCK_FILE} holds only provider blocks with one label.`, block.typeRange));
      continue;
    }
    const source = parseProviderSource(block.labels[0]!);
    if (source.provider === undefined) {
      diags.push(...source.diags);
      continue;
    }
    let version: string | undefined;
    let constraints: string | undefined;
    let hashes: string[] = [];
    for (const attr of block.body.attributes.values()) {
      if (attr.name === "version") version = decodeConstString(attr.expr, diags);
      else if (attr.name === "constraints") constraints = decodeConstString(attr.expr, diags);
      else if (attr.name === "hashes") {
        const v = decodeConst(attr.expr, listOf(StringType), diags);
        if (v !== undefined && v.isKnown() && !v.isNull()) hashes = v.asElements().map((h) => h.asString());
      }
    }
    if (version === undefined) {
      diags.push(errorDiag("Invalid dependency lock file", `The lock for ${block.labels[0]} has no version.`, block.typeRange));
      continue;
    }
    const key = source.provider.toString();
    locks.set(key, { source: key, version, ...(constraints !== undefined ? { constraints } : {}), hashes });
  }
  return { locks, diags };
}

const header = '# This file is maintained automatically by "terraform init".\n# Manual edits may be lost in future updates.\n';

/** The file's text, providers in address order, hashes sorted, as Terraform writes it. */
export function renderProviderLocks(locks: Iterable<ProviderLock>): string {
  const blocks = [...locks]
    .sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0))
    .map((l) => {
      const lines = [`provider ${hclQuotedString(l.source)} {`];
      const width = l.constraints !== undefined ? "constraints".length : "version".length;
      lines.push(`  ${"version".padEnd(width)} = ${hclQuotedString(l.version)}`);
      if (l.constraints !== undefined) lines.push(`  constraints = ${hclQuotedString(l.constraints)}`);
      lines.push("  hashes = [", ...[...l.hashes].sort().map((h) => `    ${hclQuotedString(h)},`), "  ]", "}");
      return lines.join("\n");
    });
  return `${header}\n${blocks.join("\n\n")}\n`;
}

export function writeProviderLocks(dir: string, text: string): void {
  const path = join(dir, PROVIDER_LOCK_FILE);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
