import { readFileSync } from 'node:fs';

/**
 * Calls `onExit` once the process that started this one has gone (killed, crashed, or its terminal
 * closed), so a child left behind stops instead of holding its port. Polls: on Linux the current
 * parent id from `/proc/self/stat` (it changes to the reaper when the parent dies), elsewhere whether
 * the original parent still exists. Returns a function that stops watching.
 *
 * @example
 * ```ts
 * const stopWatching = watchParent(() => void stack.stop().then(() => process.exit(0)));
 * ```
 */
export function watchParent(onExit: () => void, intervalMs = 500): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (parentAlive(parent)) return;
    clearInterval(timer);
    onExit();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

function parentAlive(parent: number): boolean {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // "pid (command) state ppid …": the command may hold spaces and parentheses, so read after the last ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
  } catch {
    try {
      process.kill(parent, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
}
