package io.courtside.pipeline.influx;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.Test;

public class InfluxCredentialsTest {
  private static InfluxTarget v1(String user, String passwordFile) {
    return new InfluxTarget(
        InfluxTarget.Api.V1,
        "http://127.0.0.1:1",
        "db",
        null,
        null,
        user,
        passwordFile,
        null,
        false);
  }

  @Test
  public void v1PasswordFromTheEnvironmentBecomesBasicAuth() {
    var h =
        InfluxCredentials.header(v1("writer", null), Map.of("INFLUX_PASSWORD", "pw")::get)
            .orElseThrow();
    assertEquals(
        "Basic " + Base64.getEncoder().encodeToString("writer:pw".getBytes(StandardCharsets.UTF_8)),
        h.value());
    assertThat(h.toString(), not(containsString("pw")));
  }

  @Test
  public void aFileWinsOverTheEnvironment() throws Exception {
    Path f = Files.createTempFile("pw", "");
    Files.writeString(f, "from-file\n");
    var h = InfluxCredentials.header(v1("w", f.toString()), Map.of("INFLUX_PASSWORD", "env")::get);
    assertEquals(
        "Basic "
            + Base64.getEncoder().encodeToString("w:from-file".getBytes(StandardCharsets.UTF_8)),
        h.orElseThrow().value());
    Files.delete(f);
  }

  @Test
  public void aUserWithoutPasswordIsAClearErrorAndNoUserMeansNoAuth() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> InfluxCredentials.header(v1("w", null), k -> null));
    assertThat(e.getMessage(), containsString("INFLUX_PASSWORD"));
    assertTrue(InfluxCredentials.header(v1(null, null), k -> "x").isEmpty());
  }

  @Test
  public void credentialsInTheUrlAreRefusedWithoutRepeatingThem() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> InfluxTarget.v1("http://u:hunter2@127.0.0.1:8086", "db"));
    assertThat(e.getMessage(), not(containsString("hunter2")));
  }

  @Test
  public void v2NeedsOrgAndBucket() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new InfluxTarget(
                InfluxTarget.Api.V2, "http://h", null, "o", null, null, null, null, false));
  }

  private static InfluxTarget v2(String tokenFile) {
    return new InfluxTarget(
        InfluxTarget.Api.V2, "http://127.0.0.1:1", null, "o", "b", null, null, tokenFile, false);
  }

  @Test
  public void aTokenWithATrailingNewlineFromTheEnvironmentIsSentWithoutIt() {
    // The classic Kubernetes secret mistake: `echo token | kubectl create secret ...`.
    var h =
        InfluxCredentials.header(v2(null), Map.of("INFLUX_TOKEN", "tk-SECRET\n")::get)
            .orElseThrow();
    assertEquals("Token tk-SECRET", h.value());
  }

  @Test
  public void aTokenFileWithAUtf8BomAndCrlfIsCleaned() throws Exception {
    Path f = Files.createTempFile("token", "");
    Files.write(f, "\uFEFFtk-SECRET\r\n".getBytes(StandardCharsets.UTF_8));
    var h = InfluxCredentials.header(v2(f.toString()), k -> null).orElseThrow();
    assertEquals("Token tk-SECRET", h.value());
    Files.delete(f);
  }

  @Test
  public void aPasswordWithATrailingNewlineFromTheEnvironmentIsSentWithoutIt() {
    var h =
        InfluxCredentials.header(v1("w", null), Map.of("INFLUX_PASSWORD", "pw-SECRET\r\n")::get);
    assertEquals(
        "Basic "
            + Base64.getEncoder().encodeToString("w:pw-SECRET".getBytes(StandardCharsets.UTF_8)),
        h.orElseThrow().value());
  }

  @Test
  public void aControlCharacterInsideASecretIsRefusedAndNeverPrinted() throws Exception {
    IllegalStateException env =
        assertThrows(
            IllegalStateException.class,
            () ->
                InfluxCredentials.header(
                    v2(null), Map.of("INFLUX_TOKEN", "tk-SECRET\u0007more-SECRET")::get));
    assertThat(env.getMessage(), containsString("INFLUX_TOKEN"));
    assertThat(env.getMessage(), containsString("holds a control or invisible character"));
    assertThat(env.getMessage(), not(containsString("SECRET")));

    Path f = Files.createTempFile("pw", "");
    Files.writeString(f, "pw-SECRET\nsecond-line-SECRET\n");
    IllegalStateException file =
        assertThrows(
            IllegalStateException.class,
            () -> InfluxCredentials.header(v1("w", f.toString()), k -> null));
    assertThat(file.getMessage(), containsString("--influxPasswordFile " + f));
    assertThat(file.getMessage(), not(containsString("SECRET")));
    Files.delete(f);
  }

  /** A folder given as the secret's file said only "cannot read ...: IOException". */
  @Test
  public void aFolderGivenAsTheSecretFileIsNamedAsAFolder() throws Exception {
    Path dir = Files.createTempDirectory("pw");
    IllegalStateException password =
        assertThrows(
            IllegalStateException.class,
            () -> InfluxCredentials.header(v1("w", dir.toString()), k -> null));
    assertEquals(
        "--influxPasswordFile="
            + dir
            + ": is a folder, not a file; give the file that holds the password",
        password.getMessage());
    IllegalStateException token =
        assertThrows(
            IllegalStateException.class,
            () -> InfluxCredentials.header(v2(dir.toString()), k -> null));
    assertEquals(
        "--influxTokenFile="
            + dir
            + ": is a folder, not a file; give the file that holds the token",
        token.getMessage());
    Files.delete(dir);
  }

  /** INFLUX_PASSWORD without --influxUser was ignored, silently: a 401 followed. */
  @Test
  public void aV1PasswordWithoutAUserIsRefusedNamingBothAndNotThePassword() throws Exception {
    IllegalArgumentException env =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                InfluxCredentials.requireUserWithPassword(
                    v1(null, null), Map.of("INFLUX_PASSWORD", "pw-SECRET")::get));
    assertEquals(
        "INFLUX_PASSWORD is set but --influxUser is not: InfluxDB v1 logs in with a user and its"
            + " password; give --influxUser=NAME, or unset INFLUX_PASSWORD to connect without a"
            + " login",
        env.getMessage());
    // An empty --influxUser= is no user either.
    assertThrows(
        IllegalArgumentException.class,
        () ->
            InfluxCredentials.requireUserWithPassword(
                v1("", null), Map.of("INFLUX_PASSWORD", "pw-SECRET")::get));

    Path f = Files.createTempFile("pw", "");
    Files.writeString(f, "pw-SECRET\n");
    IllegalArgumentException file =
        assertThrows(
            IllegalArgumentException.class,
            () -> InfluxCredentials.requireUserWithPassword(v1(null, f.toString()), k -> null));
    assertEquals(
        "--influxPasswordFile="
            + f
            + " is given but --influxUser is not: InfluxDB v1 logs in with a user and its"
            + " password; give --influxUser=NAME, or drop --influxPasswordFile to connect without"
            + " a login",
        file.getMessage());
    Files.delete(f);

    // Nothing to refuse: no password, a user with it, an empty variable, or v2 (a token).
    InfluxCredentials.requireUserWithPassword(v1(null, null), k -> null);
    InfluxCredentials.requireUserWithPassword(v1(null, null), Map.of("INFLUX_PASSWORD", "")::get);
    InfluxCredentials.requireUserWithPassword(
        v1("w", null), Map.of("INFLUX_PASSWORD", "pw-SECRET")::get);
    InfluxCredentials.requireUserWithPassword(
        v2(null), Map.of("INFLUX_PASSWORD", "pw-SECRET")::get);
  }
}
