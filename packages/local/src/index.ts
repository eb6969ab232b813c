/**
 * `@store-front/local`: the local stack behind `npm start` — a local AWS emulator (moto), the
 * resources provisioned from the SDK's shared definitions, the API handler behind a stand-in for API
 * Gateway with its SigV4 check, and the pipes, queue pollers and schedules that AWS would run.
 *
 * @packageDocumentation
 */
export { startLocalStack } from './startLocalStack.js';
export type { LocalStack, StartLocalStackOptions } from './startLocalStack.js';
export { startEmulator } from './emulator.js';
export type { RunningEmulator, StartEmulatorOptions } from './emulator.js';
export { localWiring, startWiring } from './wiring.js';
export type { Stoppable, WiringContext, WiringEntry } from './wiring.js';
export { createLocalApiServer } from './createLocalApiServer.js';
export type { LocalApiServerOptions } from './createLocalApiServer.js';
export { SigV4Verifier } from './SigV4Verifier.js';
export type { SignedRequest, SigV4VerifierOptions } from './SigV4Verifier.js';
export { PipeRunner } from './pipeRunner.js';
export type { PipeRunnerOptions } from './pipeRunner.js';
