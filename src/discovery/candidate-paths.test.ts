import { describe, expect, test } from 'vitest';
import { candidatePaths } from './candidate-paths.js';

describe('candidate route paths from source text', () => {
  test('path literals of JavaScript and Python, each with its trailing slash toggled; templates filled for the probe', () => {
    const js = `server.on('upgrade', (req) => { if (req.url === '/hello') ok(); else if (url.pathname === "/rooms/:room") room(); });`;
    const py = `if scope["path"] == "/idle": ...\napp.mount(r"/graphql", gql)\nroute = '/ws/<int:n>'`;
    expect(candidatePaths([js, py])).toEqual([
      { template: '/hello', probe: '/hello' },
      { template: '/hello/', probe: '/hello/' },
      { template: '/rooms/:room', probe: '/rooms/probe' },
      { template: '/rooms/:room/', probe: '/rooms/probe/' },
      { template: '/idle', probe: '/idle' },
      { template: '/idle/', probe: '/idle/' },
      { template: '/graphql', probe: '/graphql' },
      { template: '/graphql/', probe: '/graphql/' },
      { template: '/ws/{n}', probe: '/ws/probe' },
      { template: '/ws/{n}/', probe: '/ws/probe/' },
    ]);
  });

  test('not paths: assets, URLs, text with spaces, protocol-relative links, a lone slash twice', () => {
    const text = `'/static/app.js' "/logo.png" 'https://x.example/ws' "/ not a path" '//cdn.example/x' '/' "/"`;
    expect(candidatePaths([text])).toEqual([{ template: '/', probe: '/' }]);
  });
});
