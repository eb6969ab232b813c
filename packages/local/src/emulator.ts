import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A running local AWS emulator (moto) and how to stop it. */
export interface RunningEmulator {
  /** `http://127.0.0.1:<port>` — pass it as the AWS endpoint. */
  readonly endpoint: string;
  /** Stops the emulator process; resolves once it has exited. */
  stop(): Promise<void>;
}

/** Options for {@link startEmulator}. */
export interface StartEmulatorOptions {
  /** Python interpreter with `moto[server]` installed. Default: `$STOREFRONT_PYTHON` or `python3`. */
  readonly python?: string;
  /** Port to bind on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /** How long to wait for the emulator to listen, in ms. Default 30 000. */
  readonly startTimeoutMs?: number;
  /**
   * Test switch: cancel a TransactWriteItems with a `TransactionConflict` reason when it touches an
   * item written less than this many ms before, as DynamoDB does under contention (moto never does).
   * Default: `$STOREFRONT_EMULATOR_CONFLICT_WINDOW_MS`, else 0 (off).
   */
  readonly transactionConflictWindowMs?: number;
}

const launcherScript = fileURLToPath(new URL('./serialized_moto.py', import.meta.url));

/**
 * Starts moto on loopback with DynamoDB requests serialized (see `serialized_moto.py` for why).
 * The one launcher used by the tests, the benchmarks and the local stack.
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const python = options.python ?? process.env.STOREFRONT_PYTHON ?? 'python3';
  const conflictWindowMs = options.transactionConflictWindowMs ?? Number(process.env.STOREFRONT_EMULATOR_CONFLICT_WINDOW_MS ?? 0);
  const launcherArguments = ['--port', String(options.port ?? 0), '--transaction-conflict-window-ms', String(conflictWindowMs || 0)];
  const child = spawn(python, [launcherScript, ...launcherArguments], {
    // stdin stays open as a lifeline: the emulator exits when this process goes away.
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group: a terminal's Ctrl-C reaches only us, so we can save state before stopping it.
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`moto did not start within ${options.startTimeoutMs ?? 30_000} ms`)),
      options.startTimeoutMs ?? 30_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.once('error', (error) =>
      fail(new Error(`cannot run ${python} (install Python 3 with moto[server]): ${error.message}`)),
    );
    child.once('exit', (code) =>
      fail(new Error(`moto exited with code ${code} before listening:\n${stderr}`)),
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^READY (\d+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve(Number(match[1]));
      }
    });
  });
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => stopProcess(child) };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
