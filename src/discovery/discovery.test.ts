import { describe, expect, test } from 'vitest';
import { filterRoutes, globMatch, literalPaths } from './filter.js';
import { fillTemplate, paramsOf, websocketRoute } from './route.js';

describe('templates', () => {
  test('params of every syntax, with types', () => {
    expect(paramsOf('/ws/chat/:room')).toEqual([{ name: 'room', type: 'str' }]);
    expect(paramsOf('/ws/{room_id:str}/{n:int}/{id:uuid}/{rest:path}')).toEqual([
      { name: 'room_id', type: 'str' },
      { name: 'n', type: 'int' },
      { name: 'id', type: 'uuid' },
      { name: 'rest', type: 'path' },
    ]);
    expect(paramsOf('/items/{item_id}')).toEqual([{ name: 'item_id', type: 'str' }]);
    expect(paramsOf('/ws/:id{[0-9]+}/x')).toEqual([{ name: 'id', type: 'str' }]);
  });

  test('fill', () => {
    expect(fillTemplate('/ws/{room_id:str}/:tag', { room_id: 'a%20b', tag: 't' })).toBe('/ws/a%20b/t');
  });
});

describe('include/exclude', () => {
  const routes = ['/ws/chat', '/ws/internal/debug', '/ws/admin/x', '/ws/chat/{room_id:str}', '/ws/rooms/:room'].map((p) => websocketRoute(p));
  const paths = (inc: string[], exc: string[]) => filterRoutes(routes, inc, exc).map((r) => r.path);

  test('globs are fnmatch (pytest-routes): * crosses /, ** is the same', () => {
    expect(paths(['/ws/*'], [])).toEqual(['/ws/chat', '/ws/internal/debug', '/ws/admin/x', '/ws/chat/{room_id:str}', '/ws/rooms/:room']);
    expect(paths(['/ws/**'], ['/ws/internal/*', '/ws/admin/*'])).toEqual(['/ws/chat', '/ws/chat/{room_id:str}', '/ws/rooms/:room']);
    expect(paths(['/ws/*/debug'], [])).toEqual(['/ws/internal/debug']);
  });

  test("the issue's examples: /nested/* and /ws/admin/*", () => {
    const more = ['/nested/ws/inner', '/nested', '/ws/admin/users/feed', '/ws/feed'].map((p) => websocketRoute(p));
    expect(filterRoutes(more, ['/nested/*'], []).map((r) => r.path)).toEqual(['/nested/ws/inner']);
    expect(filterRoutes(more, [], ['/ws/admin/*']).map((r) => r.path)).toEqual(['/nested/ws/inner', '/nested', '/ws/feed']);
    expect(globMatch('/ws/*', '/ws')).toBe(false);
  });

  test('templates match literally', () => {
    expect(paths(['/ws/chat/{room_id:str}'], [])).toEqual(['/ws/chat/{room_id:str}']);
    expect(paths(['/ws/rooms/:room'], [])).toEqual(['/ws/rooms/:room']);
    expect(paths(['/ws/chat/*'], [])).toEqual(['/ws/chat/{room_id:str}']);
  });

  test('literal paths usable as routes', () => {
    expect(literalPaths(['/ws/a', '/ws/*', 'x'])).toEqual(['/ws/a']);
  });
});
