import type { TestProject } from 'vitest/node';
import { startEmulator } from '../src/emulator.js';

/** Starts moto on a free loopback port for the test run and stops it afterwards. */
export default async function setup(project: TestProject) {
  const emulator = await startEmulator();
  project.provide('awsEndpoint', emulator.endpoint);
  return () => emulator.stop();
}
