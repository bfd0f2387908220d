package io.courtside.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.Test;
import picocli.CommandLine;

/** A mistyped flag is named, even when a required flag is missing because of it. */
public class UnknownFlagsFirstTest {
  private static String run(int expectedExit, String... args) {
    CommandLine cli = Courtside.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    assertEquals(String.join(" ", args) + "\n" + err, expectedExit, cli.execute(args));
    return err.toString();
  }

  @Test
  public void aTypoOfARequiredFlagIsNamedWithTheFlagItMeant() {
    String err = run(2, "ingest", "--sorce=file", "--file=posts.jsonl");
    assertTrue(err, err.startsWith("Unknown option: '--sorce=file'"));
    assertTrue(err, err.contains("--source"));
    assertTrue(err, !err.contains("Missing required option"));
  }

  @Test
  public void aMissingRequiredFlagAloneIsStillSaid() {
    String err = run(2, "ingest", "--file=posts.jsonl");
    assertTrue(err, err.startsWith("Missing required option: '--source=SOURCE'"));
  }

  @Test
  public void anUnknownFlagOfACommandWithoutRequiredFlagsIsAsBefore() {
    String err = run(2, "stack", "start", "--statedir=/tmp/x");
    assertTrue(err, err.startsWith("Unknown option: '--statedir=/tmp/x'"));
    assertTrue(err, err.contains("--stateDir"));
  }

  /**
   * A bad flag value is one line naming the flag and one saying where the flags are; picocli
   * printed the command's whole usage after it (20 lines for stack start).
   */
  @Test
  public void aBadValueIsOneLineAndAHintNotTheWholeUsage() {
    assertEquals(
        "Invalid value for option '--kafkaPort': '70000' is not a port: give 1 to 65535, or 0 for"
            + " any free port\n"
            + "Run `courtside stack start --help` for its flags.\n",
        run(2, "stack", "start", "--kafkaPort=70000", "--stateDir=/nonexistent/x"));
    assertEquals(
        "--partitions must be at least 1, got 0\n"
            + "Run `courtside stack start --help` for its flags.\n",
        run(2, "stack", "start", "--partitions=0", "--stateDir=/nonexistent/x"));
  }
}
