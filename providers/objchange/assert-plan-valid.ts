// Checking a provider's planned state against the configuration (Terraform's objchange.AssertPlanValid,
// simplified): a provider may choose values only where the schema lets it (computed attributes, or keeping
// the prior value as equivalent to the configured one); everything else must be exactly what the user
// configured. A violation is a provider bug, reported as Terraform reports it:
//   Provider "…" planned an invalid value for ADDR.attr: planned value … does not match config value ….
// Nested blocks and attributes of a nested type are checked object by object (list by index, map by key),
// sets only by element count, since
// their elements cannot be correlated reliably (Terraform trusts the provider there too).

import { type Diagnostic, errorDiag } from "../../lang/diagnostics.js";
import { type PathStep, formatPath } from "../../lang/values/convert.js";
import { typeConformanceError } from "../../lang/values/types.js";
import { type Value, nullVal, numberVal, rawEquals, stringVal } from "../../lang/values/value.js";
import { type AttributeSchema, type BlockSchema, type NestedBlockSchema, attributesOf, impliedType, nestedBlocksOf, nestedTypeAsBlock } from "../schema.js";
import { valueGoString } from "./go-string.js";
import { elementsOf, entriesOf, getAttr } from "./object-access.js";

export interface PlanToCheck {
  readonly schema: BlockSchema;
  readonly prior: Value;
  readonly config: Value;
  readonly planned: Value;
  /** The provider's source address, e.g. terraform.io/builtin/terraform. */
  readonly provider: string;
  /** The resource instance address, e.g. terraform_data.a[0]. */
  readonly address: string;
}

interface PathError {
  readonly path: readonly PathStep[];
  readonly message: string;
}

export function assertPlanValid(p: PlanToCheck): Diagnostic[] {
  const errs: PathError[] = [];
  const conformance = p.planned.isNull() ? undefined : typeConformanceError(p.planned.type, impliedType(p.schema));
  if (conformance !== undefined) errs.push({ path: [], message: conformance });
  else checkObject(p.schema, p.prior, p.config, p.planned, [], errs);
  return errs.map((e) => {
    const d = errorDiag(
      "Provider produced invalid plan",
      `Provider "${p.provider}" planned an invalid value for ${p.address}${formatPath(e.path)}: ${e.message}.\n\nThis is a bug in the provider, which should be reported in the provider's own issue tracker.`,
    );
    return { ...d, address: p.address };
  });
}

function checkObject(block: BlockSchema, prior: Value, config: Value, planned: Value, path: readonly PathStep[], errs: PathError[]): void {
  if (planned.isNull()) {
    if (!config.isNull()) errs.push({ path, message: "planned for absence but config wants existence" });
    return;
  }
  if (config.isNull()) {
    errs.push({ path, message: "planned for existence but config wants absence" });
    return;
  }
  if (!config.isKnown() || !planned.isKnown()) return;
  for (const [name, attr] of attributesOf(block)) {
    const at = [...path, { kind: "attr", name } as const];
    checkAttribute(attr, getAttr(prior, name), getAttr(config, name), getAttr(planned, name), at, errs);
  }
  for (const [name, nb] of nestedBlocksOf(block)) {
    const at = [...path, { kind: "attr", name } as const];
    checkNested(nb, getAttr(prior, name), getAttr(config, name), getAttr(planned, name), at, errs);
  }
}

function checkAttribute(attr: AttributeSchema, prior: Value, config: Value, planned: Value, path: readonly PathStep[], errs: PathError[]): void {
  // Unchanged from the configuration: always fine.
  if (rawEquals(planned, config)) return;
  // The prior value kept although the configuration differs: the provider judged them equivalent.
  if (rawEquals(planned, prior) && !prior.isNull() && !config.isNull()) return;
  const optional = attr.optional === true || attr.required === true;
  // A computed-only attribute is the provider's to decide.
  if (attr.computed === true && !optional) return;
  // An optional+computed attribute left unset: the provider may fill it in.
  if (config.isNull() && attr.computed === true) return;
  // A nested attribute type: its objects are checked attribute by attribute, as nested blocks are.
  if (attr.nestedType !== undefined && !config.isNull() && !planned.isNull()) {
    checkNested(nestedTypeAsBlock(attr.nestedType), prior, config, planned, path, errs);
    return;
  }
  const sensitive = attr.sensitive === true;
  if (config.isNull() && !planned.isNull()) {
    errs.push({
      path,
      message: sensitive ? "planned value for a non-computed attribute" : `planned value ${valueGoString(planned)} for a non-computed attribute`,
    });
    return;
  }
  if (prior.isNull()) {
    errs.push({
      path,
      message: sensitive
        ? "sensitive planned value does not match config value"
        : `planned value ${valueGoString(planned)} does not match config value ${valueGoString(config)}`,
    });
    return;
  }
  errs.push({
    path,
    message: sensitive
      ? "sensitive planned value does not match config value nor prior value"
      : `planned value ${valueGoString(planned)} does not match config value ${valueGoString(config)} nor prior value ${valueGoString(prior)}`,
  });
}

function checkNested(nb: NestedBlockSchema, prior: Value, config: Value, planned: Value, path: readonly PathStep[], errs: PathError[]): void {
  if (!config.isKnown()) return; // a dynamic block over an unknown collection: anything may come of it
  switch (nb.nesting) {
    case "single":
    case "group":
      checkObject(nb.block, prior, config, planned, path, errs);
      return;
    case "list": {
      const c = elementsOf(config);
      const p = elementsOf(planned);
      if (c.length !== p.length) {
        errs.push({ path, message: `block count in plan (${p.length}) disagrees with count in config (${c.length})` });
        return;
      }
      const pr = elementsOf(prior);
      for (let i = 0; i < c.length; i++) {
        const priorElem = pr[i] ?? nullOf(nb);
        checkObject(nb.block, priorElem, c[i]!, p[i]!, [...path, { kind: "index", key: numberVal(i) }], errs);
      }
      return;
    }
    case "map": {
      const c = entriesOf(config);
      const p = entriesOf(planned);
      const pr = entriesOf(prior);
      for (const k of new Set([...c.keys(), ...p.keys()])) {
        const at = [...path, { kind: "index", key: stringVal(k) } as const];
        checkObject(nb.block, pr.get(k) ?? nullOf(nb), c.get(k) ?? nullOf(nb), p.get(k) ?? nullOf(nb), at, errs);
      }
      return;
    }
    case "set": {
      if (!config.isWhollyKnown()) return;
      const c = elementsOf(config).length;
      const p = elementsOf(planned).length;
      if (c !== p) errs.push({ path, message: `block set length in plan (${p}) disagrees with count in config (${c})` });
      return;
    }
  }
}

/** A null object of the block's type, for a block with no counterpart on one side. */
function nullOf(nb: NestedBlockSchema): Value {
  return nullVal(impliedType(nb.block));
}
