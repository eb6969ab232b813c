import { existsSync, readFileSync } from 'node:fs';
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
  imageWorker: join(handlersSource, 'imageWorker.ts'),
} as const;

/**
 * The name of a handler (a key of {@link handlerEntries}).
 *
 * @internal The bundle bench uses it.
 */
export type HandlerName = keyof typeof handlerEntries;

/**
 * Packages a handler loads with a native binary: esbuild cannot bundle them, and the binary must be
 * Lambda's (linux arm64, glibc), not this machine's. They stay out of the bundle and are installed
 * into the function's `node_modules` for that platform (see `nativeInstallCommand`).
 */
export const nativeModules: Readonly<Partial<Record<HandlerName, readonly string[]>>> = { imageWorker: ['sharp'] };

/** The version of `name` the handlers resolve (and the tests ran), read from its package.json. */
export function installedVersion(name: string): string {
  // sharp's exports hide its package.json: walk up from its entry point instead.
  let dir = dirname(createRequire(join(handlersSource, 'index.ts')).resolve(name));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (found === name && version) return version;
    }
    if (dirname(dir) === dir) throw new Error(`No package.json of ${name} above its entry point`);
    dir = dirname(dir);
  }
}

/**
 * The command that installs `modules` (at the versions installed here) into `outputDir` for Lambda's
 * platform: npm picks the optional dependencies by the given os/cpu/libc instead of this machine's,
 * so sharp arrives with `@img/sharp-linux-arm64` and its libvips, and no x64 binary. No lock file, no
 * package.json and no install scripts (sharp's binaries are prebuilt packages).
 */
export function nativeInstallCommand(outputDir: string, modules: readonly string[]): string {
  const specs = modules.map((name) => `${name}@${installedVersion(name)}`);
  return [
    'npm install',
    `--prefix "${outputDir}"`,
    '--no-save --no-package-lock --no-audit --no-fund --ignore-scripts',
    '--os=linux --cpu=arm64 --libc=glibc',
    ...specs,
  ].join(' ');
}

/**
 * How every handler is bundled, shared by the CDK functions and the bundle bench: one self-contained,
 * minified ESM file with source maps. The AWS SDK is bundled, not taken from the runtime, so a function
 * runs the exact `@aws-sdk/*` versions the tests ran; workspace packages resolve to their sources.
 * Only a handler's {@link nativeModules} stay outside, in its `node_modules`.
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
  // Setting any condition drops esbuild's default `module` one; without it the AWS SDK's packages
  // resolve to their CommonJS builds (`node` condition), which cannot be tree-shaken (≈ 150 KB more).
  conditions: ['store-front-source', 'module'],
  // ESM output still meets CommonJS dependencies that call require().
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
} as const;

/**
 * Bundles `entry` into `outfile` exactly as the functions are bundled ({@link lambdaBundle}) and
 * returns the bundle's size in bytes with esbuild's metafile (what each input adds). For the bundle
 * bench and the bundle-size test; the stack's functions are bundled by `NodejsFunction`.
 */
export async function bundleLambda(entry: string, outfile: string, extra: { readonly nodePaths?: readonly string[]; readonly external?: readonly string[] } = {}) {
  // Loaded on demand: synthesizing the stack does not need esbuild's API.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: lambdaBundle.platform,
    target: lambdaBundle.target,
    format: lambdaBundle.format,
    minify: lambdaBundle.minify,
    sourcemap: lambdaBundle.sourcemap,
    mainFields: [...lambdaBundle.mainFields],
    conditions: [...lambdaBundle.conditions],
    banner: { js: lambdaBundle.banner },
    absWorkingDir: repositoryRoot,
    nodePaths: [...(extra.nodePaths ?? [])],
    external: [...(extra.external ?? [])],
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((candidate) => candidate.entryPoint !== undefined)!;
  return { bytes: output.bytes, metafile: result.metafile };
}

/** Options of {@link createHandlerFunction}. */
export interface HandlerFunctionProps {
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
  readonly description: string;
}

/**
 * A Node.js 22 arm64 function for one handler entry, bundled locally by esbuild (no Docker), with its
 * log group; its {@link nativeModules} are installed for linux arm64 beside the bundle.
 */
export function createHandlerFunction(scope: Construct, id: string, handler: HandlerName, props: HandlerFunctionProps): NodejsFunction {
  const native = nativeModules[handler] ?? [];
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
      externalModules: [...native],
      esbuildArgs: { '--conditions': lambdaBundle.conditions.join(',') },
      ...(native.length > 0
        ? {
            commandHooks: {
              beforeBundling: () => [],
              beforeInstall: () => [],
              afterBundling: (_inputDir: string, outputDir: string) => [nativeInstallCommand(outputDir, native)],
            },
          }
        : {}),
    },
  });
}
