import type { TableMeta } from "../table/metadata";

/** A legacy property decorator, as class-validator's `IsEmail()`, `Length(1, 50)` and `Validate(...)` return. */
export type PropertyRule = (target: object, propertyKey: string) => void;

/** The decorator `rules(...)` returns: legacy or TC39, on any field. */
export interface RulesDecorator {
  (target: object, propertyKey: string): void;
  (value: undefined, context: ClassFieldDecoratorContext): void;
}

interface PendingRules {
  readonly property: string;
  readonly rules: readonly PropertyRule[];
}

// Global, so that rules() of one installed copy of piccolo-orm and the validator of another agree.
const pendingKey = Symbol.for("piccolo-orm.validationRules.v1");
/** Per table class, the metadata objects whose rules it has been given. */
const applied = new WeakMap<object, WeakSet<object>>();

/**
 * Applies class-validator decorators under both decorator modes: `@rules(IsEmail(), Length(1, 50))`.
 * Under experimentalDecorators they run at once (writing `@IsEmail()` directly works too). Under TC39
 * decorators, where class-validator's legacy decorators cannot be applied to a field, they are kept
 * in the class's metadata and applied to the table class before its first validation.
 * @example
 * import { IsEmail, MinLength } from "class-validator";
 * \@table({ db: DB })
 * class Member extends Table<Member>() {
 *   \@rules(IsEmail(), MinLength(5)) \@column(Varchar({ length: 100 })) email!: string;
 * }
 */
export function rules(...decorators: PropertyRule[]): RulesDecorator {
  return (target: object | undefined, context: string | ClassFieldDecoratorContext) => {
    if (typeof context === "object") {
      const metadata = context.metadata as Record<symbol, PendingRules[]>;
      if (!Object.prototype.hasOwnProperty.call(metadata, pendingKey)) metadata[pendingKey] = [];
      metadata[pendingKey]!.push({ property: String(context.name), rules: decorators });
      return;
    }
    for (const decorator of decorators) decorator(target!, context);
  };
}

/** Applies the rules TC39 `@rules(...)` kept in the class metadata (its own and inherited), once. */
export function applyPendingRules(meta: TableMeta): void {
  const key = (Symbol as { metadata?: symbol }).metadata;
  if (key === undefined) return;
  const cls = meta.cls as unknown as { prototype: object } & Record<symbol, object | undefined>;
  let done = applied.get(cls);
  if (done === undefined) applied.set(cls, (done = new WeakSet()));
  for (let metadata = cls[key]; metadata; metadata = Object.getPrototypeOf(metadata) as object | undefined) {
    if (done.has(metadata) || !Object.prototype.hasOwnProperty.call(metadata, pendingKey)) continue;
    done.add(metadata);
    for (const pending of (metadata as Record<symbol, PendingRules[]>)[pendingKey]!) {
      for (const rule of pending.rules) rule(cls.prototype, pending.property);
    }
  }
}
