// The only place the JSON syntax reaches into the native parser: JSON strings are templates, and some
// static contexts (depends_on, type constraints) read a JSON string as a traversal or an expression.

export { parseExpression, parseTemplate, parseTraversalAbs } from "../syntax/parser.js";
