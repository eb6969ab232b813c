/**
 * `@store-front/local`: the local stack behind `npm start` — a local AWS emulator (moto), the
 * resources provisioned from the SDK's shared definitions, the API handler behind a stand-in for API
 * Gateway with its SigV4 check, and the pipes, queue pollers and schedules that AWS would run.
 *
 * @example
 * ```ts
 * import { startLocalStack } from '@store-front/local';
 *
 * const stack = await startLocalStack({ port: 0 }); // a free port
 * console.log(stack.url); // the API and its OpenAPI document
 * await stack.stop();
 * ```
 *
 * @module @store-front/local
 */
export { startLocalStack } from './startLocalStack.js';
export type { LocalStack, StartLocalStackOptions } from './startLocalStack.js';
export type { RestoredData } from './persistence/LocalPersistence.js';
export type { ResumedWork } from './persistence/resumeWork.js';
export { startEmulator } from './emulator.js';
export type { RunningEmulator, StartEmulatorOptions } from './emulator.js';
export { localBackgroundServices, startBackgroundServices } from './backgroundServices.js';
export type { Stoppable, BackgroundServiceContext, BackgroundService } from './backgroundServices.js';
export { createLocalApiServer } from './createLocalApiServer.js';
export type { LocalApiServerOptions } from './createLocalApiServer.js';
export { renderApiReference, apiReferenceStylesheet, apiReferencePaths } from './apiReference.js';
export type { ApiReferenceDocument, ApiReferenceLinks } from './apiReference.js';
export { SigV4Verifier } from './SigV4Verifier.js';
export type { SignedRequest, SigV4VerifierOptions } from './SigV4Verifier.js';
export { PipeRunner } from './pipes/PipeRunner.js';
export type { PipeRunnerOptions } from './pipes/PipeRunner.js';
export { startPipeRunner } from './pipes/startPipeRunner.js';
export { FileCheckpointStore } from './pipes/FileCheckpointStore.js';
export { InMemoryCheckpointStore } from './pipes/InMemoryCheckpointStore.js';
export type { CheckpointStore, ShardCheckpoint } from './pipes/CheckpointStore.js';
