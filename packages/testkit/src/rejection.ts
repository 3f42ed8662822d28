/**
 * What a promise rejected with, typed as `E`; a promise that resolves fails the test instead. For calls whose
 * success value has nothing in common with an error (`complete()`'s result).
 */
export async function rejection<E = unknown>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise
  } catch (caught) {
    return caught as E
  }
  throw new Error('expected the promise to reject, but it resolved')
}
