import {
  type DatabaseError,
  DatabaseLockedError,
  DeadlockError,
  SerializationFailureError,
} from "../errors/database-error";

/** Failures that re-running the whole transaction can cure: the work itself was not wrong. */
export function isRetryable(error: unknown): error is DatabaseError {
  return (
    error instanceof SerializationFailureError || error instanceof DeadlockError || error instanceof DatabaseLockedError
  );
}

/**
 * Exponential backoff with full jitter (a random wait up to base·2^attempt, capped): transactions
 * that collided once must not collide again in lockstep.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.random() * ceiling;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
