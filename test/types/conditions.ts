/** where() operands must match the column's type; like/ilike only on text columns. */
import { and, not, or, type Condition } from "../../lib";
import { expectTypeOf } from "expect-type";
import { Band, Concert, Manager, Venue } from "./schema";

export function conditionTypes(): void {
  expectTypeOf(Band.c.name.eq("x")).toEqualTypeOf<Condition<Band>>();
  expectTypeOf(Band.c.manager.name.eq("x")).toEqualTypeOf<Condition<Band>>();
  void Band.c.popularity.gt(5);
  void Band.c.popularity.between(1, 10);
  void Band.c.popularity.gte(Band.c.popularity);
  void Band.c.name.isIn(["a", "b"]);
  void Band.c.manager.eq(1);
  void Band.c.manager.eq(null);
  void Band.c.manager.name.eq("Guido");
  void Venue.c.capacity.eq(null);
  void Venue.c.capacity.gt(100);
  void Concert.c.startsAt.lt(new Date());
  void and(Band.c.name.like("P%"), or(Band.c.popularity.gt(1), not(Band.c.name.ilike("%x"))));

  // @ts-expect-error name is a string: 5 is the wrong operand type
  void Band.c.name.gt(5);
  // @ts-expect-error popularity is a number
  void Band.c.popularity.eq("5");
  // @ts-expect-error popularity is a number
  void Band.c.popularity.lt(Band.c.name);
  // @ts-expect-error startsAt is a Date
  void Concert.c.startsAt.gt("2025-01-01");
  // @ts-expect-error isIn takes values of the column's type
  void Band.c.popularity.isIn(["1"]);
  // @ts-expect-error between takes values of the column's type
  void Band.c.popularity.between("1", "2");
  // @ts-expect-error gt(null) means nothing; use isNull()
  void Venue.c.capacity.gt(null);

  // like / notLike / ilike: text columns only, joined ones included.
  void Band.c.name.like("P%");
  void Band.c.name.notLike("P%");
  void Band.c.manager.name.ilike("g%");
  // @ts-expect-error popularity is not a text column
  void Band.c.popularity.like("1%");
  // @ts-expect-error capacity is not a text column
  void Venue.c.capacity.ilike("1%");
  // @ts-expect-error startsAt is not a text column
  void Concert.c.startsAt.notLike("2025%");
  // @ts-expect-error patterns are strings
  void Band.c.name.like(5);

  // where() takes conditions, not bare columns or values.
  // @ts-expect-error a column is not a condition
  void Band.select().where(Band.c.name);
  // @ts-expect-error a boolean is not a condition
  void Band.select().where(true);

  // Columns carry their table: another table's columns are refused wherever Band's are expected.
  // @ts-expect-error a Manager column in a Band select
  void Band.select(Band.c.name, Manager.c.name);
  // @ts-expect-error a Manager condition in a Band where
  void Band.select().where(Manager.c.name.eq("Guido"));
  // @ts-expect-error the same, seen from the smaller table (Band has every column Manager has)
  void Manager.select().where(Band.c.name.eq("Guido"));
  // @ts-expect-error a Manager column in a Band orderBy
  void Band.objects().orderBy(Manager.c.name);
  // @ts-expect-error and() of two tables' conditions
  void and(Band.c.name.eq("x"), Manager.c.name.eq("y"));
  // @ts-expect-error a Manager column as a Band comparison operand
  void Band.c.name.eq(Manager.c.name);
  // @ts-expect-error a Manager column in Band's returning
  void Band.delete().where(Band.c.id.eq(1)).returning(Manager.c.name);
  // @ts-expect-error a Manager condition in Band's count
  void Band.count().where(Manager.c.id.eq(1));
}
