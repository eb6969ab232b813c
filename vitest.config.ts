import { configDefaults, defineConfig } from 'vitest/config';

// Two tiers. "unit": the core rules with mocked AWS clients (aws-sdk-client-mock), no emulator, no
// Python — `npm run test:unit` runs them in seconds. "emulator": everything else, against one moto
// server (DynamoDB serialized) for the whole run; each test file provisions its own resources under
// a unique prefix, so files run in parallel without sharing state. `npm test` runs both.
const unitTests = ['packages/*/tests/unit/**/*.test.ts'];

export default defineConfig({
  // The workspace packages resolve to their TypeScript sources (their "store-front-source" export
  // condition), so tests never need a build. A custom name, not "development": bundlers set that one
  // for consumers of the published package, which ships only dist/.
  ssr: { resolve: { conditions: ['store-front-source', 'node', 'development|production'] } },
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A poll waits for something the page or a background worker does; on a busy machine that takes longer than a second.
    expect: { poll: { timeout: 10_000 } },
    // The AWS SDK warns on every Node 20 process; the warning is about future releases, not this run.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      { extends: true, test: { name: 'unit', include: unitTests } },
      {
        extends: true,
        test: {
          name: 'emulator',
          include: ['packages/*/tests/**/*.test.ts', 'examples/*/tests/**/*.test.ts', 'docs/tests/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...unitTests],
          globalSetup: ['packages/local/tests/emulatorSetup.ts'],
        },
      },
    ],
  },
});
