// Terraform's canonical formatting (`cairn fmt`), on the token stream so comments survive.
export { formatSource } from "./format-source.js";
export { formatValueExpr, formatTypeExpr } from "./terraform-rewrites.js";
