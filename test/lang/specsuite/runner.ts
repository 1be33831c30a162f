// A runner for HCL's implementation-agnostic specification suite, interpreting the cases as HCL's own
// runner (cmd/hclspecsuite) does, with Cairn's parser, evaluator and hcldec in place of the hcldec binary:
//
//   X.t       expectations, itself HCL: `result` (evaluated with no variables, converted to `result_type`),
//             `result_type` (a type constraint, default any), `diagnostics { error { from {..} to {..} } }`
//             and `traversals { expect { ref = a.b  range { from {..} to {..} } } }`
//   X.hcldec  the decoder spec;  X.hcl / X.hcl.json  the inputs (each one that exists is run)
//
// A case passes when it produces no problems. As in HCL's runner: with expected diagnostics, the input's
// diagnostics must match them exactly by severity and subject range (file, line, column, byte of both ends),
// and any diagnostic without a subject in the input file is a problem; without expected diagnostics, any
// diagnostic at all is a problem and the value must conform to result_type and equal result.
//
// One deliberate difference, because Cairn's numbers are decimals while go-cty's are 512-bit binary
// floats: the suite's expected numbers carry that binary representation's rounding (11 % 5.1 is written
// 0.8000…00024, 157 digits), so numbers compare equal when they agree within go-cty's own precision
// (relative difference below 2^-500). Every other part of a value must be exactly equal.

import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import type { BodySchema, ContentBlock, SyntaxBody } from "../../../lang/body.js";
import { hasErrors, type Diagnostic } from "../../../lang/diagnostics.js";
import type { EvalContext } from "../../../lang/eval/context.js";
import { evaluate } from "../../../lang/eval/evaluate.js";
import { decode, loadSpecFile, specVariables } from "../../../lang/hcldec/index.js";
import { parseJSONConfig } from "../../../lang/json/index.js";
import { formatRange, type Range } from "../../../lang/pos.js";
import { nativeBody } from "../../../lang/syntax/native-body.js";
import { parseConfig } from "../../../lang/syntax/parser.js";
import type { Traversal } from "../../../lang/syntax/ast.js";
import { typeConstraint } from "../../../lang/typeexpr/index.js";
import { convert } from "../../../lang/values/convert.js";
import { BigFloat } from "../../../lang/values/bigfloat.js";
import { formatValue } from "../../../lang/values/format.js";
import {
  DynamicPseudoType,
  typeConformanceError,
  typeEquals,
  typeString,
  type Type,
} from "../../../lang/values/types.js";
import { NULL, UNKNOWN, rawEquals, type Value } from "../../../lang/values/value.js";

export interface ExpectedDiag {
  readonly severity: "error" | "warning";
  readonly range: Omit<Range, "filename">;
}
export interface ExpectedTraversal {
  readonly traversal: Traversal;
  readonly range: Omit<Range, "filename">;
}
export interface TestFile {
  readonly result?: Value;
  readonly resultType: Type;
  readonly expectedDiags: readonly ExpectedDiag[];
  /** Present when the file has a `traversals` block (possibly empty: "no references at all"). */
  readonly expectedTraversals?: readonly ExpectedTraversal[];
}

/** Every `.t` file under `dir`, as HCL's runner orders them: files of a directory first, then subdirectories. */
export function findCases(dir: string): string[] {
  const names = readdirSync(dir).filter((n) => !n.startsWith(".")).sort();
  const out: string[] = [];
  for (const n of names) if (n.endsWith(".t") && statSync(join(dir, n)).isFile()) out.push(join(dir, n));
  for (const n of names) if (statSync(join(dir, n)).isDirectory()) out.push(...findCases(join(dir, n)));
  return out;
}

function problemText(d: Diagnostic): string {
  const where = d.subject ? ` (${formatRange(d.subject)})` : "";
  return `${d.severity}: ${d.summary}${where}${d.detail ? `: ${d.detail}` : ""}`;
}

const testFileSchema: BodySchema = {
  attributes: [{ name: "result" }, { name: "result_type" }],
  blocks: [{ type: "traversals" }, { type: "diagnostics" }],
};
const posSchema: BodySchema = {
  attributes: [{ name: "line", required: true }, { name: "column", required: true }, { name: "byte", required: true }],
};

/** Loads a `.t` file; problems with the file itself are returned as diagnostics. */
export function loadTestFile(path: string): { file?: TestFile; diags: Diagnostic[] } {
  const parsed = parseConfig(readFileSync(path), path);
  const diags = [...parsed.diags];
  if (hasErrors(diags)) return { diags };
  const { content, diags: cd } = nativeBody(parsed.file.body).content(testFileSchema);
  diags.push(...cd);
  if (hasErrors(cd)) return { diags };

  let resultType: Type = DynamicPseudoType;
  const typeAttr = content.attributes.get("result_type");
  if (typeAttr !== undefined) {
    const t = typeConstraint(typeAttr.expr);
    diags.push(...t.diags);
    if (!hasErrors(t.diags)) resultType = t.type;
  }
  let result: Value | undefined;
  const resultAttr = content.attributes.get("result");
  if (resultAttr !== undefined) {
    const r = evaluate(resultAttr.expr, undefined);
    diags.push(...r.diags);
    if (!hasErrors(r.diags)) {
      const c = convert(r.value, resultType);
      if (c.ok) result = c.value;
      else diags.push({ severity: "error", summary: "Invalid result value", detail: c.message, subject: resultAttr.expr.range });
    }
  }

  const expectedDiags: ExpectedDiag[] = [];
  let expectedTraversals: ExpectedTraversal[] | undefined;
  for (const block of content.blocks) {
    if (block.type === "diagnostics") {
      const inner = block.body.content({ blocks: [{ type: "error" }, { type: "warning" }] });
      diags.push(...inner.diags);
      for (const b of inner.content.blocks) {
        const rng = decodeRange(b.body, diags);
        const rest = rng.remain.content({});
        diags.push(...rest.diags);
        expectedDiags.push({ severity: b.type === "error" ? "error" : "warning", range: rng.range });
      }
    } else {
      expectedTraversals = [];
      const inner = block.body.content({ blocks: [{ type: "expect" }] });
      diags.push(...inner.diags);
      for (const b of inner.content.blocks) expectedTraversals.push(decodeTraversalExpect(b, diags));
    }
  }
  if (result !== undefined && expectedDiags.length > 0) {
    diags.push({
      severity: "error",
      summary: "Conflicting spec expectations",
      detail: "This test spec includes expected diagnostics, so it may not also include an expected result.",
    });
  }
  const file: TestFile = {
    resultType,
    expectedDiags,
    ...(result !== undefined ? { result } : {}),
    ...(expectedTraversals !== undefined ? { expectedTraversals } : {}),
  };
  return { file, diags };
}

function decodeTraversalExpect(block: ContentBlock, diags: Diagnostic[]): ExpectedTraversal {
  const rng = decodeRange(block.body, diags);
  // As HCL's runner: from/to sit directly in the expect block; a `range` block is accepted and ignored.
  const { content, diags: cd } = rng.remain.content({ attributes: [{ name: "ref", required: true }], blocks: [{ type: "range" }] });
  diags.push(...cd);
  const ref = content.attributes.get("ref");
  const traversal: Traversal = ref !== undefined && ref.expr.kind === "ScopeTraversal" ? ref.expr.traversal : [];
  if (ref !== undefined && ref.expr.kind !== "ScopeTraversal") {
    diags.push({ severity: "error", summary: "Invalid expected traversal", subject: ref.expr.range });
  }
  return { traversal, range: rng.range };
}

// gohcl's decoding of { from { line column byte } to { ... } } plus whatever else the body holds.
function decodeRange(body: SyntaxBody, diags: Diagnostic[]): { range: Omit<Range, "filename">; remain: SyntaxBody } {
  const { content, remain, diags: pd } = body.partialContent({ blocks: [{ type: "from" }, { type: "to" }] });
  diags.push(...pd);
  const pos = (type: string) => {
    const b = content.blocks.find((x) => x.type === type);
    if (b === undefined) {
      diags.push({ severity: "error", summary: `Missing ${type} block`, subject: content.missingItemRange });
      return { line: 0, column: 0, byte: 0 };
    }
    const c = b.body.content(posSchema);
    diags.push(...c.diags);
    const num = (name: string): number => {
      const a = c.content.attributes.get(name);
      if (a === undefined) return 0;
      const r = evaluate(a.expr, undefined);
      diags.push(...r.diags);
      return r.value.type.kind === "number" && r.value.isKnown() && !r.value.isNull() ? r.value.asNumber().toNumber() : 0;
    };
    return { line: num("line"), column: num("column"), byte: num("byte") };
  };
  return { range: { start: pos("from"), end: pos("to") }, remain };
}

/** Loads and runs one case; returns the problems found (empty when it passes). */
export function runCase(tPath: string): string[] {
  const loaded = loadTestFile(tPath);
  if (loaded.file === undefined || hasErrors(loaded.diags)) return loaded.diags.map((d) => `in ${basename(tPath)}: ${problemText(d)}`);
  const base = tPath.slice(0, -2);
  const specPath = `${base}.hcldec`;
  if (!existsSync(specPath)) return [`Missing .hcldec file for ${tPath}`];

  const problems: string[] = [];
  const inputs = [`${base}.hcl`, `${base}.hcl.json`].filter((p) => existsSync(p));
  if (inputs.length === 0) problems.push(`no input file (.hcl or .hcl.json) for ${tPath}`);
  for (const input of inputs) problems.push(...runInput(specPath, input, loaded.file).map((p) => `${basename(input)}: ${p}`));
  return problems;
}

function parseInput(path: string): { body?: SyntaxBody; diags: Diagnostic[] } {
  const src = readFileSync(path);
  if (path.endsWith(".json")) {
    const r = parseJSONConfig(src, path);
    return hasErrors(r.diags) ? { diags: r.diags } : { body: r.body, diags: r.diags };
  }
  const r = parseConfig(src, path);
  return hasErrors(r.diags) ? { diags: r.diags } : { body: nativeBody(r.file.body), diags: r.diags };
}

function runInput(specPath: string, inputPath: string, tf: TestFile): string[] {
  const problems: string[] = [];
  const specParse = parseConfig(readFileSync(specPath), specPath);
  const specFile = loadSpecFile(nativeBody(specParse.file.body));
  const specDiags = [...specParse.diags, ...specFile.diags];
  if (hasErrors(specDiags)) return specDiags.map((d) => `spec file: ${problemText(d)}`);

  // hcldec evaluates the input with the spec's variables and no functions, or with no context at all.
  const ctx: EvalContext | undefined =
    specFile.variables.size > 0 ? { variables: specFile.variables, functions: new Map(), functionsAllowed: false } : undefined;

  const parsed = parseInput(inputPath);
  let value: Value | undefined;
  let diags: Diagnostic[] = parsed.diags;
  if (parsed.body !== undefined) {
    if (tf.expectedTraversals !== undefined) {
      problems.push(...checkTraversals(specVariables(parsed.body, specFile.spec), tf.expectedTraversals, inputPath));
    }
    const r = decode(parsed.body, specFile.spec, ctx);
    diags = [...diags, ...r.diags];
    if (!hasErrors(diags)) value = r.value;
  }

  if (tf.expectedDiags.length === 0) {
    problems.push(...diags.map(problemText));
    if (value === undefined) return problems;
    const typeProblem = typeConformanceError(value.type, tf.resultType);
    if (typeProblem !== undefined) {
      problems.push(`Incorrect result type: produced ${typeString(value.type)}, but was expecting ${typeString(tf.resultType)}`);
    }
    if (tf.result !== undefined) {
      const mismatch = valueMismatch(value, tf.result, "result");
      if (mismatch !== undefined) {
        problems.push(`Incorrect result value: ${mismatch}\n got:  ${formatValue(value)}\n want: ${formatValue(tf.result)}`);
      }
    }
    return problems;
  }

  const key = (severity: string, r: Omit<Range, "filename">) =>
    `${severity} ${r.start.line},${r.start.column},${r.start.byte}-${r.end.line},${r.end.column},${r.end.byte}`;
  const got = new Map<string, Diagnostic>();
  for (const d of diags) {
    if (d.subject === undefined || d.subject.filename !== inputPath) {
      problems.push(`diagnostic without a subject in the input file: ${problemText(d)}`);
      continue;
    }
    got.set(key(d.severity, d.subject), d);
  }
  const want = new Set(tf.expectedDiags.map((e) => key(e.severity, e.range)));
  for (const [k, d] of got) if (!want.has(k)) problems.push(`Unexpected diagnostic: ${problemText(d)}`);
  for (const k of want) if (!got.has(k)) problems.push(`Missing expected diagnostic: ${k}`);
  return problems;
}

function traversalsEquivalent(a: Traversal, b: Traversal): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.kind !== y.kind) return false;
    if (x.kind === "index") {
      if (!rawEquals(x.key, (y as typeof x).key)) return false;
    } else if (x.name !== (y as typeof x).name) return false;
  }
  return true;
}

function traversalText(t: Traversal): string {
  return t.map((s) => (s.kind === "root" ? s.name : s.kind === "attr" ? `.${s.name}` : `[${formatValue(s.key)}]`)).join("");
}

function checkTraversals(got: readonly Traversal[], expected: readonly ExpectedTraversal[], inputPath: string): string[] {
  const problems: string[] = [];
  for (const t of got) {
    const e = expected.find((x) => traversalsEquivalent(x.traversal, t));
    if (e === undefined) {
      problems.push(`Unexpected traversal ${traversalText(t)}`);
      continue;
    }
    const first = t[0]!.range;
    const last = t[t.length - 1]!.range;
    if (first.filename !== inputPath) problems.push(`traversal ${traversalText(t)} reported in file ${first.filename}`);
    const same =
      first.start.line === e.range.start.line &&
      first.start.column === e.range.start.column &&
      first.start.byte === e.range.start.byte &&
      last.end.line === e.range.end.line &&
      last.end.column === e.range.end.column &&
      last.end.byte === e.range.end.byte;
    if (!same) problems.push(`traversal ${traversalText(t)} has range ${formatRange({ ...first, end: last.end })}`);
  }
  for (const e of expected) {
    if (!got.some((t) => traversalsEquivalent(t, e.traversal))) problems.push(`Missing expected traversal ${traversalText(e.traversal)}`);
  }
  return problems;
}

const numberTolerance = BigFloat.fromParts(false, 1n, -500, 512);

/** Exact structural equality except for numbers (see the header); a description of the first difference. */
export function valueMismatch(got: Value, want: Value, path: string): string | undefined {
  if (!typeEquals(got.type, want.type)) return `${path}: type ${typeString(got.type)}, want ${typeString(want.type)}`;
  if (got.marks.size !== want.marks.size || [...got.marks].some((m) => !want.marks.has(m))) return `${path}: marks differ`;
  const g = got.raw;
  const w = want.raw;
  if (g === NULL || w === NULL || g === UNKNOWN || w === UNKNOWN) {
    return g === w ? undefined : `${path}: ${describe(got)}, want ${describe(want)}`;
  }
  if (g instanceof BigFloat && w instanceof BigFloat) {
    if (g.eq(w)) return undefined;
    const scale = g.abs().gt(w.abs()) ? g.abs() : w.abs();
    return g.minus(w).abs().lte(scale.times(numberTolerance)) ? undefined : `${path}: ${g.toString()}, want ${w.toString()}`;
  }
  if (Array.isArray(g)) {
    const ga = g as readonly Value[];
    const wa = w as readonly Value[];
    if (ga.length !== wa.length) return `${path}: ${ga.length} elements, want ${wa.length}`;
    for (let i = 0; i < ga.length; i++) {
      const m = valueMismatch(ga[i]!, wa[i]!, `${path}[${i}]`);
      if (m !== undefined) return m;
    }
    return undefined;
  }
  if (g instanceof Map) {
    const wm = w as ReadonlyMap<string, Value>;
    if (g.size !== wm.size) return `${path}: ${g.size} entries, want ${wm.size}`;
    for (const [k, v] of g) {
      const o = wm.get(k);
      if (o === undefined) return `${path}: unexpected key ${JSON.stringify(k)}`;
      const m = valueMismatch(v, o, `${path}.${k}`);
      if (m !== undefined) return m;
    }
    return undefined;
  }
  return g === w ? undefined : `${path}: ${JSON.stringify(g)}, want ${JSON.stringify(w)}`;
}

function describe(v: Value): string {
  return v.raw === NULL ? "null" : v.raw === UNKNOWN ? "unknown" : formatValue(v);
}
