package io.courtside.services.stack;

import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

/**
 * Tests that launch the real broker need services/broker packaged. Locally they are skipped when it
 * is not (e.g. `mvn test` on this module alone); under CI a missing build is a failure, so the
 * broker is never silently untested there.
 */
final class BrokerBuilt {

  private BrokerBuilt() {}

  static void require() {
    if (KafkaBrokerProcess.isBuilt()) {
      return;
    }
    String why =
        "courtside-broker is not packaged under "
            + KafkaBrokerProcess.courtsideHome()
            + "/services/broker/target (run `mvn package` from the root)";
    String ci = System.getenv("CI");
    if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
      fail(why);
    }
    assumeTrue(why, false);
  }
}
