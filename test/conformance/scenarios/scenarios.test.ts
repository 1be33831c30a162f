// `npm test` side of the scenario category: Cairn runs every scenario and is compared with Terraform's
// cached answers (answers/, refreshed by `npm run conformance -- scenarios` where the binary exists).
// A step listed in known-differences.json with its reason may differ; any other differing step fails, and
// so does a listed step that now matches (so the list only shrinks). The cross-check runs here in the
// direction that needs no binary: Cairn plans no changes on every converged state Terraform wrote.

import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe as describeDiff, loadScenarios, measureScenario, readAnswers, stepFails } from "./measure.js";

const known = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../../../test/conformance/scenarios/known-differences.json", import.meta.url)), "utf8"),
) as Record<string, string>;

describe("plan/apply scenarios against Terraform's cached answers", () => {
  const scenarios = loadScenarios();
  it("has at least 40 scenarios, each with cached answers", () => {
    assert.ok(scenarios.length >= 40, `${scenarios.length} scenarios`);
    const missing = scenarios.filter((s) => readAnswers(s) === undefined).map((s) => s.name);
    assert.deepEqual(missing, []);
  });
  for (const s of scenarios) {
    it(s.name, async () => {
      const expected = readAnswers(s);
      assert.ok(expected !== undefined, "no cached answers");
      assert.equal(expected.steps.length, s.steps.length, "cached answers are for another version of the scenario");
      const r = await measureScenario(s, expected);
      const failing = new Map(r.diffs.filter(stepFails).map((d) => [`${s.name}#${d.step}`, d]));
      const unexpected = [...failing.entries()].filter(([k]) => !(k in known)).map(([, d]) => describeDiff(r, d, true));
      const cross = [...r.crossCairn.entries()].filter(([i]) => !(`${s.name}#${i}:cross` in known)).map(([i, detail]) => `#${i}: Cairn plans changes on Terraform's state\n${detail}`);
      const fixed = Object.keys(known).filter((k) => {
        const m = /^(.*)#(\d+)(:cross)?$/.exec(k);
        if (m === null || m[1] !== s.name) return false;
        return m[3] === undefined ? !failing.has(`${s.name}#${m[2]}`) : !r.crossCairn.has(Number(m[2]));
      });
      assert.deepEqual([...unexpected, ...cross], [], "steps that differ from Terraform");
      assert.deepEqual(fixed, [], "steps listed in known-differences.json that now match: remove them from the list");
    });
  }
});
