/**
 * Getters and undecorated fields are not columns (issue 10): they stay out of `Band.c`, select rows,
 * insert/update values and `new Band({...})`. A getter without a setter is left out by its type
 * (readonly); a field or accessor pair without `@column` is typed `Transient<…>`, since decorators
 * cannot change a type and TypeScript cannot tell a decorated field from an undecorated one.
 */
import { expectTypeOf } from "expect-type";
import { type ColumnKeys, type Engine, Table, type Transient, Varchar, column, table } from "../../lib";

declare const db: Engine;

@table({ db })
class Person extends Table<Person>() {
  @column(Varchar({ length: 50 })) first!: string;
  @column(Varchar({ length: 50, null: true })) last!: string | null;
  /** A getter: readonly, so never a column. */
  get full(): string {
    return `${this.first} ${this.last ?? ""}`;
  }
  /** An accessor pair: writable, so it says it is not a column. */
  get nickname(): Transient<string> {
    return this.first;
  }
  set nickname(value: string) {
    this.first = value;
  }
  /** Undecorated fields: UI state, caches. */
  selected: Transient<boolean> = false;
  note: Transient<string | undefined> = undefined;
}

type Keys<T> = keyof T & string;

export async function nonColumnsStayOut(): Promise<void> {
  // Band.c: only the columns (and the default id).
  expectTypeOf<Keys<typeof Person.c>>().toEqualTypeOf<"first" | "last" | "id">();
  // @ts-expect-error a getter has no column reference
  void Person.c.full;
  // @ts-expect-error an undecorated field has none
  void Person.c.selected;
  // @ts-expect-error nor an accessor pair
  void Person.c.nickname;

  // select() rows.
  const rows = await Person.select();
  expectTypeOf(rows).toEqualTypeOf<{ first: string; last: string | null; id: number }[]>();

  // insert(), update() and new: only columns.
  void Person.insert({ first: "Ann" });
  // @ts-expect-error an undecorated field is no insert value
  void Person.insert({ first: "Ann", selected: true });
  // @ts-expect-error nor a getter
  void Person.insert({ first: "Ann", full: "Ann B" });
  // @ts-expect-error nor an update value
  void Person.update({ note: "x" }, { force: true });
  // @ts-expect-error nor a constructor value
  void new Person({ nickname: "A" });

  // toDict() and save(): columns only.
  const person = new Person({ first: "Ann" });
  expectTypeOf(person.toDict()).toEqualTypeOf<{ first: string; last: string | null; id: number }>();
  // @ts-expect-error save() names columns
  void person.save("selected");

  // The marked fields keep their value type on the instance.
  const flag: boolean = person.selected;
  const nick: string = person.nickname;
  person.selected = true;
  void [flag, nick];
}

export function transientIsNoColumn(): void {
  @table({ db })
  class Wrong extends Table<Wrong>() {
    // @ts-expect-error a Transient<...> field is not a column
    @column(Varchar()) label!: Transient<string>;
  }
  void Wrong;
}

/**
 * ColumnKeys compares a whole table's fields for readonly ones at once before probing each key
 * (bench:types); both paths keep readonly fields out, whichever field is readonly.
 */
export function readonlyFieldsStayOut(): void {
  interface AllWritable {
    a: string;
    b: number | null;
    save(): void;
  }
  interface FirstReadonly {
    readonly a: string;
    b: number;
    c?: boolean;
  }
  interface LastReadonly {
    a: string;
    b: number;
    readonly c: boolean;
  }
  interface OnlyReadonly {
    readonly a: string;
  }
  expectTypeOf<ColumnKeys<AllWritable>>().toEqualTypeOf<"a" | "b">();
  expectTypeOf<ColumnKeys<FirstReadonly>>().toEqualTypeOf<"b" | "c">();
  expectTypeOf<ColumnKeys<LastReadonly>>().toEqualTypeOf<"a" | "b">();
  expectTypeOf<ColumnKeys<OnlyReadonly>>().toEqualTypeOf<never>();
  // @ts-expect-error a readonly field is not a column
  expectTypeOf<ColumnKeys<FirstReadonly>>().toEqualTypeOf<"a" | "b" | "c">();
}
