import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Duration, RemovalPolicy, Stack, type CfnElement } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { afterAll, describe, expect, it } from 'vitest';
import { createHandlerFunction, installedVersion } from '../src/functions.js';

/*
 * The other tests synthesize without bundling; this one bundles the image worker for real, exactly as
 * the Storefront creates it (createHandlerFunction with the `imageWorker` entry), in a stack of its
 * own so only that function is built: sharp's native binary in the asset must be Lambda's (linux
 * arm64), not this machine's.
 */
const outdir = mkdtempSync(join(tmpdir(), 'storefront-asset-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

function synthesizeWorker() {
  const app = new App({ outdir });
  const stack = new Stack(app, 'ImageWorkerAsset');
  const fn = createHandlerFunction(stack, 'ImageWorker', 'imageWorker', {
    timeout: Duration.seconds(20),
    memorySize: 1536,
    environment: {},
    logRetention: logs.RetentionDays.ONE_DAY,
    removalPolicy: RemovalPolicy.DESTROY,
    description: 'asset test',
  });
  const assembly = app.synth();
  const template = assembly.getStackByName(stack.stackName).template as { Resources: Record<string, { Properties: { Code: { S3Key: string } } }> };
  const code = template.Resources[stack.getLogicalId(fn.node.defaultChild as CfnElement)]!.Properties.Code;
  // The zip's key is the asset's hash; the cloud assembly keeps the staged directory as asset.<hash>.
  const assetDirectory = join(assembly.directory, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
  return { assetDirectory };
}

/** The ELF machine of a shared object (e_machine, bytes 18–19, little-endian): 183 is AArch64, 62 x86-64. */
function elfMachine(file: string): number {
  const header = Buffer.alloc(20);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 20, 0);
  } finally {
    closeSync(fd);
  }
  expect(header.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
  return header.readUInt16LE(18);
}

describe('the image worker asset', () => {
  const { assetDirectory } = synthesizeWorker();
  const modules = join(assetDirectory, 'node_modules');

  it('bundles the handler with sharp left out, and installs sharp (the version tested here) beside it', () => {
    expect(existsSync(join(assetDirectory, 'index.mjs'))).toBe(true);
    expect(readFileSync(join(assetDirectory, 'index.mjs'), 'utf8')).toMatch(/from"sharp"/);
    const sharp = JSON.parse(readFileSync(join(modules, 'sharp/package.json'), 'utf8')) as { version: string };
    expect(sharp.version).toBe(installedVersion('sharp'));
  });

  it('carries the linux arm64 (glibc) binaries of sharp and libvips, and no other platform\'s', () => {
    expect(readdirSync(join(modules, '@img')).filter((name) => name.startsWith('sharp-')).sort()).toEqual(['sharp-libvips-linux-arm64', 'sharp-linux-arm64']);
    expect(existsSync(join(modules, '@img/sharp-linux-x64'))).toBe(false);
    const binary = readdirSync(join(modules, '@img/sharp-linux-arm64/lib')).find((name) => name.endsWith('.node'));
    expect(binary).toBeDefined();
    expect(elfMachine(join(modules, '@img/sharp-linux-arm64/lib', binary!))).toBe(183);
  });
});
