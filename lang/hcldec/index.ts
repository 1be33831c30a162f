// hcldec: decoding a body into one value with a decoder spec (HCL's hcldec package and the spec-file
// language of its cmd/hcldec tool). Used by the HCL specification-suite harness; it knows nothing of
// Terraform's configuration model. Must not import from config or above.
export type { Spec } from "./spec.js";
export { impliedSchema } from "./spec.js";
export { decode, specType, specVariables } from "./decode.js";
export { loadSpecFile, type SpecFile } from "./spec-file.js";
