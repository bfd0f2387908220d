package io.courtside.pipeline.config;

import io.courtside.model.KafkaClientSettings;
import io.courtside.pipeline.entity.Watchlist;
import io.courtside.pipeline.influx.InfluxCredentials;
import io.courtside.pipeline.influx.InfluxDbIO;
import io.courtside.pipeline.influx.InfluxTarget;
import io.courtside.pipeline.options.BeamFlags;
import io.courtside.pipeline.options.CourtsideOptions;
import io.courtside.pipeline.options.Durations;
import io.courtside.pipeline.options.FlagException;
import io.courtside.pipeline.options.InfluxApi;
import io.courtside.pipeline.options.InfluxNewlines;
import io.courtside.pipeline.options.KafkaFlags;
import io.courtside.pipeline.window.WindowSpec;
import io.courtside.sentiment.LexiconOverlay;
import io.courtside.sentiment.VaderConfig;
import java.nio.file.Path;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The job's flags, read and checked once, where the job is launched: typed durations, the scorer's
 * configuration with its lexicon overlay read, the watchlist read, the sink's target. The steps
 * take these values in their constructors and never see the options; files named by flags are read
 * here, so workers on a cluster need no copy of them. Every error names its flag and says why.
 *
 * @param kafka where posts are read from, and how a streaming start rewinds
 * @param windows the event-time windows of every aggregate
 * @param recountFrom windows that start before it are not written; null: every window is
 * @param dlqTopic where records that are not valid posts go (on {@code kafka}'s servers)
 * @param maxRecordBytes larger records are dead letters, unparsed
 * @param scoring VADER's configuration: {@code --maxTextLength}, {@code --lexiconOverlay}
 * @param watchlist the teams and players posts are tagged with
 * @param sink where and how points are written
 */
public record JobConfig(
    Kafka kafka,
    WindowSpec windows,
    Instant recountFrom,
    String dlqTopic,
    int maxRecordBytes,
    VaderConfig scoring,
    Watchlist watchlist,
    Sink sink) {

  /**
   * Reading Kafka: {@code --bootstrapServers} with {@code --kafkaConfig} ({@link KafkaClients}),
   * {@code --topic}, {@code --consumerGroup}, {@code --backfill}, the watermark's {@code
   * --maxOutOfOrderness} and {@code --partitionIdleness}, and {@code --restartRewindMargin}; {@code
   * --savepointPath} (null when not given): a savepoint a streaming start on a Flink cluster
   * restores offsets and windows from, instead of rewinding.
   */
  public record Kafka(
      KafkaClients clients,
      String topic,
      String consumerGroup,
      boolean backfill,
      Duration maxOutOfOrderness,
      Duration partitionIdleness,
      Duration restartRewindMargin,
      String savepointPath) {
    /** {@code --bootstrapServers}. */
    public String bootstrapServers() {
      return clients.bootstrapServers();
    }
  }

  /**
   * The {@code --influx*} flags: the target, {@code --influxBatchSize}, {@code
   * --influxMaxBatchDelay} and {@code --influxMaxRetryTime}.
   */
  public record Sink(
      InfluxTarget target,
      int batchSize,
      java.time.Duration maxBatchDelay,
      java.time.Duration maxRetryTime) {
    public Sink {
      if (batchSize < 1) {
        throw new IllegalArgumentException(
            "--influxBatchSize must be at least 1, got " + batchSize);
      }
    }

    /** The sink as a plain {@link InfluxDbIO} write; the one place the flags feed the IO. */
    public InfluxDbIO.Write write() {
      return InfluxDbIO.write()
          .withTarget(target)
          .withBatchSize(batchSize)
          .withMaxBatchDelay(maxBatchDelay)
          .withMaxRetryTime(maxRetryTime);
    }
  }

  /**
   * Beam's parse of {@code args} into the job's options; throws IllegalArgumentException naming a
   * bad flag.
   */
  public static CourtsideOptions options(String... args) {
    // Beam refuses an empty value of an enum-typed flag without naming the flag.
    for (String arg : args) {
      if (arg.equals("--influxApi=")) {
        InfluxApi.parse("");
      } else if (arg.equals("--influxNewlines=")) {
        InfluxNewlines.parse("");
      }
    }
    PipelineOptionsFactory.register(CourtsideOptions.class);
    BeamFlags.checkHelp(PipelineOptionsFactory.getRegisteredOptions(), args);
    BeamFlags.checkGivenOnce(PipelineOptionsFactory.getRegisteredOptions(), args);
    BeamFlags.checkValues(PipelineOptionsFactory.getRegisteredOptions(), args);
    try {
      return PipelineOptionsFactory.fromArgs(args).withValidation().as(CourtsideOptions.class);
    } catch (IllegalArgumentException e) {
      throw BeamFlags.explain(FlagException.unwrap(e));
    }
  }

  /** The configuration of {@code o}; throws IllegalArgumentException naming a bad flag. */
  public static JobConfig of(CourtsideOptions o) {
    // Checked in this order, so that of several bad flags the same one is named as before.
    Duration windowSize = Durations.parsePositive("windowSize", o.getWindowSize());
    Duration allowedLateness = Durations.parse("allowedLateness", o.getAllowedLateness());
    Duration earlyFiringPeriod =
        Durations.parsePositive("earlyFiringPeriod", o.getEarlyFiringPeriod());
    Duration maxOutOfOrderness = Durations.parse("maxOutOfOrderness", o.getMaxOutOfOrderness());
    Duration restartRewindMargin =
        Durations.parse("restartRewindMargin", o.getRestartRewindMargin());
    Kafka kafka =
        new Kafka(
            KafkaClients.load(
                KafkaClientSettings.bootstrapServers(o.getBootstrapServers()), o.getKafkaConfig()),
            KafkaFlags.topic("topic", o.getTopic()),
            KafkaFlags.consumerGroup(o.getConsumerGroup()),
            o.isBackfill(),
            maxOutOfOrderness,
            Durations.parse("partitionIdleness", o.getPartitionIdleness()),
            restartRewindMargin,
            savepointPath(o));
    WindowSpec windows = new WindowSpec(windowSize, allowedLateness, earlyFiringPeriod);
    Instant recountFrom = recountFrom(o.getRecountFrom());
    Sink sink = sink(o);
    sink.write(); // the IO's own checks (a negative ISO-8601 retry time), as the launch did before
    if (o.getMaxRecordBytes() < 1) {
      throw new IllegalArgumentException(
          "--maxRecordBytes must be at least 1, got " + o.getMaxRecordBytes());
    }
    if (o.getMaxTextLength() < 1) {
      throw new IllegalArgumentException(
          "--maxTextLength must be at least 1, got " + o.getMaxTextLength());
    }
    VaderConfig scoring = scoring(o.getMaxTextLength(), o.getLexiconOverlay());
    Watchlist watchlist = watchlist(o.getWatchlist());
    KafkaFlags.topic("dlqTopic", o.getDlqTopic());
    if (o.getTopic().equals(o.getDlqTopic())) {
      throw new IllegalArgumentException(
          "--dlqTopic must differ from --topic (" + o.getTopic() + "), or bad records would loop");
    }
    return new JobConfig(
        kafka,
        windows,
        recountFrom,
        o.getDlqTopic(),
        o.getMaxRecordBytes(),
        scoring,
        watchlist,
        sink);
  }

  /**
   * The same configuration, writing only windows that start at or after {@code from} (null: all).
   */
  public JobConfig withRecountFrom(Instant from) {
    return new JobConfig(kafka, windows, from, dlqTopic, maxRecordBytes, scoring, watchlist, sink);
  }

  /** {@code --savepointPath}, null when empty; refused where no runner restores it. */
  private static String savepointPath(CourtsideOptions o) {
    String path = o.getSavepointPath();
    if (path == null || path.isBlank()) {
      return null;
    }
    String runner = o.getRunner() == null ? "" : o.getRunner().getSimpleName();
    if (!runner.equals("FlinkRunner")) {
      throw new IllegalArgumentException(
          "--savepointPath restores a FlinkRunner job on a Flink cluster; the runner is "
              + runner
              + ". A restart on this runner rewinds and recounts (README, Restarts and crashes).");
    }
    if (o.isBackfill()) {
      throw new IllegalArgumentException(
          "--savepointPath is for a streaming start; a --backfill reads its offset range anew");
    }
    return path;
  }

  /** {@code --recountFrom} as an instant; null when empty. */
  private static Instant recountFrom(String v) {
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return new Instant(java.time.Instant.parse(v.strip()).toEpochMilli());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--recountFrom=" + v + " is not an ISO-8601 instant such as 2026-05-20T01:02:00Z");
    }
  }

  /** The sink of the {@code --influx*} flags. */
  private static Sink sink(CourtsideOptions o) {
    InfluxTarget target =
        new InfluxTarget(
            switch (o.getInfluxApi()) {
              case V1 -> InfluxTarget.Api.V1;
              case V2 -> InfluxTarget.Api.V2;
            },
            o.getInfluxUrl(),
            o.getInfluxDatabase(),
            o.getInfluxOrg(),
            o.getInfluxBucket(),
            o.getInfluxUser(),
            o.getInfluxPasswordFile(),
            o.getInfluxTokenFile(),
            switch (o.getInfluxNewlines()) {
              case RAW -> false;
              case ESCAPED -> true;
            });
    try {
      // Read once now, so that a missing or unreadable secret is a bad flag before anything
      // connects; the sink reads it again where it writes, and nothing here keeps it.
      InfluxCredentials.header(target);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Duration maxDelay = Durations.parsePositive("influxMaxBatchDelay", o.getInfluxMaxBatchDelay());
    Duration maxRetry = Durations.parse("influxMaxRetryTime", o.getInfluxMaxRetryTime());
    return new Sink(
        target,
        o.getInfluxBatchSize(),
        java.time.Duration.ofMillis(maxDelay.getMillis()),
        java.time.Duration.ofMillis(maxRetry.getMillis()));
  }

  /** {@code --maxTextLength} and {@code --lexiconOverlay}, the overlay file read now. */
  private static VaderConfig scoring(int maxTextLength, String overlay) {
    VaderConfig config = VaderConfig.defaults().withMaxTextLength(maxTextLength);
    if (overlay == null || overlay.isBlank()) {
      return config;
    }
    try {
      return config.withOverlay(LexiconOverlay.named(overlay));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "--lexiconOverlay="
              + overlay
              + ": "
              + e.getMessage()
              + " (give 'nba' or a file of word<TAB>valence lines)",
          e);
    }
  }

  /** {@code --watchlist} (default: the shipped NBA list), read now. */
  private static Watchlist watchlist(String file) {
    if (file == null || file.isBlank()) {
      return Watchlist.nba();
    }
    try {
      return Watchlist.read(Path.of(file));
    } catch (IllegalArgumentException e) {
      String why = e.getMessage();
      String named = Path.of(file) + ": "; // Watchlist.read names the file; the flag does here
      throw new IllegalArgumentException(
          "--watchlist="
              + file
              + ": "
              + (why.startsWith(named) ? why.substring(named.length()) : why),
          e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--watchlist=" + file + ": cannot read it: " + e, e);
    }
  }
}
