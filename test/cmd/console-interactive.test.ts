// `cairn console` on a terminal, driven through a real pseudo-terminal (python3's pty module, test/support/
// pty-drive.py): the "> " prompt, ": " while brackets are open, errors shown without leaving, history with the
// up arrow, `help`, Ctrl-C and Ctrl-D, and `exit`. Skipped, saying so, when python3 is not on the PATH.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../../bin/cairn", import.meta.url));
const driver = fileURLToPath(new URL("../../../test/support/pty-drive.py", import.meta.url));
const fixtures = fileURLToPath(new URL("../../../test/cmd/fixtures/", import.meta.url));
const hasPython = spawnSync("python3", ["-c", "import pty"], { encoding: "utf8" }).status === 0;
const PROMPT = "(?:^|\\x1b\\[0J)[>:] ";

/** The terminal's bytes without cursor movement and colors, and with \r\n as \n. */
function plain(s: string): string {
  return s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").replace(/\r+\n/g, "\n");
}

function drive(dir: string, keys: string[]): { output: string; exit: number } {
  const r = spawnSync("python3", [driver, JSON.stringify(keys), PROMPT, "60", "--", process.execPath, bin, "console"], {
    cwd: fixtures + dir,
    encoding: "utf8",
    env: { ...process.env, TERM: "xterm", NO_COLOR: "" },
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const parsed = JSON.parse(r.stdout) as { output: string; exit: number };
  return { output: plain(parsed.output), exit: parsed.exit };
}

const cases: { name: string; dir: string; keys: string[]; shows: string[]; exit: number }[] = [
  {
    name: "a prompt, a value, and exit",
    dir: "console-config",
    keys: ["var.env\r", "exit\r"],
    shows: ['> var.env\n"dev"\n> exit\n'],
    exit: 0,
  },
  {
    name: "open brackets continue the entry on a ': ' prompt",
    dir: "console-empty",
    keys: ["[\r", "1,\r", "2]\r", "exit\r"],
    shows: ["> [\n: 1,\n: 2]\n[\n  1,\n  2,\n]\n> exit"],
    exit: 0,
  },
  {
    name: "an error is shown and the prompt comes back; a trailing operator does not continue",
    dir: "console-empty",
    keys: ["nope\r", "1 +\r", "2 * 3\r", "exit\r"],
    shows: ["Error: Unknown variable", "Error: Missing expression", "> 2 * 3\n6\n> exit"],
    exit: 0,
  },
  {
    name: "the up arrow recalls the previous entry",
    dir: "console-empty",
    keys: ["upper(\"ab\")\r", "\x1b[A\r", "exit\r"],
    shows: ['"AB"\n', '> upper("ab")\n"AB"\n> exit'],
    exit: 0,
  },
  {
    name: "help explains the console",
    dir: "console-empty",
    keys: ["help\r", "exit\r"],
    shows: ["To exit the console, type \"exit\" and hit <enter>, or use Control-C or\nControl-D.\n> exit"],
    exit: 0,
  },
  {
    name: "Ctrl-C clears the line, cancels a multi-line entry, and leaves on an empty prompt",
    dir: "console-empty",
    keys: ["abc\x03", "{\r", "\x03", "1 + 1\r", "\x03"],
    shows: ["^C\n", "(multi-line entry canceled)\n", "> 1 + 1\n2\n"],
    exit: 0,
  },
  {
    name: "Ctrl-D leaves",
    dir: "console-empty",
    keys: ["3\r", "\x04"],
    shows: ["> 3\n3\n> exit\n"],
    exit: 0,
  },
];

for (const c of cases) {
  test(`interactive console: ${c.name}`, { skip: hasPython ? false : "python3 with its pty module is not on the PATH, so the terminal was not driven" }, () => {
    const r = drive(c.dir, c.keys);
    for (const s of c.shows) assert.ok(r.output.includes(s), `expected ${JSON.stringify(s)} in:\n${r.output}`);
    assert.equal(r.exit, c.exit);
  });
}

test("a piped console never prompts (the non-terminal path is unchanged)", () => {
  const r = spawnSync(process.execPath, [bin, "console"], { cwd: fixtures + "console-empty", input: "[\n1 + 1\n", encoding: "utf8" });
  assert.equal(r.stdout, "2\n");
  assert.equal(r.status, 1);
  assert.ok(!r.stdout.includes("> "));
});

const continuation: { lines: string[]; more: boolean }[] = [
  { lines: ["["], more: true },
  { lines: ["[", "1,"], more: true },
  { lines: ["[", "1,", "2]"], more: false },
  { lines: ["{ a = 1"], more: true },
  { lines: ["upper("], more: true },
  { lines: ['"${'], more: true },
  { lines: ["<<EOT", "text"], more: true },
  { lines: ["<<EOT", "text", "EOT"], more: false },
  { lines: ["1 +"], more: false },
  { lines: ["[", ""], more: false },
  { lines: ["(]"], more: false },
  { lines: ["var.x"], more: false },
];

test("an entry continues exactly while a delimiter is open (Terraform's ExpressionEntryCouldContinue)", async () => {
  const { entryCouldContinue } = await import("../../cmd/views/console-repl.js");
  for (const c of continuation) assert.equal(entryCouldContinue(c.lines), c.more, JSON.stringify(c.lines));
});
