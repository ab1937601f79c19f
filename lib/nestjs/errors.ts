import { ConfigError } from "../errors/orm-error";

// The NestJS layer's usage errors, each with a stable code documented in docs/errors.md.

/** `PiccoloModule.forRoot()` (or the `useFactory` of `forRootAsync()`) gave no engine. */
export function moduleEngineMissing(where: string, got: unknown): ConfigError {
  return new ConfigError(
    `${where} needs { engine }: an SQLiteEngine or PostgresEngine, got ${got === undefined ? "undefined" : typeof got}. ` +
      `Example: PiccoloModule.forRoot({ engine: new PostgresEngine({ config }), tables: [Band] }).`,
    { code: "PICCOLO_NESTJS_NO_ENGINE" },
  );
}

/** `@Transactional()` ran while no PiccoloModule was started. */
export function transactionalWithoutModule(method: string): ConfigError {
  return new ConfigError(
    `@Transactional() on ${method} ran, but no PiccoloModule is started. Import PiccoloModule.forRoot({ engine }) ` +
      `(or forRootAsync) in the app module, or pass the engine: @Transactional({ engine: DB }).`,
    { code: "PICCOLO_NESTJS_NOT_STARTED" },
  );
}
