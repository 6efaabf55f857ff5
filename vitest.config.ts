import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run the packages' TypeScript sources; plugins loaded from dist resolve to the same modules.
    alias: {
      '@handshake/sdk': source('./packages/sdk/src/index.ts'),
      '@handshake/core': source('./packages/core/src/index.ts'),
      '@handshake/testing': source('./packages/testing/src/index.ts'),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'plugins/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
