import { describe, expect, test } from 'vitest';
import { overridesFor } from './route-overrides.js';

describe('overridesFor', () => {
  test('no override: nothing changes', () => {
    expect(overridesFor('/ws/chat', [])).toEqual({});
    expect(overridesFor('/ws/chat', [{ pattern: '/api/*', skip: true }])).toEqual({});
  });

  test('a glob is fnmatch, as pytest-routes: * crosses /', () => {
    expect(overridesFor('/ws/chat', [{ pattern: '/ws/*', maxExamples: 5 }])).toEqual({ maxExamples: 5 });
    expect(overridesFor('/ws/rooms/lobby', [{ pattern: '/ws/*', skip: true }])).toEqual({ skip: true });
    expect(overridesFor('/ws/rooms/lobby', [{ pattern: '/ws/**', skip: true }])).toEqual({ skip: true });
    expect(overridesFor('/api/rooms/lobby', [{ pattern: '/ws/*', skip: true }])).toEqual({});
  });

  test('the last matching entry wins, whole', () => {
    const overrides = [
      { pattern: '/ws/**', skip: true },
      { pattern: '/ws/chat', maxExamples: 7 },
      { pattern: '/ws/internal/*', maxExamples: 1 },
    ];
    expect(overridesFor('/ws/chat', overrides)).toEqual({ maxExamples: 7 });
    expect(overridesFor('/ws/feed', overrides)).toEqual({ skip: true });
    expect(overridesFor('/ws/internal/x', overrides)).toEqual({ maxExamples: 1 });
  });

  test('a route template matches itself literally', () => {
    expect(overridesFor('/ws/chat/{room_id}', [{ pattern: '/ws/chat/{room_id}', skip: true }])).toEqual({ skip: true });
    expect(overridesFor('/ws/rooms/:room', [{ pattern: '/ws/rooms/:room', maxExamples: 3 }])).toEqual({ maxExamples: 3 });
  });
});
