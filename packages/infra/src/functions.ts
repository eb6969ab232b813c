import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

const handlersSource = dirname(createRequire(import.meta.url).resolve('@store-front/handlers'));

/**
 * The repository root: esbuild's working directory and the lock file's home.
 *
 * @internal The bundle bench and the doc-sample checks use it.
 */
export const repositoryRoot = resolve(handlersSource, '../../..');

/**
 * The entry file of each Lambda in `@store-front/handlers` (each exports `handler`).
 *
 * @internal The bundle bench uses it.
 */
export const handlerEntries = {
  api: join(handlersSource, 'api/handler.ts'),
  inventoryChecker: join(handlersSource, 'inventoryChecker.ts'),
  reportWorker: join(handlersSource, 'reportWorker.ts'),
  scheduledReport: join(handlersSource, 'scheduledReport.ts'),
} as const;

/**
 * The name of a handler (a key of {@link handlerEntries}).
 *
 * @internal The bundle bench uses it.
 */
export type HandlerName = keyof typeof handlerEntries;

/**
 * How every handler is bundled, shared by the CDK functions and the bundle bench: one self-contained,
 * minified ESM file with source maps. The AWS SDK is bundled, not taken from the runtime, so a function
 * runs the exact `@aws-sdk/*` versions the tests ran; workspace packages resolve to their sources.
 *
 * @internal The bundle bench uses it.
 */
export const lambdaBundle = {
  platform: 'node',
  target: 'node22',
  format: 'esm',
  minify: true,
  sourcemap: true,
  mainFields: ['module', 'main'],
  conditions: ['store-front-source'],
  // ESM output still meets CommonJS dependencies that call require().
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
} as const;

/** Options of {@link createHandlerFunction}. */
export interface HandlerFunctionProps {
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly description: string;
}

/** A Node.js 22 arm64 function for one handler entry, bundled locally by esbuild (no Docker), with its log group. */
export function createHandlerFunction(scope: Construct, id: string, handler: HandlerName, props: HandlerFunctionProps): NodejsFunction {
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: props.logRetention, removalPolicy: props.removalPolicy });
  return new NodejsFunction(scope, id, {
    entry: handlerEntries[handler],
    handler: 'handler',
    description: props.description,
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    timeout: props.timeout,
    memorySize: props.memorySize,
    logGroup,
    loggingFormat: lambda.LoggingFormat.JSON,
    projectRoot: repositoryRoot,
    depsLockFilePath: join(repositoryRoot, 'package-lock.json'),
    environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
    bundling: {
      minify: lambdaBundle.minify,
      sourceMap: lambdaBundle.sourcemap,
      sourcesContent: false,
      target: lambdaBundle.target,
      format: OutputFormat.ESM,
      mainFields: [...lambdaBundle.mainFields],
      banner: lambdaBundle.banner,
      externalModules: [],
      esbuildArgs: { '--conditions': lambdaBundle.conditions.join(',') },
    },
  });
}
