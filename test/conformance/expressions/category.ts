// `npm run conformance` category "expressions": terraform console against cairn console, value and type()
// (or the first error's summary) of every expression of the generated corpus.

import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateCorpus } from "./generate.js";
import { answer, cairnConsole, fixtureDir, inPool, sameAnswer, terraformConsole, type Answer } from "./ask.js";

const sourceDir = fileURLToPath(new URL("../../../../test/conformance/expressions/", import.meta.url));
export const answersPath = `${sourceDir}answers.json`;
export const knownPath = `${sourceDir}known-differences.json`;

export interface CachedAnswer {
  readonly expr: string;
  readonly answer: Answer;
}

export function readAnswers(): CachedAnswer[] {
  return existsSync(answersPath) ? (JSON.parse(readFileSync(answersPath, "utf8")) as CachedAnswer[]) : [];
}

/** Expressions where Cairn deliberately or knowingly differs, each with its reason. */
export function readKnown(): Record<string, string> {
  return existsSync(knownPath) ? (JSON.parse(readFileSync(knownPath, "utf8")) as Record<string, string>) : {};
}

export async function measureAgainst(cached: readonly CachedAnswer[]): Promise<{ total: number; matched: number; mismatches: string[] }> {
  const mismatches: string[] = [];
  let matched = 0;
  for (const c of cached) {
    const got = await answer(cairnConsole, c.expr);
    if (sameAnswer(got, c.answer)) matched++;
    else mismatches.push(`${c.expr}\n         terraform: ${JSON.stringify(c.answer)}\n         cairn:     ${JSON.stringify(got)}`);
  }
  return { total: cached.length, matched, mismatches };
}

export const category = {
  name: "expressions",
  threshold: 99.5,
  async refresh(): Promise<void> {
    const corpus = generateCorpus();
    const old = new Map(readAnswers().map((a) => [a.expr, a.answer]));
    let done = 0;
    const width = 6;
    const dirs = Array.from({ length: width }, () => {
      const d = mkdtempSync(join(tmpdir(), "cairn-conformance-"));
      cpSync(fixtureDir, d, { recursive: true });
      return d;
    });
    const answers = await inPool(corpus, width, async (expr, w) => {
      const a = await answer((e) => terraformConsole(e, dirs[w]), expr);
      if (++done % 200 === 0) process.stderr.write(`  expressions: ${done}/${corpus.length} asked\n`);
      return { expr, answer: a };
    });
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    const changed = answers.filter((a) => old.has(a.expr) && !sameAnswer(old.get(a.expr)!, a.answer)).length;
    writeFileSync(answersPath, JSON.stringify(answers, null, 1) + "\n");
    process.stderr.write(`  expressions: ${answers.length} answers cached (${changed} changed)\n`);
  },
  measure: () => measureAgainst(readAnswers()),
};
