import "reflect-metadata";
import type { Engine, TransactionOptions } from "../engine/engine";
import { assertKnownOptions, transactionalWithoutModule } from "../errors/factories";
import { activeEngine } from "./engine-registry";

/** Options of `@Transactional()`: the transaction's options, and optionally a fixed engine. */
export interface TransactionalOptions extends TransactionOptions {
  /** The engine to use instead of PiccoloModule's (e.g. outside NestJS). */
  engine?: Engine;
}

/** A method `@Transactional()` can wrap: it must return a promise, since the transaction ends when it settles. */
export type TransactionalMethod = (...args: never[]) => Promise<unknown>;

/**
 * Runs the method in one transaction of PiccoloModule's engine: every query it makes, however deep,
 * commits together when it resolves and rolls back when it throws. Called inside another
 * transaction it becomes a savepoint. Works on controller handlers and service methods alike.
 * @example
 * import { Transactional } from "piccolo-orm/nestjs";
 * class BandService {
 *   \@Transactional()
 *   async popular() {
 *     return Band.select(Band.c.name).where(Band.c.popularity.gt(100));
 *   }
 * }
 */
export function Transactional(options: TransactionalOptions = {}) {
  assertKnownOptions("@Transactional()", options, ["engine", "isolationLevel"], "config");
  const { engine: fixed, ...transactionOptions } = options;
  return <TMethod extends TransactionalMethod>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<TMethod>,
  ): TypedPropertyDescriptor<TMethod> => {
    const original = descriptor.value as unknown as (...args: unknown[]) => Promise<unknown>;
    const where = `${target.constructor.name}.${String(key)}`;
    const wrapped = function (this: unknown, ...args: unknown[]): Promise<unknown> {
      const engine = fixed ?? activeEngine();
      if (engine === undefined) return Promise.reject(transactionalWithoutModule(where));
      return engine.transaction(() => original.apply(this, args), transactionOptions);
    };
    // NestJS keeps route metadata (@Get, @HttpCode, …) on the function: decorators listed above
    // @Transactional() wrote it on the original, so the wrapper carries it over.
    for (const metadataKey of Reflect.getMetadataKeys(original))
      Reflect.defineMetadata(metadataKey, Reflect.getMetadata(metadataKey, original), wrapped);
    Object.defineProperty(wrapped, "name", { value: original.name });
    return { ...descriptor, value: wrapped as unknown as TMethod };
  };
}
