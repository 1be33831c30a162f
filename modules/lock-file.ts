// `.cairn.lock.hcl`, the dependency lock file, for modules (Terraform's `.terraform.lock.hcl` locks providers
// only; hashicorp/terraform#31301 asks for module locking). One block per installed module call, labelled
// with the call's path as Terraform's modules.json keys it (`web`, `web.db`):
//
//   module "web" {
//     source = "git::https://example.com/web.git?ref=v1.2.0"
//     commit = "6f1c0d2e..."                 # git sources: the commit the ref resolved to
//     hash   = "h1:kVf0...="                 # content hash of the installed package (content-hash.ts)
//   }
//   module "pkg" {
//     source = "./dist/pkg.tar.gz"
//     digest = "sha256:9b2c..."              # archive sources: sha256 of the archive file
//     hash   = "h1:..."
//   }
//
// Local-path modules are not locked: they are part of the configuration, edited with it. Blocks other than
// `module` (provider locks, when Cairn has them) are kept byte for byte when the file is rewritten.

import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Diagnostic, errorDiag, hasErrors } from "../lang/diagnostics.js";
import { formatSource } from "../lang/fmt/index.js";
import { hclQuotedString } from "../lang/hcl-quote.js";
import type { Range } from "../lang/pos.js";
import { parseConfig } from "../lang/syntax/parser.js";
import { decodeConstString } from "../config/static.js";

export const LOCK_FILE_NAME = ".cairn.lock.hcl";

export interface ModuleLock {
  /** The call path key: call names joined by ".". */
  readonly key: string;
  readonly source: string;
  readonly commit?: string;
  readonly digest?: string;
  readonly hash: string;
  readonly declRange?: Range;
}

export interface LockFile {
  readonly modules: ReadonlyMap<string, ModuleLock>;
  /** Source text of the blocks this code does not own, in file order. */
  readonly otherBlocks: readonly string[];
  /** The file's bytes as read, "" when it does not exist. */
  readonly text: string;
}

const header = '# This file is maintained automatically by "cairn init".\n# Manual edits may be lost in future updates.\n';
const attrNames = new Set(["source", "commit", "digest", "hash"]);

export function readLockFile(dir: string): { lock: LockFile; diags: Diagnostic[] } {
  const path = join(dir, LOCK_FILE_NAME);
  const empty: LockFile = { modules: new Map(), otherBlocks: [], text: "" };
  if (!existsSync(path)) return { lock: empty, diags: [] };
  const bytes = readFileSync(path);
  const text = bytes.toString("utf8");
  const parsed = parseConfig(bytes, LOCK_FILE_NAME);
  if (hasErrors(parsed.diags)) return { lock: empty, diags: parsed.diags };
  const diags: Diagnostic[] = [];
  const modules = new Map<string, ModuleLock>();
  const otherBlocks: string[] = [];
  for (const block of parsed.file.body.blocks) {
    if (block.type !== "module") {
      otherBlocks.push(bytes.subarray(block.range.start.byte, block.range.end.byte).toString("utf8"));
      continue;
    }
    if (block.labels.length !== 1) {
      diags.push(invalid("A module lock block has exactly one label, the module call's path.", block.typeRange));
      continue;
    }
    const key = block.labels[0]!;
    const values = new Map<string, string>();
    for (const attr of block.body.attributes.values()) {
      if (!attrNames.has(attr.name)) {
        diags.push(invalid(`A module lock block has no argument named "${attr.name}".`, attr.nameRange));
        continue;
      }
      const v = decodeConstString(attr.expr, diags);
      if (v !== undefined) values.set(attr.name, v);
    }
    const source = values.get("source");
    const hash = values.get("hash");
    if (source === undefined || hash === undefined) {
      diags.push(invalid(`The lock for module "${key}" must record both "source" and "hash".`, block.typeRange));
      continue;
    }
    if (modules.has(key)) {
      diags.push(invalid(`The module "${key}" is locked twice.`, block.labelRanges[0]!));
      continue;
    }
    const commit = values.get("commit");
    const digest = values.get("digest");
    modules.set(key, { key, source, ...(commit !== undefined ? { commit } : {}), ...(digest !== undefined ? { digest } : {}), hash, declRange: block.typeRange });
  }
  return { lock: { modules, otherBlocks, text }, diags };
}

function invalid(detail: string, subject: Range): Diagnostic {
  return errorDiag("Invalid dependency lock file", `${detail} Run "cairn init -upgrade" to rewrite ${LOCK_FILE_NAME}.`, subject);
}

/** The lock file's text for these module locks (sorted by key) and the preserved other blocks, formatted. */
export function renderLockFile(modules: Iterable<ModuleLock>, otherBlocks: readonly string[]): string {
  const parts: string[] = [...otherBlocks];
  for (const m of [...modules].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const lines = [`module ${hclQuotedString(m.key)} {`, `  source = ${hclQuotedString(m.source)}`];
    if (m.commit !== undefined) lines.push(`  commit = ${hclQuotedString(m.commit)}`);
    if (m.digest !== undefined) lines.push(`  digest = ${hclQuotedString(m.digest)}`);
    lines.push(`  hash = ${hclQuotedString(m.hash)}`, "}");
    parts.push(lines.join("\n"));
  }
  const raw = `${header}\n${parts.join("\n\n")}\n`;
  const formatted = formatSource(raw, LOCK_FILE_NAME);
  // The text is generated here and always parses; the raw text is the fallback should that ever break.
  return hasErrors(formatted.diags) ? raw : formatted.output;
}

/** Writes the lock file (temporary file and rename, so a reader never sees half of it); "" removes nothing. */
export function writeLockFile(dir: string, text: string): void {
  const path = join(dir, LOCK_FILE_NAME);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
