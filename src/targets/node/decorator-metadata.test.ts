import 'reflect-metadata';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { nearestTsconfig } from './decorator-metadata.js';
import { loadModule } from './load-module.js';

const NEST = resolve(import.meta.dirname, '../../../test/apps/node/nest');
/** The names of a class's constructor parameter types, as its metadata says. */
const paramTypes = (target: unknown): unknown =>
  (Reflect.getMetadata('design:paramtypes', target as object) as Array<{ name: string }> | undefined)?.map((t) => t.name);

describe('TypeScript as the app’s own tsconfig says', () => {
  test('the nearest tsconfig.json is the app’s, in its folder or above', () => {
    expect(nearestTsconfig(resolve(NEST, 'src/calculator/calculator.gateway.ts'))).toBe(resolve(NEST, 'tsconfig.json'));
    expect(nearestTsconfig(resolve(NEST, '../ws-app.ts'))).toBe(resolve(NEST, '../../../../tsconfig.json'));
  });

  test('decorator metadata is emitted for an ES module (esbuild alone emits none)', async () => {
    const gateway = await loadModule(resolve(NEST, 'src/calculator/calculator.gateway.ts'));
    expect(paramTypes(gateway.CalculatorGateway)).toEqual(['CalculatorService']);
  });

  test('and for a CommonJS module', async () => {
    const gateway = await loadModule(resolve(NEST, 'cjs/chat.gateway.ts'));
    expect(paramTypes(gateway.ChatGateway)).toEqual(['RoomsService']);
  });
});
