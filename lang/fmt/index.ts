// Terraform's canonical formatting (`cairn fmt`), on the token stream so comments survive.
export { formatSource, type Formatted } from "./format-source.js";
