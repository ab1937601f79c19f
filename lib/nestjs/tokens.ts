import { Inject } from "@nestjs/common";

/** The injection token of the module's engine: `@Inject(PICCOLO_ENGINE) db: Engine`, or `@InjectEngine()`. */
export const PICCOLO_ENGINE = Symbol.for("piccolo-orm:engine");

/** The injection token of the resolved module options (after `forRootAsync`'s factory ran). */
export const PICCOLO_MODULE_OPTIONS = Symbol.for("piccolo-orm:module-options");

/**
 * Injects the engine of `PiccoloModule` (the engine is also injectable by its class, `Engine`).
 * @example
 * import { InjectEngine } from "piccolo-orm/nestjs";
 * class BandService {
 *   constructor(\@InjectEngine() readonly db: Engine) {}
 * }
 */
export function InjectEngine(): PropertyDecorator & ParameterDecorator {
  return Inject(PICCOLO_ENGINE);
}
