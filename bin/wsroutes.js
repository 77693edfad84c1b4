#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/ (npm run build).
import { main } from '../dist/cli/main.js';

// exit explicitly: an in-process app may leave timers of its own behind (stdout/stderr writes are synchronous on Linux pipes and files).
process.exit(await main(process.argv.slice(2)));
