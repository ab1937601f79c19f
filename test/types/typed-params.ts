/** Typed Param() and bind(): a parameter takes its type from where it is used or from its declaration. */
import { expectTypeOf } from "expect-type";
import { Param, type ParamRef } from "../../lib";
import { Band, Venue } from "./schema";

export async function paramsTakeTheirType(): Promise<void> {
  // Declared apart: its name and value type.
  const minPop = Param<number, "minPop">("minPop");
  expectTypeOf(minPop).toEqualTypeOf<ParamRef<number, "minPop">>();
  // Fits a query of any table.
  void Band.select().where(Band.c.popularity.gt(minPop));
  void Venue.select().where(Venue.c.capacity.gt(minPop));
  // @ts-expect-error a number parameter compared with a text column
  void Band.select().where(Band.c.name.eq(minPop));
  // In place: the type of what it is compared with.
  void Band.select().where(Band.c.name.eq(Param("name")));
  // @ts-expect-error a text parameter compared with an integer column
  void Band.select().where(Band.c.popularity.gt(Param<string, "p">("p")));
}

export async function bindChecksDeclaredParams(): Promise<void> {
  const minPop = Param<number, "minPop">("minPop");
  const name = Param<string, "name">("name");
  const query = Band.select(Band.c.name).where(Band.c.popularity.gt(minPop), Band.c.name.eq(name)).freeze(minPop, name);
  expectTypeOf(await query.bind({ minPop: 100, name: "P%" })).toEqualTypeOf<{ name: string }[]>();
  // @ts-expect-error a string bound to the integer parameter
  void query.bind({ minPop: "100", name: "P%" });
  // @ts-expect-error an unknown name
  void query.bind({ minPop: 100, name: "P%", typo: 1 });
  // @ts-expect-error a missing name
  void query.bind({ minPop: 100 });
  // The declaration survives chaining.
  // @ts-expect-error still checked after orderBy()
  void query.orderBy(Band.c.name).bind({ minPop: "x", name: "P%" });
  // Objects queries too.
  const objects = Band.objects().where(Band.c.popularity.gt(minPop)).freeze(minPop);
  // @ts-expect-error a string bound to the integer parameter
  void objects.bind({ minPop: "1" });
  expectTypeOf(await objects.bind({ minPop: 1 })).toEqualTypeOf<Band[]>();
}
