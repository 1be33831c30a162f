// Every Terraform built-in function by name (also under the `core::` namespace, as Terraform registers
// them). `can`, `try` and `type` are special forms of the evaluator and are not here.

import type { FunctionSpec, FunctionTable } from "./function.js";
import { collectionFunctions } from "./collection.js";
import { conversionFunctions } from "./conversion.js";
import { cryptoFunctions } from "./crypto.js";
import { datetimeFunctions } from "./datetime.js";
import { encodingFunctions } from "./encoding.js";
import { filesystemFunctions } from "./filesystem.js";
import { networkFunctions } from "./network.js";
import { numericFunctions } from "./numeric.js";
import { setFunctions } from "./sets.js";
import { stringFunctions } from "./string.js";
import { makeTemplateFile, makeTemplateString } from "./template.js";

export interface FunctionTableOptions {
  /** The module directory that relative paths in file functions are resolved against. */
  readonly baseDir: string;
  /** The plan's timestamp for plantimestamp(); without it plantimestamp() is unknown (validation). */
  readonly planTimestamp?: Date;
}

export function terraformFunctions(options: FunctionTableOptions): FunctionTable {
  const table = new Map<string, FunctionSpec>();
  const families: ReadonlyMap<string, FunctionSpec>[] = [
    numericFunctions,
    stringFunctions,
    collectionFunctions,
    setFunctions,
    encodingFunctions,
    filesystemFunctions(options.baseDir),
    datetimeFunctions(options.planTimestamp),
    cryptoFunctions(options.baseDir),
    networkFunctions,
    conversionFunctions,
  ];
  for (const family of families) for (const [name, spec] of family) table.set(name, spec);
  const self = (): FunctionTable => table;
  table.set("templatefile", makeTemplateFile(options.baseDir, self));
  table.set("templatestring", makeTemplateString(self));
  for (const [name, spec] of [...table]) table.set(`core::${name}`, spec);
  return table;
}
