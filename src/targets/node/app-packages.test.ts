/** Packages as the app resolves them: aliases, subpath exports, and the very module instance the app loaded. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { dependencyNames, loadAsApp, packageOf } from './app-packages.js';
import { importNatively } from './load-module.js';

const APP = resolve(import.meta.dirname, '../../../test/apps/node/hono-node-server-2-app.ts');

test('an alias resolves to the package it names, with its real name inside', () => {
  expect(dependencyNames(APP)).toContain('@hono/node-server-2');
  expect(packageOf(APP, '@hono/node-server-2')?.json).toMatchObject({ name: '@hono/node-server', version: expect.stringMatching(/^2\./) });
  expect(packageOf(APP, '@hono/node-server')?.json.version).toMatch(/^1\./);
  expect(packageOf(APP, 'no-such-package-here')).toBeUndefined();
});

test('an ESM app gets the module instance its own import loaded (subpath exports included)', async () => {
  const file = resolve(import.meta.dirname, '../../../node_modules/@hono/node-server-2/dist/index.mjs');
  const theApps = await importNatively(pathToFileURL(file).href);
  expect(await loadAsApp(APP, '@hono/node-server-2')).toBe(theApps);
  const router = await loadAsApp(APP, 'hono/router/trie-router');
  expect(typeof router?.TrieRouter).toBe('function');
});

test('a CommonJS app gets require()', async () => {
  const cjsApp = resolve(import.meta.dirname, '../../../test/apps/node/express4-app.cjs');
  const mod = await loadAsApp(cjsApp, 'express4');
  expect(typeof mod).toBe('function');
});
