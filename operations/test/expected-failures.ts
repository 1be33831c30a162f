// `expect_failures` (Terraform's Run.ValidateExpectedFailures and ExplainExpectedFailures): a failed custom
// condition of a listed checkable object in the root module is what the run expected, so its error leaves
// the run's diagnostics; a listed object that did not fail is an error of its own. A failing check block
// assertion, only a warning in a plan, fails a test run unless it was expected.

import { errorDiag, type Diagnostic } from "../../lang/diagnostics.js";
import type { Range } from "../../lang/pos.js";
import { traversalText } from "../../lang/eval/value-notes.js";
import type { TestRun } from "../../config/test-file.js";

interface Expected {
  readonly text: string;
  readonly range: Range;
  seen: boolean;
}

function expectations(run: TestRun): Expected[] {
  return run.expectFailures.map((t) => ({ text: traversalText(t), range: { filename: t[0]!.range.filename, start: t[0]!.range.start, end: t[t.length - 1]!.range.end }, seen: false }));
}

/** `terraform_data.a[0]` is expected by `terraform_data.a[0]` and by `terraform_data.a`. */
function matching(list: readonly Expected[], checkRule: string): Expected | undefined {
  const whole = checkRule.replace(/\[[^\]]*\]$/, "");
  return list.find((e) => e.text === checkRule || e.text === whole);
}

const isCheckBlock = (rule: string) => /^check\.[^.]+$/.test(rule) || /\.check\.[^.]+$/.test(rule);

/** Expected failures leave the diagnostics; unexpected check failures become errors; missing ones are added. */
export function validateExpectedFailures(run: TestRun, diags: readonly Diagnostic[]): Diagnostic[] {
  const list = expectations(run);
  const out: Diagnostic[] = [];
  for (const d of diags) {
    if (d.checkRule === undefined) {
      out.push(d);
      continue;
    }
    const check = isCheckBlock(d.checkRule);
    if (d.severity === "warning" && !check) {
      out.push(d);
      continue;
    }
    const e = matching(list, d.checkRule);
    if (e !== undefined) {
      e.seen = true;
      continue;
    }
    out.push(check ? { ...d, severity: "error" } : d);
  }
  for (const e of list) {
    if (!e.seen) out.push(errorDiag("Missing expected failure", `The checkable object, ${e.text}, was expected to report an error but did not.`, e.range));
  }
  return out;
}

/** An apply run whose plan failed as expected cannot apply: said as a warning before the original error. */
export function explainExpectedFailures(run: TestRun, diags: readonly Diagnostic[]): Diagnostic[] {
  const list = expectations(run);
  const out: Diagnostic[] = [];
  for (const d of diags) {
    if (d.severity === "error" && d.checkRule !== undefined && !isCheckBlock(d.checkRule)) {
      const e = matching(list, d.checkRule);
      if (e !== undefined) {
        out.push({
          severity: "warning",
          summary: "Expected failure while planning",
          detail: `A custom condition within ${d.checkRule} failed during the planning stage and prevented the requested apply operation. While this was an expected failure, the apply operation could not be executed and so the overall test case will be marked as a failure and the original diagnostic included in the test report.`,
          ...(d.checkRule.startsWith("output.") ? { subject: e.range } : {}),
        });
      }
    }
    out.push(d);
  }
  return out;
}
