import { register as e } from 'tsx/esm/api';
import { register as c } from 'tsx/cjs/api';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
e(); c();
if (process.argv[3] === 'require') { const m = createRequire(import.meta.url)(process.argv[2]); console.log('req', Object.keys(m)); }
else { const ns = await import(pathToFileURL(process.argv[2]).href); console.log('imp', Object.keys(ns)); }
