// Usage texts and the top-level messages of the CLI as Terraform prints them: `cairn CMD -help` (also -h,
// --help, `cairn help CMD`, `cairn -help CMD`) prints the command's usage on stdout and exits 0; an unknown
// command says so on stderr, with a "Did you mean" when a command name is close. Each text is data beside
// its command (cmd/commands/help/<command>.ts), imported only when asked for.

import { nameSuggestion } from "../lang/suggest.js";
import { commands } from "./registry.js";

type HelpLoader = () => Promise<string>;

const load = (file: string): HelpLoader => async () => ((await import(`./commands/help/${file}.js`)) as { help: string }).help;

/** Every command path in the registry (`state list` too) has a usage text, in help/<path with dashes>.ts. */
export const helpTexts: ReadonlyMap<string, HelpLoader> = new Map([...commands.keys()].map((path) => [path, load(path.replace(" ", "-"))]));

const HELP_FLAGS = new Set(["-help", "--help", "-h"]);

/**
 * The command path whose help was asked for, or undefined: `CMD [SUB] ... -help` (a help flag before any `--`)
 * asks for the longest known path among the leading words. Terraform's cli library does the same.
 */
export function helpRequest(args: readonly string[]): string | undefined {
  const end = args.indexOf("--");
  const flags = end >= 0 ? args.slice(0, end) : args;
  if (!flags.some((a) => HELP_FLAGS.has(a))) return undefined;
  const words = args.filter((a) => !a.startsWith("-"));
  for (let n = Math.min(words.length, 2); n > 0; n--) {
    const path = words.slice(0, n).join(" ");
    if (helpTexts.has(path)) return path;
  }
  return words[0] ?? "";
}

export function unknownCommandMessage(name: string, known: Iterable<string>): string {
  const suggestion = nameSuggestion(name, known);
  const hint = suggestion !== undefined ? ` Did you mean "${suggestion}"?` : "";
  return `Cairn has no command named "${name}".${hint}\n\nTo see all of Cairn's top-level commands, run:\n  cairn -help\n\n`;
}

/** Node's platform and architecture in Go's names, as `terraform version` prints them (`linux_amd64`). */
export function goPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const goos: Record<string, string> = { win32: "windows", sunos: "solaris" };
  const goarch: Record<string, string> = { x64: "amd64", ia32: "386", arm: "arm", arm64: "arm64", ppc64: "ppc64le", s390x: "s390x", loong64: "loong64" };
  return `${goos[platform] ?? platform}_${goarch[arch] ?? arch}`;
}
