/** Exports that are not apps, for the bad-input tests. */
export default { hello: 'world', port: 3000 };
export const port = 3000;

export function createNothing() {
  return null;
}

export async function createFailing(): Promise<never> {
  await Promise.resolve();
  throw new Error('database unreachable');
}
