// schemas/plan-1.2.schema.json compiled once with ajv (strict mode) for the artifact tests.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { repoRoot } from "./scenario-plans.js";

let validator: ValidateFunction | undefined;

/** The schema violations of a JSON plan document, empty when it validates. */
export function validatePlanJson(doc: unknown): string[] {
  if (validator === undefined) {
    const schema = JSON.parse(readFileSync(join(repoRoot, "schemas/plan-1.2.schema.json"), "utf8")) as object;
    validator = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  }
  return validator(doc) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}
