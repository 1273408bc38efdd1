/**
 * Work done on a timer, one round at a time: a round still running when the next is due is not
 * started twice, an error is handed to `onError` rather than ending the process, and `stop()`
 * waits for the round in hand. The job runner, the audit sealer and the backup scheduler share it.
 */
export interface Repeating {
  /** Stop the timer and wait for the round in progress, if any, to finish. */
  stop(): Promise<void>;
}

export function every(intervalMs: number, round: () => Promise<unknown>, onError: (error: unknown) => void, options: { now?: boolean } = {}): Repeating {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    if (running) return;
    running = round()
      .catch(onError)
      .finally(() => (running = undefined));
  };
  if (options.now) tick();
  const timer = setInterval(tick, intervalMs);
  // A timer alone does not keep the process alive: shutdown is the server's to decide.
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
