// A test's status (Terraform's moduletest.Status): ordered so that merging two keeps the one that says more:
// a file with a passed and a failed run has failed, one with an error has errored.

export type TestStatus = "pending" | "skip" | "pass" | "fail" | "error";

const rank: Readonly<Record<TestStatus, number>> = { pending: 0, skip: 1, pass: 2, fail: 3, error: 4 };

export function mergeStatus(a: TestStatus, b: TestStatus): TestStatus {
  return rank[b] > rank[a] ? b : a;
}

/** Nothing ran: no run passed, failed or errored. */
export function ranNothing(s: TestStatus): boolean {
  return rank[s] <= rank.skip;
}
