import { register as e } from 'tsx/esm/api';
import { register as c } from 'tsx/cjs/api';
import { pathToFileURL } from 'node:url';
if (process.argv[3] !== 'cjsonly') e();
if (process.argv[3] !== 'esmonly') c();
const ns = await import(pathToFileURL(process.argv[2]).href);
console.log(Object.keys(ns));
