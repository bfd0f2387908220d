package io.courtside.pipeline.verify;

import io.courtside.pipeline.config.JobConfig;
import io.courtside.pipeline.influx.InfluxCredentials;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxTarget;
import io.courtside.pipeline.options.BeamFlags;
import io.courtside.pipeline.options.CourtsideOptions;
import io.courtside.pipeline.options.FlagException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The proof that InfluxDB holds what the topic says: read the whole topic, {@link Recount} it with
 * the job's own code, read what is stored ({@link StoredWindows}), compare ({@link VerifyReport}).
 */
public final class Verify {
  private Verify() {}

  /**
   * The job's flags that {@code courtside verify} takes: those that decide the counts, and where to
   * read the topic and InfluxDB. The v2 flags are taken so that {@link #run} can say why v2 is not
   * read.
   */
  public static final List<String> FLAGS =
      List.of(
          "bootstrapServers",
          "kafkaConfig",
          "topic",
          "windowSize",
          "allowedLateness",
          "maxOutOfOrderness",
          "partitionIdleness",
          "lexiconOverlay",
          "watchlist",
          "maxRecordBytes",
          "maxTextLength",
          "influxApi",
          "influxUrl",
          "influxDatabase",
          "influxUser",
          "influxPasswordFile",
          "influxOrg",
          "influxBucket",
          "influxTokenFile");

  /**
   * The job's flags, parsed and checked by the job's own parser: same names, defaults and errors.
   * Throws IllegalArgumentException naming a bad flag.
   */
  public static JobConfig parse(String... args) {
    return JobConfig.of(JobConfig.options(args));
  }

  /**
   * {@link #parse} for {@code courtside verify}'s own command line, which also refuses a flag of
   * the job that verify does not use ({@code --consumerGroup}, {@code --backfill}, a runner's): it
   * was taken and ignored without a word. A flag unknown to the job is left to the job's parser,
   * and said first, with its suggestion.
   */
  public static JobConfig parseCommandLine(String... args) {
    PipelineOptionsFactory.register(CourtsideOptions.class);
    boolean allKnown = true;
    for (String arg : args) {
      String name = flagName(arg);
      if (name != null && !BeamFlags.isFlag(PipelineOptionsFactory.getRegisteredOptions(), name)) {
        allKnown = false;
      }
    }
    if (allKnown) {
      refuseUnused(args);
    }
    JobConfig config = parse(args); // refuses an unknown flag, with the job's suggestion
    refuseUnused(args);
    return config;
  }

  private static void refuseUnused(String... args) {
    for (String arg : args) {
      String name = flagName(arg);
      if (name != null && !FLAGS.contains(name) && !name.equals("help")) {
        throw new FlagException(
            "--"
                + name
                + " is a flag of the job that verify does not use: drop it (verify's --help lists"
                + " the flags it takes)");
      }
    }
  }

  /** {@code name} of {@code --name} or {@code --name=value}; null for anything else. */
  private static String flagName(String arg) {
    if (!arg.startsWith("--") || arg.length() == 2) {
      return null;
    }
    int eq = arg.indexOf('=');
    return eq < 0 ? arg.substring(2) : arg.substring(2, eq);
  }

  /**
   * Compares the windows starting in [from, to) (null: unbounded).
   *
   * @throws IllegalArgumentException a bad flag, also a {@code --windowSize} the stored windows
   *     cannot have been made with ({@link WindowAlignment})
   * @throws VerifyException a server that cannot be reached, a missing topic or database
   */
  public static VerifyReport run(JobConfig c, Instant from, Instant to, TopicRead.Progress progress)
      throws VerifyException {
    Recount recount = new Recount(Recount.Settings.of(c, from, to));
    InfluxTarget target = c.sink().target();
    if (target.api() != InfluxTarget.Api.V1) {
      throw new IllegalArgumentException(
          "--influxApi=v2: courtside verify reads with InfluxQL (/query), give"
              + " --influxApi=v1 with --influxDatabase (InfluxDB 2.x/3.x: their v1 compatibility)");
    }
    StoredWindows stored;
    try {
      stored = new StoredWindows(new InfluxDbClient(target, InfluxCredentials.header(target)));
    } catch (IllegalStateException e) {
      throw new VerifyException(e.getMessage(), e);
    }
    stored.check(); // before a long read of the topic
    String topic = c.kafka().topic();
    long size = c.windows().size().getMillis();
    WindowAlignment.mismatch(topic, stored.windowStarts(topic, from, to), size)
        .ifPresent(
            wrongSize -> {
              throw new IllegalArgumentException(wrongSize);
            });
    TopicRead.readAll(c.kafka().clients(), c.kafka().topic(), recount::add, progress);
    Recount.Result result = recount.result();
    Map<WindowKey, StoredWindow> windows = stored.windows(c.kafka().topic(), from, to);
    Set<String> postIds = stored.storedPostIds(result.postIds(), result.postSeconds());
    return VerifyReport.compare(result, windows, postIds);
  }
}
