// A `*.tftest.hcl` file decoded (Terraform's configs.TestFile): file-level `variables`, and `run` blocks with
// `command = plan|apply`, their own `variables`, `assert` rules, `expect_failures`, `plan_options`,
// `state_key` and an alternate `module` under test. `mock_provider`, `override_*`, `provider` and a run's
// `providers` are not supported yet: each is an error that names it (docs/testing.md), never ignored.

import type { ContentBlock, SyntaxBody } from "../lang/body.js";
import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import type { Range } from "../lang/pos.js";
import type { Expression, Traversal } from "../lang/syntax/ast.js";
import { parseConfig } from "../lang/syntax/parser.js";
import { nativeBody } from "../lang/syntax/native-body.js";
import type { Body } from "../lang/syntax/ast.js";
import type { CheckRule } from "./model.js";
import { decodeCheckRule, decodeDependsOn } from "./decode-common.js";
import { checkIdentifier, rangeText } from "./names.js";
import { absTraversalForExpr, exprAsKeyword, exprList, decodeConstBool, decodeConstString } from "./static.js";

export type TestCommand = "plan" | "apply";

export interface TestRunModule {
  /** A local path (`./modules/x`), relative to the directory under test. */
  readonly source: string;
  readonly declRange: Range;
}

/** A run's `plan_options`: the plan mode and the -refresh, -replace and -target of its plan. */
export interface TestPlanOptions {
  readonly mode: "normal" | "refresh-only";
  readonly refresh: boolean;
  readonly replace: readonly Traversal[];
  readonly target: readonly Traversal[];
  readonly declRange?: Range;
}

export const defaultPlanOptions: TestPlanOptions = { mode: "normal", refresh: true, replace: [], target: [] };

export interface TestRun {
  readonly name: string;
  readonly index: number;
  readonly command: TestCommand;
  /** Run-level `variables`, in source order. */
  readonly variables: ReadonlyMap<string, Expression>;
  readonly asserts: readonly CheckRule[];
  /** `expect_failures = [var.x, output.y, check.z, resource]` as written. */
  readonly expectFailures: readonly Traversal[];
  readonly module?: TestRunModule;
  readonly options: TestPlanOptions;
  /** `state_key`: runs with the same key share a state, whatever module they test. */
  readonly stateKey?: string;
  readonly declRange: Range;
}

export interface TestFile {
  /** The name diagnostics and the report use: relative to the directory under test (`tests/a.tftest.hcl`). */
  readonly name: string;
  readonly variables: ReadonlyMap<string, Expression>;
  readonly runs: readonly TestRun[];
}

/** Blocks Terraform's test files have that Cairn does not run yet. */
const unsupportedFileBlocks = ["provider", "mock_provider", "override_resource", "override_data", "override_module"];
const unsupportedRunBlocks = ["override_resource", "override_data", "override_module"];

const fileSchema = {
  blocks: [{ type: "run", labelNames: ["name"] }, { type: "variables" }, ...unsupportedFileBlocks.map((type) => ({ type, labelNames: type === "provider" || type === "mock_provider" ? ["name"] : [] }))],
};
const runSchema = {
  attributes: [{ name: "command" }, { name: "providers" }, { name: "expect_failures" }, { name: "state_key" }],
  blocks: [{ type: "assert" }, { type: "variables" }, { type: "module" }, { type: "plan_options" }, ...unsupportedRunBlocks.map((type) => ({ type }))],
};
const planOptionsSchema = { attributes: [{ name: "mode" }, { name: "refresh" }, { name: "replace" }, { name: "target" }] };
const moduleSchema = { attributes: [{ name: "source", required: true }, { name: "version" }] };

export function parseTestFile(bytes: Uint8Array, name: string): { file: TestFile; body?: Body; diags: Diagnostic[] } {
  const parsed = parseConfig(bytes, name);
  const diags: Diagnostic[] = [...parsed.diags];
  const file = decodeTestFile(nativeBody(parsed.file.body), name, diags);
  return { file, body: parsed.file.body, diags };
}

function decodeTestFile(body: SyntaxBody, name: string, diags: Diagnostic[]): TestFile {
  const { content, diags: d } = body.content(fileSchema);
  diags.push(...d);
  const runs: TestRun[] = [];
  const runNames = new Map<string, Range>();
  let variables = new Map<string, Expression>();
  let variablesRange: Range | undefined;
  for (const block of content.blocks) {
    switch (block.type) {
      case "run": {
        const run = decodeRun(block, runs.length, diags);
        if (run === undefined) break;
        const prev = runNames.get(run.name);
        if (prev !== undefined) {
          diags.push(errorDiag('Duplicate "run" block names', `This test file already has a run named ${run.name} block defined at ${rangeText(prev)}.`, block.defRange));
          break;
        }
        runNames.set(run.name, block.defRange);
        runs.push(run);
        break;
      }
      case "variables":
        if (variablesRange !== undefined) {
          diags.push(errorDiag('Multiple "variables" blocks', `This test file already has a variables block defined at ${rangeText(variablesRange)}.`, block.defRange));
          break;
        }
        variablesRange = block.defRange;
        variables = attributesOf(block.body, diags);
        break;
      default:
        diags.push(unsupported(block));
    }
  }
  return { name, variables, runs };
}

function decodeRun(block: ContentBlock, index: number, diags: Diagnostic[]): TestRun | undefined {
  const name = block.labels[0] ?? "";
  if (!checkIdentifier(name, "Invalid run block name", block.labelRanges[0] ?? block.defRange, diags)) return undefined;
  const { content, diags: d } = block.body.content(runSchema);
  diags.push(...d);
  let command: TestCommand = "apply";
  const commandAttr = content.attributes.get("command");
  if (commandAttr !== undefined) {
    const kw = exprAsKeyword(commandAttr.expr);
    if (kw === "plan" || kw === "apply") command = kw;
    else diags.push(errorDiag('Invalid "command" keyword', 'The "command" argument requires one of the following keywords without quotes: apply or plan.', commandAttr.expr.range));
  }
  const providers = content.attributes.get("providers");
  if (providers !== undefined) diags.push(errorDiag("Unsupported test feature", `Cairn's test command does not support the "providers" argument of a run block yet.`, providers.nameRange));
  const stateKeyAttr = content.attributes.get("state_key");
  const stateKey = stateKeyAttr !== undefined ? decodeConstString(stateKeyAttr.expr, diags) : undefined;
  let options: TestPlanOptions = defaultPlanOptions;
  const expectFailures: Traversal[] = [];
  const ef = content.attributes.get("expect_failures");
  if (ef !== undefined) {
    const list = exprList(ef.expr);
    diags.push(...list.diags);
    for (const item of list.exprs ?? []) {
      const t = absTraversalForExpr(item);
      diags.push(...t.diags);
      if (t.traversal !== undefined) expectFailures.push(t.traversal);
    }
  }
  const asserts: CheckRule[] = [];
  let variables = new Map<string, Expression>();
  let variablesRange: Range | undefined;
  let module: TestRunModule | undefined;
  for (const b of content.blocks) {
    switch (b.type) {
      case "assert": {
        const rule = decodeCheckRule(b, diags);
        if (rule !== undefined) asserts.push(rule);
        break;
      }
      case "variables":
        if (variablesRange !== undefined) {
          diags.push(errorDiag('Multiple "variables" blocks', `This run block already has a variables block defined at ${rangeText(variablesRange)}.`, b.defRange));
          break;
        }
        variablesRange = b.defRange;
        variables = attributesOf(b.body, diags);
        break;
      case "plan_options":
        if (options.declRange !== undefined) {
          diags.push(errorDiag('Multiple "plan_options" blocks', `This run block already has a plan_options block defined at ${rangeText(options.declRange)}.`, b.defRange));
          break;
        }
        options = decodePlanOptions(b, diags);
        break;
      case "module": {
        if (module !== undefined) {
          diags.push(errorDiag('Multiple "module" blocks', `This run block already has a module block defined at ${rangeText(module.declRange)}.`, b.defRange));
          break;
        }
        const m = b.body.content(moduleSchema);
        diags.push(...m.diags);
        const src = m.content.attributes.get("source");
        if (src === undefined) break;
        const source = decodeConstString(src.expr, diags);
        if (source === undefined) break;
        if (!source.startsWith("./") && !source.startsWith("../")) {
          diags.push(errorDiag("Invalid module source address", "Only local module sources are currently supported from within Cairn's test run blocks.", src.expr.range));
          break;
        }
        module = { source, declRange: b.defRange };
        break;
      }
      default:
        diags.push(unsupported(b));
    }
  }
  return { name, index, command, variables, asserts, expectFailures, ...(module !== undefined ? { module } : {}), options, ...(stateKey !== undefined ? { stateKey } : {}), declRange: block.defRange };
}

function decodePlanOptions(block: ContentBlock, diags: Diagnostic[]): TestPlanOptions {
  const { content, diags: d } = block.body.content(planOptionsSchema);
  diags.push(...d);
  let mode: TestPlanOptions["mode"] = "normal";
  const modeAttr = content.attributes.get("mode");
  if (modeAttr !== undefined) {
    const kw = exprAsKeyword(modeAttr.expr);
    if (kw === "normal" || kw === "refresh-only") mode = kw;
    else diags.push(errorDiag('Invalid "mode" keyword', 'The "mode" argument requires one of the following keywords without quotes: normal or refresh-only', modeAttr.expr.range));
  }
  const refreshAttr = content.attributes.get("refresh");
  const refresh = refreshAttr !== undefined ? (decodeConstBool(refreshAttr.expr, diags) ?? true) : true;
  const traversals = (name: string): Traversal[] => {
    const attr = content.attributes.get(name);
    return attr !== undefined ? decodeDependsOn(attr.expr, diags) : [];
  };
  const replace = traversals("replace");
  const target = traversals("target");
  if (!refresh && mode === "refresh-only") {
    diags.push(errorDiag("Incompatible plan options", 'The "refresh" option cannot be set to false when running a test in "refresh-only" mode.', refreshAttr!.range));
  }
  return { mode, refresh, replace, target, declRange: block.defRange };
}

function attributesOf(body: SyntaxBody, diags: Diagnostic[]): Map<string, Expression> {
  const { attributes, diags: d } = body.justAttributes();
  diags.push(...d);
  return new Map([...attributes.values()].sort((a, b) => a.range.start.byte - b.range.start.byte).map((a) => [a.name, a.expr]));
}

function unsupported(block: ContentBlock): Diagnostic {
  return errorDiag(
    "Unsupported test feature",
    `Cairn's test command does not support "${block.type}" blocks yet: tests run against the real providers, without mocks or overrides (docs/testing.md).`,
    block.defRange,
  );
}
