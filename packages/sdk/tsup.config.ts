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
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
