// The JSON syntax (`*.tf.json`): see parser.ts for the entry points.
export { parseJSONConfig, parseJSONExpression, parseJsonValue, JsonBody, jsonOriginOf, jsonStringOf } from "./parser.js";
export type { JsonNode } from "./parser.js";
