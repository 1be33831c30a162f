// Field errors in Kubernetes' form: `spec.replicas: Invalid value: -1: must be greater than or equal to 0`.

export type FieldErrorType =
  | "FieldValueRequired"
  | "FieldValueInvalid"
  | "FieldValueNotSupported"
  | "FieldValueDuplicate"
  | "FieldValueForbidden"
  | "FieldValueNotFound";

export interface FieldError {
  type: FieldErrorType;
  field: string;
  badValue?: unknown;
  detail: string;
}

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: "Required value",
  FieldValueInvalid: "Invalid value",
  FieldValueNotSupported: "Unsupported value",
  FieldValueDuplicate: "Duplicate value",
  FieldValueForbidden: "Forbidden",
  FieldValueNotFound: "Not found",
};

/** Renders a bad value the way Go's %#v-ish printing in apimachinery shows it: strings quoted, numbers bare. */
function showValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v === null || v === undefined) return "null";
  return JSON.stringify(v);
}

/** The message without the field path, as in a Status cause. */
export function errorBody(e: FieldError): string {
  const head = TYPE_TEXT[e.type];
  const withValue = e.type === "FieldValueInvalid" || e.type === "FieldValueNotSupported" || e.type === "FieldValueDuplicate" || e.type === "FieldValueNotFound";
  let s = withValue ? `${head}: ${showValue(e.badValue)}` : head;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** `Deployment.apps "web" is invalid: spec.replicas: ...` (several errors are bracketed as Kubernetes does). */
export function invalidMessage(kind: string, group: string, name: string, errors: readonly FieldError[]): string {
  const qualified = group ? `${kind}.${group}` : kind;
  const list = errors.map(formatFieldError);
  const body = list.length === 1 ? list[0] : `[${list.join(", ")}]`;
  return `${qualified} "${name}" is invalid: ${body}`;
}

export const required = (field: string, detail = ""): FieldError => ({ type: "FieldValueRequired", field, detail });
export const invalid = (field: string, badValue: unknown, detail: string): FieldError => ({
  type: "FieldValueInvalid", field, badValue, detail,
});
export const notSupported = (field: string, badValue: unknown, supported: readonly string[]): FieldError => ({
  type: "FieldValueNotSupported", field, badValue,
  detail: `supported values: ${supported.map((s) => JSON.stringify(s)).join(", ")}`,
});
export const duplicate = (field: string, badValue: unknown): FieldError => ({ type: "FieldValueDuplicate", field, badValue, detail: "" });
export const forbidden = (field: string, detail: string): FieldError => ({ type: "FieldValueForbidden", field, detail });
export const notFound = (field: string, badValue: unknown): FieldError => ({ type: "FieldValueNotFound", field, badValue, detail: "" });
