// A variable's `type` argument: typeexpr's grammar plus the configuration language's additions (legacy
// quoted forms, the bare list/map shorthands, JSON strings holding type expressions, errors meaning any).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { variableTypeConstraint } from "../../config/variable-type.js";
import { formatRange } from "../../lang/pos.js";
import { parseJSONExpression } from "../../lang/json/parser.js";
import { parseExpression } from "../../lang/syntax/parser.js";
import { typeString } from "../../lang/values/types.js";

interface Case {
  readonly name: string;
  readonly src: string;
  readonly json?: boolean;
  readonly type: string;
  /** Summary, subject range and a detail fragment of the first diagnostic, if any is expected. */
  readonly diag?: readonly [string, string, string];
}

const cases: Case[] = [
  { name: "primitive", src: "string", type: "string" },
  { name: "collection", src: "list(map(number))", type: "list(map(number))" },
  { name: "object with optional attribute", src: "object({ a = optional(number, 1), b = string })", type: "object({a=number, b=string})" },
  { name: "bare list means list(any)", src: "list", type: "list(any)" },
  { name: "bare map means map(any)", src: "map", type: "map(any)" },
  { name: "bare set is an error", src: "set", type: "any", diag: ["Invalid type specification", "t.tf:1,1-1,4", "set type constructor requires one argument"] },
  { name: "unknown keyword", src: "strin", type: "any", diag: ["Invalid type specification", "t.tf:1,1-1,6", 'The keyword "strin" is not a valid type specification.'] },
  { name: "error anywhere constrains nothing", src: "list(foo)", type: "any", diag: ["Invalid type specification", "t.tf:1,6-1,9", '"foo"'] },
  { name: "legacy quoted string", src: '"string"', type: "any", diag: ["Invalid quoted type constraints", "t.tf:1,1-1,9", 'Remove the quotes around "string".'] },
  { name: "legacy quoted list", src: '"list"', type: "any", diag: ["Invalid quoted type constraints", "t.tf:1,1-1,7", "write list(string) instead"] },
  { name: "legacy quoted map", src: '"map"', type: "any", diag: ["Invalid quoted type constraints", "t.tf:1,1-1,6", "write map(string) instead"] },
  { name: "other quoted type", src: '"list(string)"', type: "any", diag: ["Invalid legacy variable type hint", "t.tf:1,1-1,15", "remove the surrounding quotes"] },
  { name: "JSON keyword", src: '"number"', json: true, type: "number" },
  { name: "JSON constructor", src: '"map(list(bool))"', json: true, type: "map(list(bool))" },
  { name: "JSON list shorthand", src: '"list"', json: true, type: "list(any)" },
  { name: "JSON invalid type", src: '"lisst(string)"', json: true, type: "any", diag: ["Invalid type specification", "t.tf:1,1-1,14", "\"lisst\""] },
];

describe("variable type constraints", () => {
  for (const c of cases) {
    it(c.name, () => {
      const parsed = c.json ? parseJSONExpression(c.src, "t.tf") : parseExpression(c.src, "t.tf");
      assert.deepEqual(parsed.diags, []);
      const got = variableTypeConstraint(parsed.expr);
      assert.equal(typeString(got.type), c.type);
      if (c.diag === undefined) {
        assert.deepEqual(got.diags, []);
        return;
      }
      const d = got.diags[0];
      assert.ok(d !== undefined, "expected a diagnostic");
      assert.equal(d.summary, c.diag[0]);
      assert.equal(d.subject !== undefined ? formatRange(d.subject) : "", c.diag[1]);
      assert.ok((d.detail ?? "").includes(c.diag[2]), `detail ${JSON.stringify(d.detail)} lacks ${JSON.stringify(c.diag[2])}`);
    });
  }
});
