// Shell completion as Terraform's -install-autocomplete sets it up: the rc lines it adds and removes (and
// refuses twice, worded as Terraform), and the words the real bash gets back through `complete -C`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { completions } from "../../cmd/autocomplete.js";
import { commands } from "../../cmd/registry.js";

const bin = join(resolve(dirname(fileURLToPath(import.meta.url)), "../../.."), "bin/cairn");

for (const c of [
  { line: "cairn pl", want: ["plan"] },
  { line: "cairn ", wantIncludes: ["apply", "plan", "state", "workspace"] },
  { line: "cairn state r", want: ["rm", "rollback"] },
  { line: "cairn -chdir=x wor", want: ["workspace"] },
  { line: "cairn plan -out=x ", want: [] },
  { line: "cairn nosuch", want: [] },
]) {
  test(`completions of "${c.line}"`, () => {
    const got = completions(commands.keys(), c.line, c.line.length);
    if (c.want !== undefined) assert.deepEqual(got, c.want);
    else for (const w of c.wantIncludes!) assert.ok(got.includes(w), `${w} in ${got.join(" ")}`);
  });
}

function cairn(home: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, HOME: home, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("-install-autocomplete adds the lines once, -uninstall-autocomplete takes them away again", () => {
  const home = mkdtempSync(join(tmpdir(), "cairn-home-"));
  const before = "export A=1\n";
  writeFileSync(join(home, ".bashrc"), before);
  writeFileSync(join(home, ".zshrc"), before);
  const first = cairn(home, ["-install-autocomplete"]);
  assert.equal(first.code, 0, first.err);
  assert.equal(readFileSync(join(home, ".bashrc"), "utf8"), `${before}\ncomplete -C ${bin} cairn\n`);
  assert.equal(readFileSync(join(home, ".zshrc"), "utf8"), `${before}\nautoload -U +X bashcompinit && bashcompinit\ncomplete -o nospace -C ${bin} cairn\n`);
  const again = cairn(home, ["-install-autocomplete"]);
  assert.equal(again.code, 1);
  assert.equal(again.err, `Error executing CLI: 2 errors occurred:\n\t* already installed in ${join(home, ".bashrc")}\n\t* already installed in ${join(home, ".zshrc")}\n\n`);
  assert.equal(cairn(home, ["-uninstall-autocomplete"]).code, 0);
  assert.equal(readFileSync(join(home, ".bashrc"), "utf8"), before);
  assert.equal(readFileSync(join(home, ".zshrc"), "utf8"), before);
  const none = cairn(home, ["-uninstall-autocomplete"]);
  assert.equal(none.code, 1);
  assert.match(none.err, /does not installed in .*\.bashrc/);
});

test("the real bash completes through the installed line", { skip: spawnSync("bash", ["--version"]).status !== 0 && "bash is not on the PATH" }, () => {
  const home = mkdtempSync(join(tmpdir(), "cairn-home-"));
  writeFileSync(join(home, ".bashrc"), "");
  assert.equal(cairn(home, ["-install-autocomplete"]).code, 0);
  // What bash does on TAB after `cairn wo`: run the -C command with COMP_LINE/COMP_POINT and the words as arguments.
  const script = `source "$HOME/.bashrc"; cmd=$(complete -p cairn | sed -e 's/^complete -C //' -e 's/ cairn$//'); eval "COMP_LINE='cairn wo' COMP_POINT=8 $cmd cairn wo cairn"`;
  const r = spawnSync("bash", ["-c", script], { encoding: "utf8", env: { ...process.env, HOME: home } });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, "workspace\n");
});
