package io.courtside.pipeline.influx;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;

/** The launch-time checks of the sink's target, against {@link ScriptedInfluxServer}. */
public class InfluxPreflightTest {
  @Rule public final ScriptedInfluxServer server = new ScriptedInfluxServer();

  private static final String NO_DATABASES =
      "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"databases\",\"columns\":[\"name\"],\"values\":[[\"_internal\"]]}]}]}";

  private InfluxTarget v1User(Path passwordFile) {
    return new InfluxTarget(
        InfluxTarget.Api.V1,
        server.url(),
        "courtside",
        null,
        null,
        "writer",
        passwordFile.toString(),
        null,
        false);
  }

  private InfluxTarget v2(Path tokenFile) {
    return new InfluxTarget(
        InfluxTarget.Api.V2,
        server.url(),
        null,
        "acme",
        "posts",
        null,
        null,
        tokenFile.toString(),
        false);
  }

  private static Path secret(String s) throws Exception {
    Path f = Files.createTempFile("secret", ".txt");
    f.toFile().deleteOnExit();
    Files.writeString(f, s);
    return f;
  }

  /**
   * A v1 user that is not an admin: its CREATE DATABASE answers 403, and the database is missing.
   */
  @Test
  public void aV1UserWhoMayNotCreateTheMissingDatabaseIsToldAtLaunch() throws Exception {
    server.queryAnswers.add(new String[] {"200", NO_DATABASES});
    server.queryAnswers.add(new String[] {"403", "{\"error\":\"requires admin privilege\"}"});
    server.statuses.add(404); // the empty write: {"error":"database not found: \"courtside\""}
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> InfluxPreflight.check(v1User(secret("s3cret-pw"))));
    assertTrue(e.getMessage(), e.getMessage().contains("database courtside does not exist"));
    assertTrue(e.getMessage(), e.getMessage().contains("writer"));
    assertFalse(e.getMessage(), e.getMessage().contains("s3cret-pw"));
  }

  @Test
  public void aV1DatabaseTheUserCanSeeNeedsNoAdmin() throws Exception {
    server.queryAnswers.add(
        new String[] {
          "200", NO_DATABASES.replace("\"_internal\"", "\"_internal\"],[\"courtside\"")
        });
    InfluxPreflight.check(v1User(secret("pw")));
    assertEquals(1, server.queries.size()); // no CREATE DATABASE
    assertEquals(1, server.writeRequests.get()); // the empty write: may this user write?
  }

  @Test
  public void aMissingV2BucketStopsTheLaunch() throws Exception {
    server.statuses.add(404);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> InfluxPreflight.check(v2(secret("tok-123"))));
    assertTrue(e.getMessage(), e.getMessage().contains("bucket posts"));
    assertFalse(e.getMessage(), e.getMessage().contains("tok-123"));
  }

  @Test
  public void aV2TokenThatMayNotWriteStopsTheLaunch() throws Exception {
    server.statuses.add(403);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> InfluxPreflight.check(v2(secret("tok-123"))));
    assertTrue(e.getMessage(), e.getMessage().contains("403"));
    assertFalse(e.getMessage(), e.getMessage().contains("tok-123"));
  }

  @Test
  public void aV2TargetThatAcceptsAnEmptyWritePasses() throws Exception {
    InfluxPreflight.check(v2(secret("tok-123")));
    assertEquals(1, server.writeRequests.get());
    assertEquals("Token tok-123", server.lastAuthorization);
    assertTrue(
        server.lastWritePath,
        server.lastWritePath.startsWith("/api/v2/write?org=acme&bucket=posts"));
    assertTrue(server.writtenLines.stream().allMatch(String::isEmpty));
  }
}
