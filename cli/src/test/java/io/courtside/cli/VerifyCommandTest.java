package io.courtside.cli;

import static org.junit.Assert.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.Test;

/** {@code courtside verify}'s command line: refusals come before anything connects. */
public class VerifyCommandTest {
  private static final String HINT =
      "Run `courtside verify --help`; the job's flags: `courtside pipeline --help`.\n";

  /** What {@code args} print on standard error; the exit must be 2. */
  private static String refusal(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = VerifyCommand.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    assertEquals(err.toString(), 2, exit);
    assertEquals("", out.toString());
    return err.toString();
  }

  /** A flag of the job that verify does not use was taken and ignored without a word. */
  @Test
  public void aFlagOfTheJobThatVerifyDoesNotUseIsRefusedNamingIt() {
    assertEquals(
        "courtside verify: --consumerGroup is a flag of the job that verify does not use: drop it"
            + " (verify's --help lists the flags it takes)\n"
            + HINT,
        refusal("--bootstrapServers=127.0.0.1:1", "--consumerGroup=x"));
    assertEquals(
        "courtside verify: --backfill is a flag of the job that verify does not use: drop it"
            + " (verify's --help lists the flags it takes)\n"
            + HINT,
        refusal("--backfill", "--topic=t"));
    assertEquals(
        "courtside verify: --targetParallelism is a flag of the job that verify does not use:"
            + " drop it (verify's --help lists the flags it takes)\n"
            + HINT,
        refusal("--targetParallelism=4"));
  }

  /** A typo is still said by the job's parser, with its suggestion, before an unused flag. */
  @Test
  public void anUnknownFlagIsSaidFirstWithTheJobsSuggestion() {
    assertEquals(
        "courtside verify: --topc is not a flag of this job: did you mean --topic?\n" + HINT,
        refusal("--consumerGroup=x", "--topc=t"));
  }

  /** The flags verify takes pass this check; the first bad value is still the job's message. */
  @Test
  public void theFlagsVerifyTakesAreNotRefused() {
    assertEquals(
        "courtside verify: --windowSize=often is not a duration; use e.g. 500ms, 30s, 1m, 2h or"
            + " PT1M\n"
            + HINT,
        refusal(
            "--bootstrapServers=127.0.0.1:1",
            "--topic=t",
            "--allowedLateness=1m",
            "--maxOutOfOrderness=2s",
            "--partitionIdleness=10s",
            "--maxRecordBytes=1000",
            "--maxTextLength=100",
            "--influxUrl=http://127.0.0.1:1",
            "--influxDatabase=db",
            "--windowSize=often"));
  }
}
