import type { Engine } from "../engine/engine";

// The engine of the started PiccoloModule, for `@Transactional()`: a method decorator runs outside
// dependency injection. The most recently started module wins; its shutdown clears it.
let active: Engine | undefined;

/** Makes this the engine `@Transactional()` uses. */
export function activateEngine(engine: Engine): void {
  active = engine;
}

/** Forgets the engine if it is still the active one. */
export function deactivateEngine(engine: Engine): void {
  if (active === engine) active = undefined;
}

/** The engine of the started PiccoloModule, if any. */
export function activeEngine(): Engine | undefined {
  return active;
}
