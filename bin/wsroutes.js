#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/ (npm run build).
import { main } from '../dist/cli/main.js';
import { exitProcess } from '../dist/targets/node/process-exit.js';

// exit explicitly: an in-process app may leave timers of its own behind (stdout/stderr writes are synchronous on Linux pipes and files).
// exitProcess, not process.exit: that one is guarded while an in-process app is loaded.
exitProcess(await main(process.argv.slice(2)));
