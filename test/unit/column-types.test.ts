import { expect } from "chai";
import { ArrayColumn, Bytea, Email, Integer, Interval, Secret, Time, Varchar, ValidationError, uuid7 } from "../../lib";

const layout = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The 48-bit millisecond timestamp at the front of a v7 UUID. */
function timestampOf(uuid: string): number {
  return parseInt(uuid.replace(/-/g, "").slice(0, 12), 16);
}

/** Runs fn with Date.now() returning the given times in turn (the last one repeated). */
function withClock<R>(times: number[], fn: () => R): R {
  const real = Date.now;
  let i = 0;
  Date.now = () => times[Math.min(i++, times.length - 1)]!;
  try {
    return fn();
  } finally {
    Date.now = real;
  }
}

describe("column types: values without a database", () => {
  describe("uuid7()", () => {
    it("has the RFC 9562 layout: version 7, variant 10, the current Unix milliseconds first", () => {
      const before = Date.now();
      const id = uuid7();
      const after = Date.now();
      expect(id).to.match(layout);
      expect(timestampOf(id)).to.be.within(before, after);
    });

    it("is strictly increasing, also within one millisecond", () => {
      // The stubbed clock stays a few milliseconds ahead at most, so later UUIDs are not held back.
      const now = Date.now() + 2;
      const ids = withClock([now], () => Array.from({ length: 10_000 }, () => uuid7()));
      for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!, `${ids[i - 1]} < ${ids[i]}`).to.equal(true);
      expect(new Set(ids.map(timestampOf))).to.deep.equal(new Set([now]));
      const fresh = Array.from({ length: 50_000 }, () => uuid7());
      expect(new Set(fresh).size).to.equal(fresh.length);
      for (let i = 1; i < fresh.length; i++) if (!(fresh[i]! > fresh[i - 1]!)) expect.fail(`not increasing at ${i}`);
    });

    it("stays increasing when the clock steps back", () => {
      const now = Date.now() + 5;
      const ids = withClock([now, now - 500, now - 400], () => [uuid7(), uuid7(), uuid7()]);
      expect(ids[1]! > ids[0]!).to.equal(true);
      expect(ids[2]! > ids[1]!).to.equal(true);
      expect(ids.map(timestampOf)).to.deep.equal([now, now, now]);
      // Back to the real clock, earlier than the stubbed future: still increasing.
      expect(uuid7() > ids[2]!).to.equal(true);
    });
  });

  describe("coercion", () => {
    const check = (type: { check(v: unknown, t: string, c: string): unknown }, value: unknown) =>
      type.check(value, "t", "c");

    it("Interval keeps whole microseconds and refuses -0 surprises", () => {
      expect(check(Interval(), 1.0004)).to.equal(1);
      expect(check(Interval(), 1.0005)).to.equal(1.001);
      expect(Object.is(check(Interval(), -0), 0)).to.equal(true);
      expect(Object.is(check(Interval(), -0.0001), 0)).to.equal(true);
      expect(() => check(Interval(), 9_007_199_254_741.5)).to.throw(ValidationError);
      expect(check(Interval(), Number.MAX_SAFE_INTEGER)).to.equal(Number.MAX_SAFE_INTEGER);
    });

    it("Time canonicalises to HH:MM:SS[.fraction without trailing zeros]", () => {
      expect(check(Time(), "07:05")).to.equal("07:05:00");
      expect(check(Time(), "07:05:03.120000")).to.equal("07:05:03.12");
      expect(check(Time(), "24:00")).to.equal("24:00:00");
      expect(check(Time(), new Date("2020-01-01T01:02:03.004Z"))).to.equal("01:02:03.004");
      for (const bad of ["24:00:01", "7:05", "07:5", "07:05:60"])
        expect(() => check(Time(), bad), bad).to.throw(ValidationError);
    });

    it("Bytea copies other Uint8Arrays into a Buffer", () => {
      const bytes = new Uint8Array([1, 2]);
      const result = check(Bytea(), bytes) as Buffer;
      expect(Buffer.isBuffer(result)).to.equal(true);
      bytes[0] = 9;
      expect([...result]).to.deep.equal([1, 2]);
    });

    it("Email follows the HTML standard's definition and the length", () => {
      expect(check(Email(), "first.last+tag@example.museum")).to.equal("first.last+tag@example.museum");
      expect(() => check(Email({ length: 10 }), "ann@example.com")).to.throw(ValidationError, /at most 10 characters/);
      expect(() => check(Email(), "ann@example..com")).to.throw(ValidationError);
      expect(Email().checkOperand("anything", "t", "c")).to.equal("anything");
    });

    it("Secret is a Varchar with the secret option; any type takes it", () => {
      expect(Secret().secret).to.equal(true);
      expect(Secret().kind).to.equal("varchar");
      expect(Integer({ secret: true }).secret).to.equal(true);
      expect(Varchar().secret).to.equal(false);
    });

    it("ArrayColumn checks elements with the element type, choices included", () => {
      const tags = ArrayColumn(Varchar({ length: 3, choices: ["a", "b"] }));
      expect(check(tags, ["a", "b", "a"])).to.deep.equal(["a", "b", "a"]);
      expect(() => check(tags, ["c"])).to.throw(ValidationError, /one of "a", "b"/);
      // Operands are compared, not stored: choices and lengths do not apply to them.
      expect(tags.checkOperand(["zzzz"], "t", "c")).to.deep.equal(["zzzz"]);
    });
  });
});
