// config: decoding a module directory's *.tf and *.tf.json files into the configuration model
// (model.ts), with Terraform's static validation: names, duplicates, meta-arguments, references to
// undeclared objects, and (given a provider schema) resource bodies. Imports lang and addrs
// only; must not import graph, plan, apply, state or providers (providers adopt schema.ts instead).

export * from "./model.js";
export * from "./schema.js";
export { loadModuleDir, configFileNames, type LoadedModule, type LoadModuleOptions } from "./load-dir.js";
export { buildModule, type SourceFile } from "./build-module.js";
export { validateReferences } from "./validate-references.js";
export { validateResourceBody, type BodyValidation } from "./validate-resource-body.js";
export { mergeBodies } from "./merged-body.js";
