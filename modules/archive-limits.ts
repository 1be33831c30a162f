// How much a module archive may unpack to. A few kilobytes of gzip or zip can claim gigabytes (an "archive
// bomb"), so extraction counts as it goes and stops at the first byte or entry over the limit. Real module
// packages are far below the defaults; an operator with a larger one raises them in the environment.

export interface ArchiveLimits {
  /** The most bytes the archive may unpack to (a tar stream's headers count too). */
  readonly maxBytes: number;
  /** The most entries (files, directories, links) the archive may contain. */
  readonly maxEntries: number;
}

export const MAX_BYTES_ENV = "CAIRN_MODULE_ARCHIVE_MAX_BYTES";
export const MAX_ENTRIES_ENV = "CAIRN_MODULE_ARCHIVE_MAX_ENTRIES";
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxBytes: 64 * 1024 * 1024, maxEntries: 10_000 };

/** The limits the environment sets, or why a setting is not usable. */
export function archiveLimitsFromEnv(env: NodeJS.ProcessEnv): { limits: ArchiveLimits } | { error: string } {
  const maxBytes = positive(env, MAX_BYTES_ENV, DEFAULT_ARCHIVE_LIMITS.maxBytes);
  if (typeof maxBytes === "string") return { error: maxBytes };
  const maxEntries = positive(env, MAX_ENTRIES_ENV, DEFAULT_ARCHIVE_LIMITS.maxEntries);
  if (typeof maxEntries === "string") return { error: maxEntries };
  return { limits: { maxBytes, maxEntries } };
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number | string {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw.trim());
  if (!Number.isSafeInteger(n) || n < 1) return `${name} must be a positive whole number, not "${raw}"`;
  return n;
}
