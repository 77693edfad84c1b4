/** A module that throws while it is imported. */
const config: { port?: number } = {};
if (config.port === undefined) throw new Error('PORT is not configured');
export default config;
