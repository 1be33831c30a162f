// Shell completion as Terraform has it (posener/complete): `cairn -install-autocomplete` adds
// `complete -C <cairn> cairn` to ~/.bashrc (and the bashcompinit lines to ~/.zshrc) where those files exist;
// the shell then runs cairn with COMP_LINE/COMP_POINT set, and cairn prints the words that complete the
// last one: command names, then a command's subcommands.

import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** The candidates for the word under the cursor of `line` (COMP_LINE) cut at `point` (COMP_POINT). */
export function completions(commandNames: Iterable<string>, line: string, point: number): string[] {
  const words = line.slice(0, Number.isFinite(point) ? point : line.length).split(/\s+/);
  const prefix = words.pop() ?? "";
  const before = words.slice(1).filter((w) => w !== "" && !w.startsWith("-"));
  const names = [...commandNames];
  let candidates: string[];
  if (before.length === 0) candidates = [...new Set(names.map((n) => n.split(" ")[0]!))];
  else if (before.length === 1) candidates = names.filter((n) => n.startsWith(`${before[0]} `)).map((n) => n.slice(before[0]!.length + 1));
  else candidates = [];
  return candidates.filter((c) => c.startsWith(prefix)).sort();
}

interface RcFile {
  readonly path: string;
  readonly lines: readonly string[];
}

function rcFiles(bin: string): RcFile[] {
  const home = homedir();
  return [
    { path: join(home, ".bashrc"), lines: [`complete -C ${bin} cairn`] },
    { path: join(home, ".zshrc"), lines: ["autoload -U +X bashcompinit && bashcompinit", `complete -o nospace -C ${bin} cairn`] },
  ].filter((f) => existsSync(f.path));
}

const installedLine = (text: string): boolean => /^complete (-o nospace )?-C \S+ cairn$/m.test(text);

/** Errors, one per shell file, worded as Terraform's; empty when every file was changed. */
export function installAutocomplete(bin: string): string[] {
  const errors: string[] = [];
  for (const f of rcFiles(bin)) {
    if (installedLine(readFileSync(f.path, "utf8"))) errors.push(`already installed in ${f.path}`);
    else appendFileSync(f.path, `\n${f.lines.join("\n")}\n`);
  }
  return errors;
}

export function uninstallAutocomplete(bin: string): string[] {
  const errors: string[] = [];
  for (const f of rcFiles(bin)) {
    const text = readFileSync(f.path, "utf8");
    if (!installedLine(text)) {
      errors.push(`does not installed in ${f.path}`);
      continue;
    }
    const kept = text.split("\n").filter((l) => !f.lines.includes(l) && !installedLine(l));
    // The blank line install put before its lines goes with them.
    writeFileSync(f.path, kept.join("\n").replace(/\n\n$/, "\n"));
  }
  return errors;
}

/** Terraform's report of such errors (go-multierror through the CLI's error output). */
export function autocompleteErrorText(errors: readonly string[]): string {
  return `Error executing CLI: ${errors.length} error${errors.length === 1 ? "" : "s"} occurred:\n${errors.map((e) => `\t* ${e}\n`).join("")}\n`;
}
