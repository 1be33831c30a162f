// The JSON parser (HCL's json/parser.go): tokens to a JsonNode tree, with HCL's diagnostics. Like HCL it
// stops at the first structural error inside a container and reports it; it never throws. Nesting depth is
// limited so that hostile input yields a diagnostic instead of a stack overflow.

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import type { Pos, Range } from "../pos.js";
import { rangeBetween } from "../pos.js";
import { nameSuggestion } from "../suggest.js";
import { bigFloatFrom } from "../values/bigfloat.js";
import { startRangeOf, type JsonArray, type JsonNode, type JsonObject, type JsonObjectAttr } from "./nodes.js";
import type { JsonToken } from "./scanner.js";
import { decodeJsonString } from "./strings.js";

/** The same limit as the native parser's. */
export const MAX_JSON_NESTING = 1000;

const VALUE_START_DETAIL = "A JSON value must start with a brace, a bracket, a number, a string, or a keyword.";
const NUMBER_SYNTAX = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

type Parsed = JsonNode | null;

export class JsonParser {
  private pos = 0;
  private depth = 0;
  private tooDeep = false;
  readonly diags: Diagnostic[] = [];

  constructor(private readonly tokens: readonly JsonToken[]) {}

  peek(): JsonToken {
    return this.tokens[this.pos]!;
  }
  private read(): JsonToken {
    const t = this.tokens[this.pos]!;
    if (t.type !== "eof") this.pos++;
    return t;
  }
  private fail(summary: string, detail: string, subject: Range, context?: Range): null {
    // Past the nesting limit the rest of the input was skipped: every enclosing container would otherwise
    // report itself unclosed.
    if (!this.tooDeep) this.diags.push(errorDiag(summary, detail, subject, context));
    return null;
  }

  /** A value, or an "invalid" placeholder (with a diagnostic) where none could be parsed. */
  parseValue(): JsonNode {
    const tok = this.peek();
    const n = this.parseValueOrNull();
    return n ?? { kind: "invalid", range: tok.range };
  }

  private parseValueOrNull(): Parsed {
    const tok = this.peek();
    switch (tok.type) {
      case "{":
      case "[": {
        if (this.depth >= MAX_JSON_NESTING) {
          this.fail(
            "Nesting too deep",
            `This JSON value is nested more than ${MAX_JSON_NESTING} levels deep, which is more than Cairn parses. Flatten the structure.`,
            tok.range,
          );
          this.tooDeep = true;
          this.pos = this.tokens.length - 1;
          return null;
        }
        this.depth++;
        const n = tok.type === "{" ? this.parseObject() : this.parseArray();
        this.depth--;
        return n;
      }
      case "number":
        return this.parseNumber();
      case "string":
        return this.parseString();
      case "keyword":
        return this.parseKeyword();
      case "}":
        return this.fail("Missing JSON value", VALUE_START_DETAIL, tok.range);
      case "]":
        return this.fail("Missing array element value", VALUE_START_DETAIL, tok.range);
      case "eof":
        return this.fail("Missing value", "The JSON data ends prematurely.", tok.range);
      default:
        return this.fail("Invalid start of value", VALUE_START_DETAIL, tok.range);
    }
  }

  /** Moves to what looks like the end of the current container, so parsing can continue after it. */
  private recover(tok: JsonToken, open: "{" | "[", close: "}" | "]"): void {
    let level = 1;
    for (;;) {
      if (tok.type === open) level++;
      else if (tok.type === close) {
        level--;
        if (level <= 1) return;
      } else if (tok.type === "eof") return;
      tok = this.read();
    }
  }

  private parseObject(): Parsed {
    const open = this.read();
    const attrs: JsonObjectAttr[] = [];
    for (;;) {
      if (this.peek().type === "}") break;
      // As in HCL, a broken key or value becomes an "invalid" node and parsing carries on.
      const key = this.parseValue();
      if (key.kind !== "string") {
        return this.fail("Invalid object property name", "A JSON object property name must be a string", startRangeOf(key));
      }
      const colon = this.read();
      if (colon.type !== ":") {
        this.recover(colon, "{", "}");
        if (colon.type === "}" || colon.type === ",") {
          return this.fail("Missing object value", "A JSON object attribute must have a value, introduced by a colon.", colon.range);
        }
        if (colon.type === "=") {
          return this.fail("Missing property value colon", "JSON uses a colon as its name/value delimiter, not an equals sign.", colon.range);
        }
        return this.fail("Missing property value colon", "A colon must appear between an object property's name and its value.", colon.range);
      }
      const value = this.parseValue();
      attrs.push({ name: key.value, value, nameRange: key.range });

      const next = this.peek();
      if (next.type === ",") {
        const comma = this.read();
        if (this.peek().type === "}") {
          return this.fail("Trailing comma in object", "JSON does not permit a trailing comma after the final property in an object.", comma.range);
        }
        continue;
      }
      if (next.type === "eof") return this.fail("Unclosed object", "No closing brace was found for this JSON object.", open.range);
      if (next.type === "]") {
        this.read();
        return this.fail("Mismatched braces", "A JSON object must be closed with a brace, not a bracket.", this.peek().range);
      }
      if (next.type === "}") break;
      this.recover(this.read(), "{", "}");
      return this.fail("Missing attribute seperator comma", "A comma must appear between each property definition in an object.", this.peek().range);
    }
    const close = this.read();
    const obj: JsonObject = {
      kind: "object",
      attrs,
      range: rangeBetween(open.range, close.range),
      openRange: open.range,
      closeRange: close.range,
    };
    return obj;
  }

  private parseArray(): Parsed {
    const open = this.read();
    const values: JsonNode[] = [];
    for (;;) {
      if (this.peek().type === "]") break;
      values.push(this.parseValue());
      const next = this.peek();
      if (next.type === ",") {
        const comma = this.read();
        if (this.peek().type === "]") {
          return this.fail("Trailing comma in array", "JSON does not permit a trailing comma after the final value in an array.", comma.range);
        }
        continue;
      }
      if (next.type === ":") {
        this.recover(this.read(), "[", "]");
        return this.fail("Invalid array value", "A colon is not used to introduce values in a JSON array.", this.peek().range);
      }
      if (next.type === "eof") {
        this.recover(this.read(), "[", "]");
        // HCL's summary says "object" here although this is an array; users' tooling may match on it.
        return this.fail("Unclosed object", "No closing bracket was found for this JSON array.", open.range);
      }
      if (next.type === "}") {
        this.recover(this.read(), "[", "]");
        return this.fail("Mismatched brackets", "A JSON array must be closed with a bracket, not a brace.", this.peek().range);
      }
      if (next.type === "]") break;
      this.recover(this.read(), "[", "]");
      return this.fail("Missing attribute seperator comma", "A comma must appear between each value in an array.", this.peek().range);
    }
    const close = this.read();
    const arr: JsonArray = { kind: "array", values, range: rangeBetween(open.range, close.range), openRange: open.range };
    return arr;
  }

  private parseNumber(): Parsed {
    const tok = this.read();
    if (!NUMBER_SYNTAX.test(tok.text)) {
      return this.fail("Invalid JSON number", "There is a syntax error in the given JSON number.", tok.range);
    }
    return { kind: "number", value: bigFloatFrom(tok.text), range: tok.range };
  }

  private parseString(): Parsed {
    const tok = this.read();
    const r = decodeJsonString(tok.text);
    if (r.ok) return { kind: "string", value: r.value, range: tok.range };
    const start: Pos = {
      line: tok.range.start.line,
      column: tok.range.start.column + r.errorByteOffset,
      byte: tok.range.start.byte + r.errorByteOffset,
    };
    const end: Pos = { line: start.line, column: start.column + 1, byte: start.byte + 1 };
    const subject: Range = { filename: tok.range.filename, start, end };
    const same = start.byte === tok.range.start.byte && end.byte === tok.range.end.byte;
    return this.fail("Invalid JSON string", "There is a syntax error in the given JSON string.", subject, same ? undefined : tok.range);
  }

  private parseKeyword(): Parsed {
    const tok = this.read();
    const s = tok.text;
    if (s === "true" || s === "false") return { kind: "bool", value: s === "true", range: tok.range };
    if (s === "null") return { kind: "null", range: tok.range };
    if (s === "undefined" || s === "NaN" || s === "Infinity") {
      return this.fail("Invalid JSON keyword", `The JavaScript identifier ${JSON.stringify(s)} cannot be used in JSON.`, tok.range);
    }
    const suggestion = nameSuggestion(s, ["false", "true", "null"]);
    const dym = suggestion === undefined ? "" : ` Did you mean ${JSON.stringify(suggestion)}?`;
    return this.fail("Invalid JSON keyword", `${JSON.stringify(s)} is not a valid JSON keyword.${dym}`, tok.range);
  }
}
