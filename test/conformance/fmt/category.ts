// The `fmt` conformance category: `fmt -` on real-world module files and on crafted inputs (corpus/, see
// README.md; the bar is on the real-world files), judged by
// what `terraform fmt -` printed: the exit code and standard output, byte for byte. refresh() re-asks the
// real binary for every stored source and rewrites the answers; measure() runs Cairn's fmt command
// in-process over the same sources.

import { tmpdir } from "node:os";
import { fmtCommand } from "../../../cmd/commands/fmt.js";
import { runCommand } from "../../cmd/state-harness.js";
import { terraformFmt } from "./ask.js";
import { CRAFTED_REPO, caseName, corpusFiles, expectedOutput, readCorpus, writeCorpus, type CorpusFile } from "./corpus.js";

export interface FmtOutcome {
  readonly exit: number;
  readonly stdout: string;
}

export async function cairnFmt(source: string): Promise<FmtOutcome> {
  try {
    const r = await runCommand(fmtCommand, tmpdir(), ["-no-color", "-"], { stdin: source });
    return { exit: r.code, stdout: r.stdout };
  } catch (err) {
    // A crash is a mismatch to report, not a reason to stop measuring the others.
    return { exit: -1, stdout: `<crash: ${err instanceof Error ? err.message : String(err)}>` };
  }
}

export function sameAnswer(f: CorpusFile, got: FmtOutcome): boolean {
  return got.exit === f.answer.exit && got.stdout === expectedOutput(f);
}

/** Where the two outputs first differ, as `line N: terraform «…» cairn «…»`. */
export function describe(name: string, f: CorpusFile, got: FmtOutcome): string {
  if (got.exit !== f.answer.exit) return `${name}: terraform exit ${f.answer.exit}, cairn exit ${got.exit}`;
  const want = expectedOutput(f).split("\n");
  const have = got.stdout.split("\n");
  let i = 0;
  while (i < want.length && i < have.length && want[i] === have[i]) i++;
  return `${name}: line ${i + 1}: terraform ${JSON.stringify(want[i] ?? "<end>")} cairn ${JSON.stringify(have[i] ?? "<end>")}`;
}

export interface Measured {
  /** The real-world files (the bar is on these). */
  total: number;
  matched: number;
  /** The crafted inputs, counted apart. */
  craftedTotal: number;
  craftedMatched: number;
  mismatches: string[];
  /** Case names (repo:path) that differ. */
  differing: string[];
}

export async function measureAll(): Promise<Measured> {
  const r: Measured = { total: 0, matched: 0, craftedTotal: 0, craftedMatched: 0, mismatches: [], differing: [] };
  for (const file of corpusFiles()) {
    const c = readCorpus(file);
    const crafted = c.repo === CRAFTED_REPO;
    for (const f of c.files) {
      if (crafted) r.craftedTotal++;
      else r.total++;
      const got = await cairnFmt(f.source);
      if (sameAnswer(f, got)) {
        if (crafted) r.craftedMatched++;
        else r.matched++;
        continue;
      }
      const name = caseName(c, f);
      r.differing.push(name);
      r.mismatches.push(describe(name, f, got));
    }
  }
  return r;
}

export const category = {
  name: "fmt",
  threshold: 99.9,
  async refresh(): Promise<void> {
    for (const file of corpusFiles()) {
      const c = readCorpus(file);
      for (const f of c.files) f.answer = terraformFmt(f.source);
      writeCorpus(c);
    }
  },
  async measure(): Promise<{ total: number; matched: number; mismatches: string[] }> {
    const r = await measureAll();
    console.log(`       crafted inputs: ${r.craftedMatched}/${r.craftedTotal} (counted apart from the real-world files below)`);
    return r;
  },
};
