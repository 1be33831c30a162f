// `variable`, `locals` and `output` blocks.

import { expressionReferences } from "../lang/eval/references.js";
import type { ContentBlock, SyntaxBody } from "../lang/body.js";
import { type Diagnostic, errorDiag, hasErrors } from "../lang/diagnostics.js";
import { convert, formatPath } from "../lang/values/convert.js";
import { DynamicPseudoType, type Type } from "../lang/values/types.js";
import type { Value } from "../lang/values/value.js";
import { decodeCheckRule, decodeDependsOn } from "./decode-common.js";
import type { CheckRule, Local, Output, Variable } from "./model.js";
import { checkIdentifier } from "./names.js";
import { moduleBlockSchema, outputBlockSchema, variableBlockSchema } from "./schemas.js";
import { constValue, decodeConstBool, decodeConstString } from "./static.js";
import { variableTypeConstraint } from "./variable-type.js";

/** Names that would collide with a `module` block's own arguments, so a caller could never set them. */
const reservedVariableNames = new Set([
  ...(moduleBlockSchema.attributes ?? []).map((a) => a.name),
  ...(moduleBlockSchema.blocks ?? []).map((b) => b.type),
]);

export function decodeVariable(block: ContentBlock, diags: Diagnostic[]): Variable {
  const name = block.labels[0]!;
  const { content, diags: d } = block.body.content(variableBlockSchema);
  diags.push(...d);
  checkIdentifier(name, "Invalid variable name", block.labelRanges[0]!, diags);
  if (reservedVariableNames.has(name)) {
    diags.push(
      errorDiag(
        "Invalid variable name",
        `The variable name "${name}" is reserved due to its special meaning inside module blocks.`,
        block.labelRanges[0],
      ),
    );
  }
  const attrs = content.attributes;
  let description = "";
  const descAttr = attrs.get("description");
  if (descAttr !== undefined) description = decodeConstString(descAttr.expr, diags) ?? "";
  let constraintType: Type = DynamicPseudoType;
  const typeAttr = attrs.get("type");
  if (typeAttr !== undefined) {
    const t = variableTypeConstraint(typeAttr.expr);
    diags.push(...t.diags);
    constraintType = t.type;
  }
  const sensAttr = attrs.get("sensitive");
  const sensitive = sensAttr !== undefined ? (decodeConstBool(sensAttr.expr, diags) ?? false) : false;
  const nullAttr = attrs.get("nullable");
  // Nullable defaults to true in the current language edition.
  const nullable = nullAttr !== undefined ? (decodeConstBool(nullAttr.expr, diags) ?? true) : true;

  let def: Value | undefined;
  const defAttr = attrs.get("default");
  if (defAttr !== undefined) {
    const before = diags.length;
    let val = constValue(defAttr.expr, diags);
    if (diags.length === before) {
      const c = convert(val, constraintType);
      if (c.ok) {
        val = c.value;
      } else {
        const where = c.path !== undefined && c.path.length > 0 ? `${formatPath(c.path)}: ` : "";
        diags.push(
          errorDiag(
            "Invalid default value for variable",
            `This default value is not compatible with the variable's type constraint: ${where}${c.message}.`,
            defAttr.expr.range,
          ),
        );
      }
      if (!nullable && val.isNull()) {
        diags.push(
          errorDiag("Invalid default value for variable", "A null default value is not valid when nullable=false.", defAttr.expr.range),
        );
      }
    }
    def = val;
  }

  const validations: CheckRule[] = [];
  for (const b of content.blocks) {
    const before = diags.length;
    const rule = decodeCheckRule(b, diags);
    if (rule === undefined) continue;
    validations.push(rule);
    // Terraform: a validation rule exists to test the incoming value, so it must look at it.
    const self = expressionReferences(rule.condition).some((t) => t[0]?.kind === "root" && t[0].name === "var" && t[1]?.kind === "attr" && t[1].name === name);
    if (!self && !hasErrors(diags.slice(before))) {
      diags.push(
        errorDiag(
          "Invalid variable validation condition",
          `The condition for variable "${name}" must refer to var.${name} in order to test incoming values.`,
          rule.condition.range,
        ),
      );
    }
  }
  return {
    name,
    description,
    descriptionSet: descAttr !== undefined,
    constraintType,
    typeSet: typeAttr !== undefined,
    ...(def !== undefined ? { default: def, defaultExpr: defAttr!.expr } : {}),
    sensitive,
    nullable,
    validations,
    declRange: block.defRange,
  };
}

export function decodeLocals(body: SyntaxBody, diags: Diagnostic[]): Local[] {
  const { attributes, diags: d } = body.justAttributes();
  diags.push(...d);
  const out: Local[] = [];
  for (const attr of attributes.values()) {
    checkIdentifier(attr.name, "Invalid local value name", attr.nameRange, diags);
    out.push({ name: attr.name, expr: attr.expr, declRange: attr.range });
  }
  return out;
}

export function decodeOutput(block: ContentBlock, diags: Diagnostic[]): Output {
  const name = block.labels[0]!;
  const { content, diags: d } = block.body.content(outputBlockSchema);
  diags.push(...d);
  checkIdentifier(name, "Invalid output name", block.labelRanges[0]!, diags);
  const attrs = content.attributes;
  const descAttr = attrs.get("description");
  const sensAttr = attrs.get("sensitive");
  const depAttr = attrs.get("depends_on");
  const preconditions: CheckRule[] = [];
  for (const b of content.blocks) {
    if (b.type === "postcondition") {
      diags.push(errorDiag("Postconditions are not allowed", "Output values can only have preconditions, not postconditions.", b.typeRange));
      continue;
    }
    const rule = decodeCheckRule(b, diags);
    if (rule !== undefined) preconditions.push(rule);
  }
  const valueExpr = attrs.get("value")?.expr;
  return {
    name,
    ...(valueExpr !== undefined ? { expr: valueExpr } : {}),
    description: descAttr !== undefined ? (decodeConstString(descAttr.expr, diags) ?? "") : "",
    sensitive: sensAttr !== undefined ? (decodeConstBool(sensAttr.expr, diags) ?? false) : false,
    dependsOn: depAttr !== undefined ? decodeDependsOn(depAttr.expr, diags) : [],
    preconditions,
    declRange: block.defRange,
  };
}
