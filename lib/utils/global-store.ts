/**
 * State shared by every copy of piccolo-orm loaded in one process (two installed versions, a
 * bundled and a node_modules copy), kept on globalThis under a `Symbol.for` key so that the copies
 * agree on which classes are tables. Bump the version in a name when the stored shape changes, so
 * incompatible copies keep apart rather than misread each other.
 */
export function globalStore<TValue extends object>(name: string, create: () => TValue): TValue {
  const key = Symbol.for(`piccolo-orm.${name}`);
  const store = globalThis as unknown as Record<symbol, TValue | undefined>;
  return (store[key] ??= create());
}
