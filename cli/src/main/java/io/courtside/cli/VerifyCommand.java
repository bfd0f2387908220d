package io.courtside.cli;

import io.courtside.pipeline.config.JobConfig;
import io.courtside.pipeline.influx.InfluxCredentials;
import io.courtside.pipeline.verify.TopicRead;
import io.courtside.pipeline.verify.Verify;
import io.courtside.pipeline.verify.VerifyException;
import io.courtside.pipeline.verify.VerifyReport;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code courtside verify}: recounts every window from the topic with the job's own code and
 * compares with InfluxDB. Exit 0 when everything matches (within the lateness band), 1 on any
 * difference, 2 on a bad flag or a server that cannot be reached.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Prove the dashboard right: read the whole topic, recount every window with the job's own"
          + " code, compare with InfluxDB, print a table.",
      "Exit 0: equal (within the lateness band); 1: a difference; 2: bad flags or a server that"
          + " cannot be reached.",
      "Give the job's own flags (--name=value) that affect counting: --bootstrapServers,"
          + " --kafkaConfig, --topic, --windowSize, --allowedLateness, --maxOutOfOrderness,"
          + " --partitionIdleness (default 10s), --lexiconOverlay, --watchlist, --maxRecordBytes,"
          + " --maxTextLength, and --influxUrl, --influxDatabase, --influxUser,"
          + " --influxPasswordFile. Any other flag of the job (--consumerGroup, --backfill, a"
          + " runner's) is refused: verify does not use it."
    })
public final class VerifyCommand implements Callable<Integer> {
  private static final long PROGRESS_EVERY_NANOS = 3_000_000_000L;

  @Option(
      names = "--from",
      paramLabel = "INSTANT",
      description =
          "Compare only windows starting at or after this ISO instant, e.g. 2026-05-20T01:00:00Z.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "INSTANT",
      description = "Compare only windows starting before this ISO instant.")
  String to;

  // @Unmatched, not @Parameters: the job's flags are Beam flags, parsed by the job's parser.
  @Unmatched List<String> jobArgs = new ArrayList<>();

  @Spec CommandLine.Model.CommandSpec spec;

  /** Runs {@code courtside verify ARGS} on stdout and stderr; returns the exit code. */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /**
   * Runs {@code courtside verify ARGS} printing to {@code out} and {@code err}; returns the exit
   * code.
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new VerifyCommand());
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    JobConfig config;
    Instant fromInstant;
    Instant toInstant;
    try {
      fromInstant = instant("--from", from);
      toInstant = instant("--to", to);
      if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
        throw new IllegalArgumentException("--from=" + from + " must be before --to=" + to);
      }
      config = Verify.parseCommandLine(jobArgs.toArray(new String[0]));
      InfluxCredentials.requireUserWithPassword(config.sink().target());
    } catch (IllegalArgumentException e) {
      err.println("courtside verify: " + e.getMessage());
      err.println("Run `courtside verify --help`; the job's flags: `courtside pipeline --help`.");
      return 2;
    }
    err.printf(
        "courtside verify: reading %s at %s, comparing with %s/%s%n",
        config.kafka().topic(),
        config.kafka().bootstrapServers(),
        config.sink().target().url(),
        config.sink().target().database());
    VerifyReport report;
    try {
      report = Verify.run(config, fromInstant, toInstant, progress(err));
    } catch (IllegalArgumentException | VerifyException e) {
      err.println("courtside verify: " + e.getMessage());
      return 2;
    }
    report.print(out);
    return report.exitCode();
  }

  private static Instant instant(String flag, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          flag + "=" + value + " is not an ISO instant; use e.g. 2026-05-20T01:00:00Z");
    }
  }

  /** Records read / total on stderr, every few seconds and at the end. */
  private static TopicRead.Progress progress(PrintWriter err) {
    long[] last = {System.nanoTime(), -1};
    return (read, total) -> {
      long now = System.nanoTime();
      if ((read == total && last[1] != read) || now - last[0] >= PROGRESS_EVERY_NANOS) {
        last[0] = now;
        last[1] = read;
        err.printf("courtside verify: read %,d / %,d records%n", read, total);
        err.flush();
      }
    };
  }
}
