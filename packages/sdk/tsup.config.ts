import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    http: 'src/http/index.ts',
    resources: 'src/entries/resources.ts',
    workers: 'src/entries/workers.ts',
    schemas: 'src/entries/schemas.ts',
    images: 'src/images/index.ts',
  },
  format: ['esm', 'cjs'],
  // Shared chunks for CJS too, so the entries share one copy of each module (one StorefrontError class).
  splitting: true,
  dts: true,
  // No source maps: tsup's maps embed the whole TypeScript source (sourcesContent), which the package does not ship.
  sourcemap: false,
  clean: true,
  target: 'node20',
});
