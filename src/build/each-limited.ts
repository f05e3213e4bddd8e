// Bounded concurrency for the build's file work: read, prepare or copy many files, a few at a
// time, in order of starting.

/**
 * Runs `task` over `items`, at most `limit` at a time. On the first failure no more are started;
 * it throws that failure once every task started has settled (so that nothing is still writing
 * into a folder the caller is about to remove).
 */
export async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  await Promise.all(
    Array.from({ length: Math.max(0, Math.min(limit, items.length)) }, async () => {
      for (let i = next++; i < items.length && !failure; i = next++) {
        try {
          await task(items[i] as T, i);
        } catch (error) {
          failure ??= { error };
        }
      }
    }),
  );
  if (failure) throw failure.error;
}
