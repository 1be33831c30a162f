// Type constraints (Terraform's typeexpr): reading `list(object({...}))` expressions into Types and
// printing Types back. Imports only lang/{values,syntax,eval}; knows nothing of configuration.

export { typeConstraint, exactType, maxTypeDepth, type TypeConstraintResult } from "./typeexpr.js";
export { typeConstraintString } from "./typestring.js";
