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
}
