import { expect } from "chai";
import { OrmError } from "../../lib";
import { loadDriver } from "../../lib/engine/load-driver";

describe("loadDriver", () => {
  it("names the npm package to install when a driver is missing", () => {
    let caught: unknown;
    try {
      loadDriver("some-package-that-does-not-exist", "X");
    } catch (error) {
      caught = error;
    }
    expect(caught).to.be.instanceOf(OrmError);
    const error = caught as OrmError;
    expect(error.message).to.include("npm install some-package-that-does-not-exist");
    expect(error.message).to.include('X needs the "some-package-that-does-not-exist" package');
    expect((error.cause as { code?: string }).code).to.equal("MODULE_NOT_FOUND");
  });

  it("returns the module when the driver is installed", () => {
    const pg = loadDriver<typeof import("pg")>("pg", "PostgresEngine");
    expect(pg.Pool).to.be.a("function");
  });

  it("rethrows, unwrapped, an error raised while loading an installed driver", () => {
    expect(() => loadDriver("../../test/unit/fixtures/broken-driver", "X")).to.throw(Error, /^broken on load$/);
  });

  it("does not blame the driver when one of the driver's own dependencies is missing", () => {
    let caught: unknown;
    try {
      loadDriver("../../test/unit/fixtures/driver-missing-dependency", "X");
    } catch (error) {
      caught = error;
    }
    expect(caught).not.to.be.instanceOf(OrmError);
    expect((caught as Error).message).to.include("some-inner-dependency-that-does-not-exist");
  });
});
