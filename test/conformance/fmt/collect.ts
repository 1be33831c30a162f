// Builds (or extends) the fmt corpus from local git snapshots of public module repositories:
//   node dist/test/conformance/fmt/collect.js <owner/name>=<git dir> [...]
// or, with --crafted, writes corpus/crafted.json.gz from crafted.ts.
// Takes every .tf and .tfvars file at HEAD (valid UTF-8, at most 256 KiB; a blob seen before in the
// corpus is taken once), asks the real `terraform fmt -` about each, and writes corpus/<owner>+<name>.json.gz.
// The repositories used and their licences are listed in README.md.

import { spawnSync } from "node:child_process";
import { terraformFmt } from "./ask.js";
import { CRAFTED_REPO, writeCorpus, type CorpusFile } from "./corpus.js";
import { craftedInputs } from "./crafted.js";

const MAX_BYTES = 256 * 1024;

function git(gitDir: string, args: string[]): Buffer {
  const r = spawnSync("git", ["--git-dir", gitDir, ...args], { maxBuffer: 512 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr.toString()}`);
  return r.stdout;
}

function licenceOf(gitDir: string, names: string[]): string {
  const file = names.find((n) => /^(LICENSE|LICENCE|COPYING)(\.md|\.txt)?$/i.test(n));
  if (file === undefined) return "unknown";
  const text = git(gitDir, ["show", `HEAD:${file}`]).toString("utf8");
  if (/Apache License/i.test(text)) return "Apache-2.0";
  if (/Mozilla Public License/i.test(text)) return "MPL-2.0";
  if (/Permission is hereby granted, free of charge/i.test(text)) return "MIT";
  if (/Redistribution and use in source and binary forms/i.test(text)) return "BSD";
  return `see ${file}`;
}

const seen = new Set<string>();
const args = process.argv.slice(2);
if (args.includes("--crafted")) {
  const files = craftedInputs.map(([path, source]) => ({ path, source, answer: terraformFmt(source) }));
  console.log(`${writeCorpus({ repo: CRAFTED_REPO, commit: "", licence: "MPL-2.0", files })}: ${files.length} crafted inputs`);
}
for (const arg of args.filter((a) => a !== "--crafted")) {
  const eq = arg.indexOf("=");
  const repo = arg.slice(0, eq);
  const gitDir = arg.slice(eq + 1);
  const commit = git(gitDir, ["rev-parse", "HEAD"]).toString().trim();
  const entries = git(gitDir, ["ls-tree", "-r", "-l", "HEAD"])
    .toString("utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => {
      const [meta, path] = l.split("\t") as [string, string];
      const [, kind, blob, size] = meta.split(/\s+/) as [string, string, string, string];
      return { kind, blob, size: Number(size), path };
    });
  const licence = licenceOf(
    gitDir,
    entries.filter((e) => !e.path.includes("/")).map((e) => e.path),
  );
  const files: CorpusFile[] = [];
  for (const e of entries) {
    if (e.kind !== "blob" || !/\.(tf|tfvars)$/.test(e.path) || e.size > MAX_BYTES || seen.has(e.blob)) continue;
    seen.add(e.blob);
    const bytes = git(gitDir, ["cat-file", "blob", e.blob]);
    let source: string;
    try {
      source = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      continue;
    }
    files.push({ path: e.path, source, answer: terraformFmt(source) });
  }
  const name = writeCorpus({ repo, commit, licence, files });
  const changed = files.filter((f) => f.answer.output !== null).length;
  console.log(`${name}: ${files.length} files (${changed} changed or failed by terraform fmt), ${licence}`);
}
