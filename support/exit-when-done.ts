/**
 * Ends a Cucumber process as soon as it has nothing left to do (issue 12). Node emits `beforeExit` once the event
 * loop is empty (every write flushed, every socket and timer gone) and would then tear its heap down before
 * exiting: ~13 ms of every run here. Exiting at that point skips only the teardown: the `exit` handlers run, the exit
 * code is Cucumber's, and a handle left open still keeps the process alive, as before.
 *
 * A `beforeExit` listener may start more work, and Node then runs the loop again. So the exit waits for the next turn
 * of the loop, and happens only if nothing new keeps it alive by then: the resources listed at `beforeExit` (such as
 * a piped stdout, listed but not keeping the loop alive) are the baseline. Listening first, it sees that baseline
 * before other listeners add to it.
 */
export function idleAsBefore(now: readonly string[], atBeforeExit: readonly string[]): boolean {
  const left = new Map<string, number>();
  for (const type of atBeforeExit) left.set(type, (left.get(type) ?? 0) + 1);
  for (const type of now) {
    const count = left.get(type) ?? 0;
    if (count === 0) return false;
    left.set(type, count - 1);
  }
  return true;
}

process.prependListener('beforeExit', () => {
  const atBeforeExit = process.getActiveResourcesInfo();
  setImmediate(() => {
    if (idleAsBefore(process.getActiveResourcesInfo(), atBeforeExit)) process.exit();
  });
});
