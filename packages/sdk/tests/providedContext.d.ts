import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Endpoint of the moto emulator the test run shares. */
    awsEndpoint: string;
  }
}
