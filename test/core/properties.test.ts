// Properties over random configurations of terraform_data with references between them:
// - apply then plan is empty;
// - the apply walk never starts an operation before the operations of its dependencies completed.

import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { harness, writeConfig } from "./support/harness.js";
import { hclQuotedString } from "../../lang/hcl-quote.js";

interface Gen {
  readonly count: number | undefined;
  readonly deps: number[];
  readonly value: string;
}

const configArb = fc.array(
  fc.record({ count: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), deps: fc.array(fc.nat(), { maxLength: 3 }), value: fc.string({ maxLength: 6 }) }),
  { minLength: 1, maxLength: 8 },
);

function render(gens: readonly Gen[]): { text: string; deps: Map<string, Set<string>> } {
  const deps = new Map<string, Set<string>>();
  const blocks = gens.map((g, i) => {
    const ds = [...new Set(g.deps.filter(() => i > 0).map((d) => d % Math.max(i, 1)))];
    deps.set(`r${i}`, new Set(ds.map((d) => `r${d}`)));
    const refs = ds.map((d) => `terraform_data.r${d}[*].output`);
    const input = `{ v = ${hclQuotedString(g.value)}, refs = [${refs.join(", ")}] }`;
    return g.count === undefined
      ? `resource "terraform_data" "r${i}" {\n  input = ${input}\n}\n`
      : `resource "terraform_data" "r${i}" {\n  count = ${g.count}\n  input = ${input}\n}\n`;
  });
  return { text: blocks.join("\n"), deps };
}

test("apply then plan is empty, and no operation starts before its dependencies completed", async () => {
  await fc.assert(
    fc.asyncProperty(configArb, async (gens) => {
      const { text, deps } = render(gens);
      const dir = writeConfig({ "main.tf": text });
      const { h, diags } = await harness(dir);
      assert.deepEqual(diags.filter((d) => d.severity === "error"), []);
      const p = await h!.plan(undefined);
      assert.deepEqual(p.diags.filter((d) => d.severity === "error"), []);
      const events: string[] = [];
      const a = await h!.apply(p.plan!, undefined, {
        preApply: (addr) => events.push(`start ${addr.split("[")[0]}`),
        postApply: (addr) => events.push(`done ${addr.split("[")[0]}`),
      });
      assert.deepEqual(a.diags.filter((d) => d.severity === "error"), []);
      // Every start comes after every "done" of the resources it depends on.
      for (let i = 0; i < events.length; i++) {
        const [kind, addr] = events[i]!.split(" ");
        if (kind !== "start") continue;
        const name = addr!.split(".")[1]!;
        for (const dep of deps.get(name) ?? []) {
          const lastDone = events.lastIndexOf(`done terraform_data.${dep}`);
          const firstStart = events.indexOf(`start terraform_data.${dep}`);
          if (firstStart >= 0) assert.ok(lastDone >= 0 && lastDone < i, `${addr} started before ${dep} finished: ${events.join(", ")}`);
        }
      }
      const again = await h!.plan(a.state);
      assert.deepEqual(again.plan!.resourceChanges.filter((c) => c.action !== "no-op").map((c) => `${c.addr} ${c.action}`), []);
      assert.equal(again.plan!.applyable, false);
    }),
    { numRuns: 40 },
  );
});
