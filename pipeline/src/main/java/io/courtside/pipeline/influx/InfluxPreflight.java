package io.courtside.pipeline.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the sink's target once, where the job is launched, before anything runs, so that a wrong
 * setup ends the launch with one clear error instead of failing bundles:
 *
 * <ul>
 *   <li>v1: the database exists, or is created; a user who may not create it (403: not an admin)
 *       and whose database is missing is told to have it created, rather than the job writing into
 *       a missing database;
 *   <li>v1 and v2: an empty write (no points) to the write endpoint: InfluxDB checks the
 *       credentials, the write permission and that the database or bucket exists before it reads
 *       the body. 401/403 and 404 stop the launch; a server that refuses an empty body (400) proves
 *       nothing either way, and the first real write checks again.
 * </ul>
 *
 * An InfluxDB that cannot be reached yet is only a warning: the sink retries.
 */
public final class InfluxPreflight {
  private static final Logger LOG = LoggerFactory.getLogger(InfluxPreflight.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private InfluxPreflight() {}

  /** Throws IllegalStateException with a clear message when the target cannot take the points. */
  public static void check(InfluxTarget target) {
    InfluxDbClient client = new InfluxDbClient(target, InfluxCredentials.header(target));
    boolean createRefused = false;
    try {
      if (target.api() == InfluxTarget.Api.V1) {
        createRefused = !ensureDatabase(client, target);
      }
      client.writeNothing();
    } catch (InfluxDbException e) {
      if (createRefused && e.status() == 404) {
        throw new IllegalStateException(
            "InfluxDB database "
                + target.database()
                + " does not exist and user "
                + target.user()
                + " may not create it (403: not an admin). Have an admin run CREATE DATABASE \""
                + target.database()
                + "\" and GRANT WRITE ON \""
                + target.database()
                + "\" TO \""
                + target.user()
                + "\", then start again.");
      }
      if (e.authFailure() || e.status() == 404) {
        throw new IllegalStateException(e.getMessage());
      }
      if (e.pointsRefused()) {
        LOG.info(
            "InfluxDB refused an empty write ({}); the first write checks the target", e.status());
        return;
      }
      LOG.warn(
          "InfluxDB check failed, the sink will retry when the job writes: {}", e.getMessage());
    }
  }

  /**
   * Creates the database unless SHOW DATABASES lists it; false when the user may not (403): the
   * empty write then tells whether it exists (a non-admin may not see every database it can use).
   */
  private static boolean ensureDatabase(InfluxDbClient client, InfluxTarget target)
      throws InfluxDbException {
    if (databases(client.query("SHOW DATABASES")).contains(target.database())) {
      return true;
    }
    try {
      client.createDatabase();
      return true;
    } catch (InfluxDbException e) {
      if (e.status() != 403) {
        throw e;
      }
      return false;
    }
  }

  private static java.util.Set<String> databases(String answer) {
    java.util.Set<String> names = new java.util.HashSet<>();
    try {
      JsonNode values =
          JSON.readTree(answer.isEmpty() ? "{}" : answer)
              .path("results")
              .path(0)
              .path("series")
              .path(0)
              .path("values");
      values.forEach(v -> names.add(v.path(0).asText()));
    } catch (IOException e) {
      // Unreadable: CREATE DATABASE decides.
    }
    return names;
  }
}
