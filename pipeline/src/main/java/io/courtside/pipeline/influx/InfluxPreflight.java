package io.courtside.pipeline.influx;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the sink's credentials once, where the job is launched, before anything runs: wrong
 * credentials then end the launch with one clear error instead of failing bundles. An InfluxDB
 * that cannot be reached yet is only a warning: the sink retries. v1 only; v2 has no query
 * endpoint common to InfluxDB 2.x/3.x and QuestDB, so there the first write checks (and fails the
 * job at once on 401/403).
 */
public final class InfluxPreflight {
  private static final Logger LOG = LoggerFactory.getLogger(InfluxPreflight.class);

  private InfluxPreflight() {}

  /** Throws IllegalStateException with a clear message when the credentials are refused. */
  public static void check(InfluxTarget target) {
    if (target.api() != InfluxTarget.Api.V1) {
      return;
    }
    InfluxDbClient client = new InfluxDbClient(target, InfluxCredentials.header(target));
    try {
      client.query("SHOW DATABASES"); // allowed to every user that authenticates
    } catch (InfluxDbException e) {
      if (e.authFailure()) {
        throw new IllegalStateException(e.getMessage());
      }
      LOG.warn("InfluxDB check failed, the sink will retry when the job writes: {}", e.getMessage());
    }
  }
}
