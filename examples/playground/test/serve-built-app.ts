// Serves the built playground (examples/playground/dist, from `vite build`) on a local port
// for the browser tests: the page under test is the one that would be hosted.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { preview } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

export default async function setup(project: TestProject) {
  if (!existsSync(`${root}/dist/index.html`)) {
    throw new Error('examples/playground/dist is missing: `pnpm test:browser` builds it first (pnpm --filter ./examples/playground build)');
  }
  const server = await preview({ root, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('the preview server has no port');
  project.provide('playgroundUrl', `http://127.0.0.1:${address.port}/`);
  return async () => {
    await server.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    playgroundUrl: string;
  }
}
