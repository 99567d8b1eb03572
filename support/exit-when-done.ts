/**
 * Ends a Cucumber process as soon as it has nothing left to do (issue 12). Node emits `beforeExit` only once the
 * event loop is empty (every write flushed, every socket and timer gone), and would then tear its heap down before
 * exiting: ~13 ms of every run here. Exiting at that point skips only the teardown: the `exit` handlers run, the
 * exit code is Cucumber's, and a handle left open still keeps the process alive, as before. When another
 * `beforeExit` listener is there (it may start more work), Node goes on as usual.
 */
export function exitWhenDone(host: Pick<NodeJS.Process, 'listenerCount' | 'exit'> = process): void {
  if (host.listenerCount('beforeExit') === 1) host.exit();
}

process.on('beforeExit', () => exitWhenDone());
