package io.courtside.pipeline;

import io.courtside.pipeline.entity.EntityWindowCounts;
import io.courtside.pipeline.entity.TagEntities;
import io.courtside.pipeline.health.DeadLetterCounts;
import io.courtside.pipeline.influx.InfluxDbIO;
import io.courtside.pipeline.influx.InfluxPreflight;
import io.courtside.pipeline.influx.InfluxSchema;
import io.courtside.pipeline.options.CourtsideOptions;
import io.courtside.pipeline.options.Durations;
import io.courtside.pipeline.options.InfluxDbOptions;
import io.courtside.pipeline.parse.DeadLetter;
import io.courtside.pipeline.parse.ParsePosts;
import io.courtside.pipeline.parse.WriteDeadLetters;
import io.courtside.pipeline.read.ReadPosts;
import io.courtside.pipeline.influx.InfluxCredentials;
import io.courtside.pipeline.influx.InfluxDbClient;
import io.courtside.pipeline.influx.InfluxDbException;
import io.courtside.pipeline.influx.InfluxTarget;
import io.courtside.pipeline.read.GroupLease;
import io.courtside.pipeline.read.RecountPoint;
import io.courtside.pipeline.read.RewindOnStart;
import io.courtside.pipeline.score.ScoreSentiment;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.window.Countable;
import io.courtside.pipeline.window.CountPerWindow;
import io.courtside.pipeline.window.PaneCounts;
import io.courtside.pipeline.window.WindowCounts;
import io.courtside.pipeline.window.WindowSpec;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import java.util.List;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.options.ExperimentalOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The Courtside job: posts from Kafka -> parse (bad records to the dead-letter topic) -> VADER
 * -> event-time windows of polarity counts -> InfluxDB. The same code runs on every runner; the
 * runner is chosen with {@code --runner}.
 */
public final class CourtsidePipeline {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CourtsidePipeline.class);

  private CourtsidePipeline() {}

  /** What the job computes from raw records, before anything is written: the testable core. */
  public record Outputs(
      PCollection<DeadLetter> deadLetters,
      PCollection<ScoredPost> scored,
      PCollection<String> postPoints,
      PCollection<String> windowPoints,
      PCollection<String> entityPoints,
      PCollection<String> deadLetterPoints) {}

  public static Outputs process(PCollection<KafkaRecord<byte[], byte[]>> records, CourtsideOptions o) {
    String topic = o.getTopic();
    WindowSpec windows = WindowSpec.from(o);
    TypeDescriptor<KV<String, Countable>> byName =
        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Countable.class));
    PCollectionTuple parsed =
        records.apply("ParsePosts", ParsePosts.create(o.getMaxRecordBytes()));
    PCollection<ScoredPost> scored =
        parsed.get(ParsePosts.VALID).apply("ScoreSentiment", ScoreSentiment.with(o));
    PCollection<String> postPoints =
        scored.apply(
            "PostPoints",
            MapElements.into(TypeDescriptors.strings())
                .via((ScoredPost s) -> InfluxSchema.postLine(s, java.time.Instant.now())));
    PCollection<String> windowPoints =
        scored
            .apply("ByTopic", MapElements.into(byName).via((ScoredPost s) -> KV.of(topic, Countable.of(s))))
            .apply("CountPolarityPerWindow", CountPerWindow.of(windows))
            .apply(
                "WindowPoints",
                MapElements.into(TypeDescriptors.strings())
                    .via((KV<String, PaneCounts> c) -> InfluxSchema.windowLine(WindowCounts.of(c))));
    PCollection<String> entityPoints =
        scored
            .apply("TagEntities", TagEntities.from(o))
            .apply("CountPolarityPerEntity", CountPerWindow.of(windows))
            .apply(
                "EntityWindowPoints",
                MapElements.into(TypeDescriptors.strings())
                    .via((KV<KV<String, String>, PaneCounts> c) ->
                        InfluxSchema.entityWindowLine(EntityWindowCounts.of(topic, c))));
    PCollection<String> deadLetterPoints =
        parsed
            .get(ParsePosts.INVALID)
            .apply("ByReasonKind", MapElements.into(byName).via(DeadLetterCounts::counted))
            .apply("CountDeadLetters", CountPerWindow.of(windows))
            .apply(
                "DeadLetterPoints",
                MapElements.into(TypeDescriptors.strings())
                    .via((KV<String, PaneCounts> c) -> InfluxSchema.deadLetterLine(DeadLetterCounts.of(topic, c))));
    return new Outputs(
        parsed.get(ParsePosts.INVALID), scored, postPoints, windowPoints, entityPoints, deadLetterPoints);
  }

  /** Builds the whole job on {@code p}: read, process, write. */
  public static void build(Pipeline p, CourtsideOptions o) {
    Outputs out = process(p.apply("ReadPosts", ReadPosts.from(o)), o);
    InfluxDbIO.Write posts = influxDbWrite(o);
    // Window aggregates: one point per window, overwritten by each newer pane, never by an older.
    // A restarted job writes only the windows it recounts from all their posts (RecountPoint).
    InfluxDbIO.Write panes = posts.withLatestPaneWins().keepingWindowsBefore(recountFrom(o));
    // Points InfluxDB refuses (a type conflict, a parse error) join the bad records in the one
    // dead-letter writer, instead of blocking the job.
    PCollectionList.of(out.deadLetters())
        .and(refused("PostPoints", out.postPoints().apply("WritePostPoints", posts)))
        .and(refused("WindowPoints", out.windowPoints().apply("WriteWindowPoints", panes)))
        .and(refused("EntityPoints", out.entityPoints().apply("WriteEntityPoints", panes)))
        .and(refused("DeadLetterPoints", out.deadLetterPoints().apply("WriteDeadLetterPoints", panes)))
        .apply("AllDeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", WriteDeadLetters.to(o.getBootstrapServers(), o.getDlqTopic()));
  }

  private static PCollection<DeadLetter> refused(String points, InfluxDbIO.WriteResult written) {
    return written.getFailedPoints().apply("Refused" + points, RefusedPointLetters.create());
  }

  /**
   * The sink of the {@code --influx*} flags (plain mode): the one place the flags feed {@link
   * InfluxDbIO}. Throws IllegalArgumentException naming a bad flag.
   */
  public static InfluxDbIO.Write influxDbWrite(InfluxDbOptions o) {
    InfluxTarget target =
        new InfluxTarget(
            InfluxTarget.Api.parse(o.getInfluxApi()),
            o.getInfluxUrl(),
            o.getInfluxDatabase(),
            o.getInfluxOrg(),
            o.getInfluxBucket(),
            o.getInfluxUser(),
            o.getInfluxPasswordFile(),
            o.getInfluxTokenFile(),
            escapeNewlines(o.getInfluxNewlines()));
    if (o.getInfluxBatchSize() < 1) {
      throw new IllegalArgumentException(
          "--influxBatchSize must be at least 1, got " + o.getInfluxBatchSize());
    }
    return InfluxDbIO.write()
        .withTarget(target)
        .withBatchSize(o.getInfluxBatchSize())
        .withMaxBatchDelay(javaDuration(
            Durations.parsePositive("influxMaxBatchDelay", o.getInfluxMaxBatchDelay())))
        .withMaxRetryTime(javaDuration(
            Durations.parse("influxMaxRetryTime", o.getInfluxMaxRetryTime())));
  }

  private static boolean escapeNewlines(String v) {
    if ("raw".equalsIgnoreCase(v)) {
      return false;
    }
    if ("escaped".equalsIgnoreCase(v)) {
      return true;
    }
    throw new IllegalArgumentException("--influxNewlines=" + v + " is not raw or escaped");
  }

  private static java.time.Duration javaDuration(org.joda.time.Duration d) {
    return java.time.Duration.ofMillis(d.getMillis());
  }

  /** Parses and checks the flags; an error names the flag and says why. */
  public static CourtsideOptions parseOptions(String[] args) {
    PipelineOptionsFactory.register(CourtsideOptions.class);
    CourtsideOptions o =
        PipelineOptionsFactory.fromArgs(args).withValidation().as(CourtsideOptions.class);
    validate(o);
    o.setStreaming(!o.isBackfill());
    useWrappedReadOnDirectRunner(o);
    if (o.getAppName() == null || o.getAppName().startsWith("CourtsidePipeline")) {
      o.setAppName("courtside");
    }
    return o;
  }

  /** Experiments that choose how Beam reads a source; the user's choice is kept. */
  static final List<String> READ_EXPERIMENTS =
      List.of(
          "use_unbounded_sdf_wrapper", "use_sdf_read", "use_deprecated_read", "beam_fn_api");

  /**
   * On the DirectRunner, KafkaIO's unbounded source runs inside Beam's splittable-DoFn wrapper
   * (experiment {@code use_unbounded_sdf_wrapper}) unless {@code --experiments} already names a
   * read. Why: the DirectRunner's own primitive read emits bundles of at most 10 records and every
   * bundle pays the runner's per-step set-up, which held a backlog drain to about 800 posts/s; the
   * wrapper emits up to 100 records a bundle and keeps its Kafka readers between bundles
   * (measured by {@code courtside bench}: a drain at 2,500-5,800 posts/s, and p99 latency under
   * 0.85 s at 1,000 and 2,000 posts/s). The source, its timestamp policy and its offset commits stay
   * those of KafkaIO's unbounded read. KafkaIO's other read ({@code use_sdf_read}) drains as fast
   * but let a live trickle lag. Other runners keep their default read: the Spark runner cannot run
   * a splittable DoFn.
   */
  static void useWrappedReadOnDirectRunner(CourtsideOptions o) {
    if (o.getRunner() == null || !o.getRunner().getSimpleName().equals("DirectRunner")) {
      return;
    }
    ExperimentalOptions x = o.as(ExperimentalOptions.class);
    if (READ_EXPERIMENTS.stream().noneMatch(e -> ExperimentalOptions.hasExperiment(x, e))) {
      ExperimentalOptions.addExperiment(x, "use_unbounded_sdf_wrapper");
    }
  }

  static void validate(CourtsideOptions o) {
    WindowSpec.from(o);
    Durations.parse("maxOutOfOrderness", o.getMaxOutOfOrderness());
    Durations.parse("restartRewindMargin", o.getRestartRewindMargin());
    Durations.parse("partitionIdleness", o.getPartitionIdleness());
    recountFrom(o);
    influxDbWrite(o); // every --influx* flag
    ParsePosts.create(o.getMaxRecordBytes());
    if (o.getMaxTextLength() < 1) {
      throw new IllegalArgumentException(
          "--maxTextLength must be at least 1, got " + o.getMaxTextLength());
    }
    ScoreSentiment.with(o); // reads and checks --lexiconOverlay now, not on the workers
    TagEntities.from(o); // likewise --watchlist
    if (o.getTopic().equals(o.getDlqTopic())) {
      throw new IllegalArgumentException(
          "--dlqTopic must differ from --topic (" + o.getTopic() + "), or bad records would loop");
    }
  }

  /** {@code --recountFrom} as an instant; null when empty. */
  static org.joda.time.Instant recountFrom(CourtsideOptions o) {
    String v = o.getRecountFrom();
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return new org.joda.time.Instant(java.time.Instant.parse(v.strip()).toEpochMilli());
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--recountFrom=" + v + " is not an ISO-8601 instant such as 2026-05-20T01:02:00Z");
    }
  }

  /**
   * Builds and starts the job; does not wait. A streaming start first takes the consumer group's
   * lease ({@link GroupLease}), finds where to recount from ({@link RecountPoint}) and rewinds the
   * group to it ({@link RewindOnStart}); the returned result gives the lease back when the job ends
   * or is cancelled.
   */
  public static PipelineResult start(CourtsideOptions o) {
    Topics.ensureExists(o.getBootstrapServers(), o.getDlqTopic());
    InfluxDbIO.Write sink = influxDbWrite(o);
    InfluxPreflight.check(sink.target());
    if (o.isBackfill()) {
      Pipeline p = Pipeline.create(o);
      build(p, o);
      return p.run();
    }
    GroupLease lease = GroupLease.acquire(o.getBootstrapServers(), o.getTopic(), o.getConsumerGroup());
    try {
      java.time.Duration margin = java.time.Duration.ofMillis(
          Durations.parse("restartRewindMargin", o.getRestartRewindMargin()).getMillis());
      java.util.Optional<java.time.Instant> from;
      if (o.getRecountFrom() == null || o.getRecountFrom().isBlank()) {
        from = recountPoint(o, sink, margin);
        o.setRecountFrom(from.map(java.time.Instant::toString).orElse(""));
      } else {
        from = java.util.Optional.of(java.time.Instant.ofEpochMilli(recountFrom(o).getMillis()));
      }
      LOG.info(
          from.isPresent()
              ? "Recounting windows that start at or after {}; earlier windows keep their stored points"
              : "Recounting every window{}: no window of topic " + o.getTopic() + " is stored as closed",
          from.map(java.time.Instant::toString).orElse(""));
      RewindOnStart.rewind(
          o.getBootstrapServers(), o.getTopic(), o.getConsumerGroup(), from.map(f -> f.minus(margin)));
      SparkRunCheckpoint.useFreshDirectory(o, o.getConsumerGroup(), java.time.Instant.now());
      Pipeline p = Pipeline.create(o);
      build(p, o);
      return new LeasedResult(p.run(), lease);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /** The recount point from InfluxDB, retried like a write while InfluxDB cannot be reached. */
  private static java.util.Optional<java.time.Instant> recountPoint(
      CourtsideOptions o, InfluxDbIO.Write sink, java.time.Duration margin) {
    InfluxDbClient client =
        new InfluxDbClient(sink.target(), InfluxCredentials.header(sink.target()));
    java.time.Duration lateness = java.time.Duration.ofMillis(
        Durations.parse("allowedLateness", o.getAllowedLateness()).getMillis());
    java.util.List<java.util.Optional<java.time.Instant>> found = new java.util.ArrayList<>();
    try {
      sink.retryPolicy().run(
          "reading the recount point",
          () -> found.add(RecountPoint.of(client, o.getTopic(), lateness, margin)),
          (e, d) -> LOG.warn("InfluxDB not reachable yet ({}); retrying in {}", e.getMessage(), d));
      return found.get(0);
    } catch (InfluxDbException e) {
      if (e.status() == 404 && sink.target().api() == InfluxTarget.Api.V1) {
        throw new IllegalStateException(e.getMessage(), e);
      }
      if (e.status() == 404) {
        // A v2 server without InfluxQL (QuestDB): nothing tells which windows are final.
        LOG.warn("{} has no InfluxQL /query: every window is recounted from the beginning of the"
            + " topic on each start", sink.target().url());
        return java.util.Optional.empty();
      }
      throw new IllegalStateException("cannot read the recount point from InfluxDB: " + e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read the recount point from InfluxDB: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the recount point", e);
    }
  }

  public static void main(String[] args) {
    CourtsideOptions o;
    try {
      o = parseOptions(args);
    } catch (IllegalArgumentException e) {
      System.err.println("courtside pipeline: " + e.getMessage());
      System.err.println("Run with --help=CourtsideOptions for every flag.");
      System.exit(2);
      return;
    }
    PipelineResult result = start(o);
    PipelineResult.State state = result.waitUntilFinish();
    System.out.println("courtside pipeline finished: " + state);
    System.exit(state == PipelineResult.State.DONE ? 0 : 1);
  }
}
