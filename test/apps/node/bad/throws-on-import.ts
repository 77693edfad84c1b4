// Fails while loading, as an app whose config is missing would.
throw new Error('DATABASE_URL is not set');
