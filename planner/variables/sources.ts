// Collects raw input-variable values from every source with Terraform's precedence, lowest first:
// TF_VAR_ environment variables, terraform.tfvars, terraform.tfvars.json, *.auto.tfvars(.json) in lexical
// order, then -var and -var-file in command-line order. A later assignment replaces an earlier one.

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { errorDiag, type Diagnostic } from "../../lang/diagnostics.js";
import { parseConfig } from "../../lang/syntax/parser.js";
import { nativeBody } from "../../lang/syntax/native-body.js";
import { parseJSONConfig } from "../../lang/json/parser.js";
import type { SyntaxBody } from "../../lang/body.js";
import type { RawVariableValue, VariableFlag } from "./raw.js";

export interface CollectOptions {
  readonly dir: string;
  readonly flags: readonly VariableFlag[];
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface CollectedValues {
  /** The winning raw value per variable name. */
  readonly values: ReadonlyMap<string, RawVariableValue>;
  /** Every file that was read, by name, for rendering diagnostics with snippets. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly diags: Diagnostic[];
}

export function collectVariableValues(opts: CollectOptions): CollectedValues {
  const values = new Map<string, RawVariableValue>();
  const files = new Map<string, Uint8Array>();
  const diags: Diagnostic[] = [];
  const put = (v: RawVariableValue) => values.set(v.name, v);

  for (const key of Object.keys(opts.env).sort()) {
    if (!key.startsWith("TF_VAR_")) continue;
    const name = key.slice("TF_VAR_".length);
    const text = opts.env[key];
    if (name === "" || text === undefined) continue;
    put({ name, sourceKind: "env", sourceLabel: `environment variable ${key}`, text });
  }

  const autoFiles = existsSync(opts.dir)
    ? readdirSync(opts.dir)
        .filter((f) => f.endsWith(".auto.tfvars") || f.endsWith(".auto.tfvars.json"))
        .sort()
    : [];
  for (const name of ["terraform.tfvars", "terraform.tfvars.json", ...autoFiles]) {
    const path = join(opts.dir, name);
    if (!existsSync(path) || !statSync(path).isFile()) continue;
    readVarsFile(path, name, files, diags).forEach(put);
  }

  for (const flag of opts.flags) {
    if (flag.kind === "var") {
      const eq = flag.value.indexOf("=");
      if (eq <= 0) {
        diags.push(
          errorDiag(
            "Invalid -var option",
            `The given -var option ${JSON.stringify(flag.value)} is not correctly specified. Must be a variable name and value separated by an equals sign, like -var="key=value".`,
          ),
        );
        continue;
      }
      const name = flag.value.slice(0, eq).trim();
      put({ name, sourceKind: "cli", sourceLabel: `-var="${flag.value}"`, text: flag.value.slice(eq + 1) });
    } else {
      const path = isAbsolute(flag.path) ? flag.path : join(opts.dir, flag.path);
      if (!existsSync(path) || !statSync(path).isFile()) {
        diags.push(errorDiag("Failed to read variables file", `Given variables file ${flag.path} does not exist.`));
        continue;
      }
      readVarsFile(path, flag.path, files, diags).forEach(put);
    }
  }
  return { values, files, diags };
}

function readVarsFile(path: string, label: string, files: Map<string, Uint8Array>, diags: Diagnostic[]): RawVariableValue[] {
  const bytes = readFileSync(path);
  files.set(label, bytes);
  let body: SyntaxBody;
  if (label.endsWith(".json")) {
    const parsed = parseJSONConfig(bytes, label);
    diags.push(...parsed.diags);
    body = parsed.body;
  } else {
    const parsed = parseConfig(bytes, label);
    diags.push(...parsed.diags);
    body = nativeBody(parsed.file.body);
  }
  const { attributes, diags: attrDiags } = body.justAttributes();
  diags.push(...attrDiags);
  return [...attributes.values()].map((a) => ({
    name: a.name,
    sourceKind: "file" as const,
    sourceLabel: label,
    expr: a.expr,
    range: a.expr.range,
  }));
}
