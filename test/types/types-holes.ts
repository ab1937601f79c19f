/**
 * The remaining type holes of issue 10: bind() checked without freeze(), window conditions through
 * `.as()`/and()/or()/not(), callback() replacing the result type.
 */
import { expectTypeOf } from "expect-type";
import { Param, RowNumber, and, not, or } from "../../lib";
import { Band, Venue } from "./schema";

export async function bindChecksWhereParams(): Promise<void> {
  // A select: the names and value types of the where's Param() comparisons, no freeze() needed.
  const query = Band.select(Band.c.name).where(Band.c.popularity.gt(Param("minPop")), Band.c.name.eq(Param("name")));
  expectTypeOf(await query.bind({ minPop: 100, name: "P%" })).toEqualTypeOf<{ name: string }[]>();
  // @ts-expect-error a string bound to an Integer parameter
  void query.bind({ minPop: "100", name: "P%" });
  // @ts-expect-error an unknown name
  void query.bind({ minPop: 100, name: "P%", typo: 1 });
  // @ts-expect-error a missing name
  void query.bind({ minPop: 100 });
  // Repeated where() calls gather their parameters; chaining keeps them.
  const twice = Band.select()
    .where(Band.c.popularity.gte(Param("low")))
    .where(Band.c.popularity.lte(Param("high")));
  void twice.orderBy(Band.c.name).bind({ low: 1, high: 2 });
  // @ts-expect-error the second where()'s parameter is a number too
  void twice.orderBy(Band.c.name).bind({ low: 1, high: "2" });
  // A declared Param keeps its declared type and name.
  const minPop = Param<number, "minPop">("minPop");
  // @ts-expect-error a string bound to the declared number parameter
  void Venue.select().where(Venue.c.capacity.gt(minPop)).bind({ minPop: "1" });
  // A nullable column's parameter takes null too.
  void Venue.select()
    .where(Venue.c.capacity.eq(Param("cap")))
    .bind({ cap: null });

  // Through and(), or(), not() and the condition methods.
  const combined = Band.objects().where(
    or(and(Band.c.name.eq(Param("a")), Band.c.popularity.lt(Param("b"))), not(Band.c.name.ne(Param("c")))),
  );
  expectTypeOf(await combined.bind({ a: "x", b: 1, c: "y" })).toEqualTypeOf<Band[]>();
  // @ts-expect-error b compares with an Integer column
  void combined.bind({ a: "x", b: "1", c: "y" });
  // @ts-expect-error c is needed too
  void combined.bind({ a: "x", b: 1 });
  const chained = Band.objects().where(Band.c.name.eq(Param("a")).and(Band.c.popularity.eq(Param("b"))));
  void chained.bind({ a: "x", b: 1 });
  // @ts-expect-error an unknown name through Condition.and()
  void chained.bind({ a: "x", b: 1, c: 2 });

  // update() and delete() bind too.
  const rename = Band.update({ popularity: 0 }).where(Band.c.name.eq(Param("oldName")));
  void rename.bind({ oldName: "Pythonistas" });
  // @ts-expect-error a number bound to a Varchar parameter
  void rename.bind({ oldName: 1 });
  // A Param in an update value's arithmetic counts too.
  const raise = Band.update({ popularity: Band.c.popularity.plus(Param("by")) }).where(Band.c.name.eq(Param("name")));
  void raise.bind({ by: 1, name: "x" });
  // @ts-expect-error by adds to an Integer column
  void raise.bind({ by: "1", name: "x" });
  // A Param the types do not see (inside a where expression): declared to freeze(), bind() takes it too.
  const by = Param<number, "by">("by");
  const nested = Band.select()
    .where(Band.c.popularity.plus(by).gt(Param("min")))
    .freeze(by);
  void nested.bind({ by: 1, min: 2 });
  // @ts-expect-error still typed: min compares with an Integer expression
  void nested.bind({ by: 1, min: "2" });
  const drop = Band.delete().where(Band.c.popularity.lt(Param("min")));
  void drop.bind({ min: 1 });
  // @ts-expect-error an unknown name on delete()
  void drop.bind({ min: 1, max: 2 });

  // A query without Param() comparisons takes any record (run time refuses unknown names).
  void Band.select().bind({});
}

export function windowConditionsStayMarked(): void {
  const n = RowNumber().over({ orderBy: [Band.c.name] });
  // @ts-expect-error a window renamed with as() is still a window
  void Band.select().where(n.as("n").gt(1));
  // @ts-expect-error a window condition inside and()
  void Band.select().where(and(Band.c.popularity.gt(1), n.gt(1)));
  // @ts-expect-error a window condition inside or(), in second place
  void Band.select().where(or(Band.c.name.eq("a"), Band.c.name.eq("b"), n.eq(1)));
  // @ts-expect-error a window condition through not()
  void Band.select().where(not(n.eq(1)));
  // @ts-expect-error a window condition through Condition.and()
  void Band.objects().where(Band.c.name.eq("a").and(n.lte(3)));
  // @ts-expect-error a window condition through Condition.or()
  void Band.delete().where(Band.c.name.eq("a").or(n.as("k").lte(3)));
  // Plain conditions still combine and fit where().
  void Band.select().where(and(Band.c.popularity.gt(1), or(Band.c.name.eq("a"), not(Band.c.name.eq("b")))));
  // A renamed window is still selectable under its alias.
  expectTypeOf(Band.select(n.as("rank")).first()).resolves.toEqualTypeOf<{ rank: number } | null>();
}

export async function callbackReplacesTheResultType(): Promise<void> {
  // A callback returning a value: the query resolves to it.
  const names = await Band.select(Band.c.name).callback((rows) => rows.map((r) => r.name));
  expectTypeOf(names).toEqualTypeOf<string[]>();
  // An async one: the value it resolves to.
  expectTypeOf(await Band.count().callback(async (n) => `${n} bands`)).toEqualTypeOf<string>();
  // Returning nothing keeps the result type and the builder.
  const logged = Band.select(Band.c.name).callback((rows) => void rows.length);
  expectTypeOf(await logged.where(Band.c.popularity.gt(1))).toEqualTypeOf<{ name: string }[]>();
  expectTypeOf(await Band.count().callback(() => Promise.resolve())).toEqualTypeOf<number>();
  // Sometimes a value, sometimes nothing: either.
  const maybe = await Band.count().callback((n) => (n > 1 ? "many" : undefined));
  expectTypeOf(maybe).toEqualTypeOf<string | number>();
  // Chained callbacks see the value so far.
  const chained = Band.count()
    .callback((n) => String(n))
    .callback((text) => text.length > 1);
  expectTypeOf(await chained).toEqualTypeOf<boolean>();
  expectTypeOf(chained.run()).toEqualTypeOf<Promise<boolean>>();
  const texts = Band.count().callback((n) => String(n));
  // @ts-expect-error the second callback gets a string, not a number
  void texts.callback((n: number) => n);
}
