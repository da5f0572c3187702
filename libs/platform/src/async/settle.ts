/**
 * The promise's value, or the error it failed with, as a value: work done for several callers at
 * once (a batch) gives each its own outcome, and one caller's failure stays its own.
 */
export async function settle<T>(promise: Promise<T>): Promise<T | Error> {
  try {
    return await promise;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
