/** Validation options of insert(), update(), save() and validate(). */
import { expectTypeOf } from "expect-type";
import { validate, type FieldError, type SaveOptions } from "../../lib";
import { Band } from "./schema";

export async function validationTypes(band: Band): Promise<void> {
  // The per-call opt-out keeps each builder's type.
  expectTypeOf(await Band.insert({ name: "x" }).validate(false)).toEqualTypeOf<{ id: number }[]>();
  expectTypeOf(Band.update({ popularity: 1 }).where(Band.c.id.eq(1)).validate(false)).toEqualTypeOf(
    Band.update({ popularity: 1 }).where(Band.c.id.eq(1)),
  );
  // @ts-expect-error validate() takes a boolean
  void Band.insert({ name: "x" }).validate("no");

  // save(): column names, then options; options alone.
  expectTypeOf(await band.save({ validate: false })).toEqualTypeOf<Band>();
  await band.save("popularity", { validate: false });
  await band.save("name", "popularity");
  expectTypeOf<{ validate: false }>().toMatchTypeOf<SaveOptions>();
  // @ts-expect-error options come last
  await band.save({ validate: false }, "popularity");
  // @ts-expect-error no such option
  await band.save({ validat: false });
  // @ts-expect-error no such column
  await band.save("nme", { validate: false });

  // validate(): the table's values, or an instance; field errors back.
  expectTypeOf(await validate({ name: "x" }, Band)).toEqualTypeOf<FieldError[]>();
  await validate(band, Band, { partial: true });
  // @ts-expect-error Band has no column "nme"
  await validate({ nme: "x" }, Band);
  // @ts-expect-error popularity is a number
  await validate({ popularity: "x" }, Band, { partial: true });
  // @ts-expect-error no such option
  await validate({ name: "x" }, Band, { partal: true });
}
