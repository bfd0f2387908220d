package io.courtside.services.stack;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import picocli.CommandLine;

/** {@code stack start} refuses what it must not print or keep, before it starts anything. */
public class StackStartTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void anInfluxUrlWithCredentialsIsRefusedAndTheSecretIsNeverPrinted() throws Exception {
    Path state = tmp.newFolder("courtside-stack-start").toPath();
    for (String url :
        new String[] {
          "http://admin:s3cret-pw@127.0.0.1:8086", "https://s3cret-pw@influx.example:443/"
        }) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(new StackCommand());
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int code = cli.execute("start", "--stateDir=" + state, "--influxUrl=" + url);
      assertEquals(err.toString(), StackCommand.USAGE, code);
      assertTrue(err.toString(), err.toString().contains("must not contain credentials"));
      assertFalse("secret printed: " + out + err, (out.toString() + err).contains("s3cret"));
      assertFalse("something was started", Files.exists(state.resolve(StackState.FILE)));
    }
  }

  /**
   * A count the stack cannot start with is a usage error naming its flag; --partitions=0 was a
   * stack trace of StackConfig's "kafkaPartitions must be >= 1, was 0" (exit 1).
   */
  @Test
  public void aCountBelowOneIsRefusedAsItsFlagBeforeAnythingStarts() throws Exception {
    Path state = tmp.newFolder("courtside-stack-counts").toPath();
    String[][] cases = {
      {"--partitions=0", "--partitions must be at least 1, got 0"},
      {"--partitions=-2", "--partitions must be at least 1, got -2"},
      {
        "--timeout=0",
        "--timeout must be at least 1 (seconds each service may take to start), got 0"
      },
      {
        "--timeout=-5",
        "--timeout must be at least 1 (seconds each service may take to start), got -5"
      }
    };
    for (String[] c : cases) {
      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(new StackCommand());
      cli.setOut(new PrintWriter(new StringWriter(), true));
      cli.setErr(new PrintWriter(err, true));
      int code =
          cli.execute("start", "--kafkaPort=0", "--influxPort=0", "--stateDir=" + state, c[0]);
      assertEquals(c[0] + ": " + err, StackCommand.USAGE, code);
      assertEquals(c[0], c[1], err.toString().lines().findFirst().orElse(""));
      assertFalse(err.toString(), err.toString().contains("Exception"));
      assertFalse("something was started", Files.exists(state.resolve(StackState.FILE)));
    }
  }

  @Test
  public void aUrlWithCredentialsCannotBeConfiguredEither() {
    IllegalArgumentException e =
        org.junit.Assert.assertThrows(
            IllegalArgumentException.class,
            () -> StackConfig.defaults().withExternalInfluxUrl("http://u:topsecret@127.0.0.1:1"));
    assertFalse(e.getMessage().contains("topsecret"));
  }
}
