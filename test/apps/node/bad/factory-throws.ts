// A factory that fails at start-up.
export default async function createApp(): Promise<never> {
  throw new Error('cannot connect to redis');
}
