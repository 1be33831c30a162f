// Kubernetes `Status` objects for every failure the API reports, and the ApiError that carries one.
import type { FieldError } from "../objects/field-errors.js";
import { errorBody, invalidMessage } from "../objects/field-errors.js";
import type { KindInfo } from "../objects/kinds.js";

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Success" | "Failure";
  message: string;
  reason: string;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
  code: number;
}

export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): string {
    return this.status.reason;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

function failure(code: number, reason: string, message: string, details?: Status["details"]): ApiError {
  const s: Status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code };
  if (details) s.details = details;
  return new ApiError(s);
}

/** `pods`, or `deployments.apps` for a named group, as Kubernetes names resources in messages. */
export function qualifiedResource(info: KindInfo): string {
  return info.group ? `${info.plural}.${info.group}` : info.plural;
}

export const Errors = {
  notFound: (info: KindInfo, name: string) =>
    failure(404, "NotFound", `${qualifiedResource(info)} "${name}" not found`, { name, group: info.group || undefined, kind: info.plural }),
  namespaceNotFound: (ns: string) =>
    failure(404, "NotFound", `namespaces "${ns}" not found`, { name: ns, kind: "namespaces" }),
  alreadyExists: (info: KindInfo, name: string) =>
    failure(409, "AlreadyExists", `${qualifiedResource(info)} "${name}" already exists`, { name, group: info.group || undefined, kind: info.plural }),
  conflict: (info: KindInfo, name: string) =>
    failure(
      409,
      "Conflict",
      `Operation cannot be fulfilled on ${qualifiedResource(info)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      { name, group: info.group || undefined, kind: info.plural },
    ),
  invalid: (info: KindInfo, name: string, errors: readonly FieldError[]) =>
    failure(422, "Invalid", invalidMessage(info.kind, info.group, name, errors), {
      name,
      group: info.group || undefined,
      kind: info.kind,
      causes: errors.map((e) => ({ reason: e.type, message: errorBody(e), field: e.field })),
    }),
  /** An admission refusal (quota, limit range): `pods "web" is forbidden: exceeded quota: ...`. */
  forbidden: (info: KindInfo, name: string, reason: string) =>
    failure(403, "Forbidden", `${qualifiedResource(info)} "${name}" is forbidden: ${reason}`, { name, group: info.group || undefined, kind: info.plural }),
  /** A server-side apply that would take fields another manager owns (without force). */
  applyConflict: (message: string, causes: StatusCause[]) => failure(409, "Conflict", message, { causes }),
  badRequest: (message: string) => failure(400, "BadRequest", message),
  unprocessable: (message: string) => failure(422, "UnprocessableEntity", message),
  unauthorized: () => failure(401, "Unauthorized", "Unauthorized"),
  pathNotFound: (path: string) => failure(404, "NotFound", `the server could not find the requested resource (${path})`),
  methodNotAllowed: (method: string) => failure(405, "MethodNotAllowed", `the server does not allow this method on the requested resource (${method})`),
  tooLarge: (limit: number) => failure(413, "RequestEntityTooLarge", `Request entity too large: limit is ${limit}`),
  unsupportedMediaType: (type: string) => failure(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml (got ${type || "none"})`),
  notAcceptable: (accept: string) => failure(406, "NotAcceptable", `only the following media types are accepted: application/json (got ${accept})`),
  expired: (message: string) => failure(410, "Expired", message),
  internal: (message: string) => failure(500, "InternalError", `Internal error occurred: ${message}`),
  /** The store behind the API (etcd) is unreachable or has no quorum. */
  unavailable: (message: string) => failure(503, "ServiceUnavailable", message),
};
