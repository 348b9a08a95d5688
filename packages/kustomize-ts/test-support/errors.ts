import { KustomizeError } from "../src/errors.ts";

/** The KustomizeError `fn` throws; any other outcome fails the test. */
export function errorOf(fn: () => unknown): KustomizeError {
  try {
    fn();
  } catch (e) {
    if (e instanceof KustomizeError) return e;
    throw e;
  }
  throw new Error("expected a KustomizeError");
}
