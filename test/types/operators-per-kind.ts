/**
 * Operators exist only on the kinds they apply to (issue 10): like/ilike/concat on text, arithmetic
 * on numbers and Numeric, any/all/cat on arrays, arrow/arrowText on JSON, contains on both. The
 * others are absent from the type (so from completion), not present with a `this`-context error.
 */
import { expectTypeOf } from "expect-type";
import {
  ArrayColumn,
  BooleanColumn,
  type Condition,
  type Engine,
  Integer,
  JSONB,
  Numeric,
  Table,
  Text,
  Timestamptz,
  Upper,
  Varchar,
  column,
  table,
  type Scalar,
} from "../../lib";
import { Band } from "./schema";

declare const db: Engine;

@table({ db })
class Kinds extends Table<Kinds>() {
  @column(Varchar()) label!: string;
  @column(Text({ null: true })) note!: string | null;
  @column(Integer()) qty!: number;
  @column(Numeric({ digits: [10, 2] })) price!: Numeric;
  @column(BooleanColumn()) flag!: boolean;
  @column(Timestamptz()) at!: Date;
  @column(ArrayColumn(Varchar())) tags!: string[];
  @column(JSONB({ null: true })) data!: unknown;
  @column(JSONB()) doc!: { genre: string };
}

type Has<T, M extends string> = M extends keyof T ? true : false;

export function operatorsPresentPerKind(): void {
  // Text: pattern matching and concat.
  expectTypeOf(Kinds.c.label.like("a%")).toEqualTypeOf<Condition<Kinds>>();
  expectTypeOf(Kinds.c.note.ilike("a%")).toEqualTypeOf<Condition<Kinds>>();
  expectTypeOf(Kinds.c.note.notLike("a%")).toEqualTypeOf<Condition<Kinds>>();
  expectTypeOf(Kinds.c.label.concat("!")).toEqualTypeOf<Scalar<string, "label", Kinds>>();
  expectTypeOf(Upper(Kinds.c.label).like("A%")).toEqualTypeOf<Condition<Kinds>>();
  // Numbers and Numeric: arithmetic.
  expectTypeOf(Kinds.c.qty.plus(1)).toEqualTypeOf<Scalar<number, "qty", Kinds>>();
  expectTypeOf(Kinds.c.price.times(Kinds.c.qty)).toEqualTypeOf<Scalar<Numeric, "price", Kinds>>();
  // Arrays: any/all/contains/cat.
  expectTypeOf(Kinds.c.tags.any("rock")).toEqualTypeOf<Condition<Kinds>>();
  expectTypeOf(Kinds.c.tags.all("rock")).toEqualTypeOf<Condition<Kinds>>();
  expectTypeOf(Kinds.c.tags.contains(["rock"])).toEqualTypeOf<Condition<Kinds>>();
  expectTypeOf(Kinds.c.tags.cat("live")).toEqualTypeOf<Scalar<string[], "tags", Kinds>>();
  // JSON (declared unknown or as an object type): arrows and containment.
  expectTypeOf(Kinds.c.data.arrowText("genre")).toEqualTypeOf<Scalar<string | null, "data->>genre", Kinds>>();
  expectTypeOf(Kinds.c.doc.arrow("genre")).toEqualTypeOf<Scalar<unknown, "doc->genre", Kinds>>();
  expectTypeOf(Kinds.c.doc.contains({ genre: "rock" })).toEqualTypeOf<Condition<Kinds>>();
  // Every kind keeps the common members.
  expectTypeOf(Kinds.c.flag.eq(true)).toEqualTypeOf<Condition<Kinds>>();
  expectTypeOf(Kinds.c.at.isNull()).toEqualTypeOf<Condition<Kinds>>();
}

export function operatorsAbsentPerKind(): void {
  // The example from the issue: a number column has no like (absent, not a `this` error).
  expectTypeOf<Has<typeof Band.c.popularity, "like">>().toEqualTypeOf<false>();
  // @ts-expect-error like is not a member of a number column
  void Band.c.popularity.like("1%");
  // @ts-expect-error nor ilike
  void Kinds.c.qty.ilike("1%");
  // @ts-expect-error nor concat
  void Kinds.c.qty.concat("x");
  // @ts-expect-error text has no arithmetic
  void Kinds.c.label.plus("x");
  // @ts-expect-error booleans have no pattern matching
  void Kinds.c.flag.like("t%");
  // @ts-expect-error dates have no arithmetic
  void Kinds.c.at.minus(new Date());
  // @ts-expect-error text has no array operators
  void Kinds.c.label.any("a");
  // @ts-expect-error numbers have no array operators
  void Kinds.c.qty.contains([1]);
  // @ts-expect-error arrays have no JSON arrows
  void Kinds.c.tags.arrow("x");
  // @ts-expect-error JSON has no array quantifiers
  void Kinds.c.data.any("x");
  // @ts-expect-error arrays have no pattern matching
  void Kinds.c.tags.like("x");
  // @ts-expect-error text has no JSON arrows
  void Kinds.c.note.arrowText("x");

  // Completion lists only the kind's operators.
  type Absent<T> = {
    [
      M in
        | "like"
        | "ilike"
        | "notLike"
        | "concat"
        | "plus"
        | "minus"
        | "times"
        | "divide"
        | "any"
        | "all"
        | "cat"
        | "contains"
        | "arrow"
        | "arrowText"
    ]: Has<T, M>;
  };
  expectTypeOf<Absent<typeof Kinds.c.label>>().toEqualTypeOf<{
    like: true;
    ilike: true;
    notLike: true;
    concat: true;
    plus: false;
    minus: false;
    times: false;
    divide: false;
    any: false;
    all: false;
    cat: false;
    contains: false;
    arrow: false;
    arrowText: false;
  }>();
  expectTypeOf<Absent<typeof Kinds.c.qty>>().toEqualTypeOf<{
    like: false;
    ilike: false;
    notLike: false;
    concat: false;
    plus: true;
    minus: true;
    times: true;
    divide: true;
    any: false;
    all: false;
    cat: false;
    contains: false;
    arrow: false;
    arrowText: false;
  }>();
  expectTypeOf<Absent<typeof Kinds.c.flag>>().toEqualTypeOf<{
    like: false;
    ilike: false;
    notLike: false;
    concat: false;
    plus: false;
    minus: false;
    times: false;
    divide: false;
    any: false;
    all: false;
    cat: false;
    contains: false;
    arrow: false;
    arrowText: false;
  }>();
  expectTypeOf<Absent<typeof Kinds.c.tags>>().toEqualTypeOf<{
    like: false;
    ilike: false;
    notLike: false;
    concat: false;
    plus: false;
    minus: false;
    times: false;
    divide: false;
    any: true;
    all: true;
    cat: true;
    contains: true;
    arrow: false;
    arrowText: false;
  }>();
  expectTypeOf<Absent<typeof Kinds.c.data>>().toEqualTypeOf<{
    like: false;
    ilike: false;
    notLike: false;
    concat: false;
    plus: false;
    minus: false;
    times: false;
    divide: false;
    any: false;
    all: false;
    cat: false;
    contains: true;
    arrow: true;
    arrowText: true;
  }>();
}
