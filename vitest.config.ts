import { defineConfig } from 'vitest/config';

// One emulator (moto, DynamoDB serialized) for the whole run; each test file provisions its own
// resources under a unique prefix, so files run in parallel without sharing state.
export default defineConfig({
  // The workspace packages resolve to their TypeScript sources (their "store-front-source" export
  // condition), so tests never need a build. A custom name, not "development": bundlers set that one
  // for consumers of the published package, which ships only dist/.
  ssr: { resolve: { conditions: ['store-front-source', 'node', 'development|production'] } },
  test: {
    include: ['packages/*/tests/**/*.test.ts', 'examples/*/tests/**/*.test.ts', 'docs/tests/**/*.test.ts'],
    globalSetup: ['packages/local/tests/emulatorSetup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The AWS SDK warns on every Node 20 process; the warning is about future releases, not this run.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
