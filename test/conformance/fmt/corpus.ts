// The fmt corpus: real-world .tf and .tfvars files from public module repositories, one gzip'd JSON
// document per repository under corpus/, each file with what `terraform fmt -` answered for it. A file's
// answer keeps only what differs from its source (most published modules are already formatted), which keeps
// the corpus a few MB.

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";

export const folder = fileURLToPath(new URL("../../../../test/conformance/fmt/", import.meta.url));
export const corpusDir = join(folder, "corpus");

/** What `terraform fmt -` did with one file: its exit code, and its standard output when that is not the source. */
export interface FmtAnswer {
  readonly exit: number;
  /** null: the run succeeded and standard output was the source itself, byte for byte. */
  readonly output: string | null;
}

export interface CorpusFile {
  readonly path: string;
  readonly source: string;
  answer: FmtAnswer;
}

export interface RepoCorpus {
  readonly repo: string;
  readonly commit: string;
  readonly licence: string;
  readonly files: CorpusFile[];
}

/** The corpus of crafted inputs (crafted.ts), reported apart from the real-world files. */
export const CRAFTED_REPO = "crafted";

export function corpusFiles(): string[] {
  return readdirSync(corpusDir)
    .filter((n) => n.endsWith(".json.gz"))
    .sort();
}

export function readCorpus(name: string): RepoCorpus {
  return JSON.parse(gunzipSync(readFileSync(join(corpusDir, name))).toString("utf8")) as RepoCorpus;
}

export function writeCorpus(c: RepoCorpus): string {
  const name = `${c.repo.replace("/", "+")}.json.gz`;
  writeFileSync(join(corpusDir, name), gzipSync(Buffer.from(JSON.stringify(c) + "\n", "utf8"), { level: 9 }));
  return name;
}

/** The case's name in reports: repository and path. */
export function caseName(c: RepoCorpus, f: CorpusFile): string {
  return `${c.repo}:${f.path}`;
}

/** Standard output `fmt -` should print for the file. */
export function expectedOutput(f: CorpusFile): string {
  return f.answer.output ?? f.source;
}
