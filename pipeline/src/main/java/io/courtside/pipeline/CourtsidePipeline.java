package io.courtside.pipeline;

import io.courtside.pipeline.config.JobConfig;
import io.courtside.pipeline.entity.EntityWindowCounts;
import io.courtside.pipeline.entity.TagEntities;
import io.courtside.pipeline.health.DeadLetterCounts;
import io.courtside.pipeline.influx.InfluxDbIO;
import io.courtside.pipeline.influx.InfluxSchema;
import io.courtside.pipeline.parse.DeadLetter;
import io.courtside.pipeline.parse.ParsePosts;
import io.courtside.pipeline.parse.WriteDeadLetters;
import io.courtside.pipeline.read.ReadRecords;
import io.courtside.pipeline.score.ScoreSentiment;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.window.CountPerWindow;
import io.courtside.pipeline.window.Countable;
import io.courtside.pipeline.window.PaneCounts;
import io.courtside.pipeline.window.WindowCounts;
import io.courtside.pipeline.window.WindowSpec;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The Courtside job: posts from Kafka -> parse (bad records to the dead-letter topic) -> VADER ->
 * event-time windows of polarity counts -> InfluxDB. The same code runs on every runner. It only
 * wires the steps, from a {@link JobConfig} read once; the launcher ({@code
 * launch/PipelineLauncher}) parses the flags, prepares Kafka and InfluxDB and runs it.
 */
public final class CourtsidePipeline {
  private CourtsidePipeline() {}

  /** What the job computes from raw records, before anything is written: the testable core. */
  public record Outputs(
      PCollection<DeadLetter> deadLetters,
      PCollection<ScoredPost> scored,
      PCollection<String> postPoints,
      PCollection<String> windowPoints,
      PCollection<String> entityPoints,
      PCollection<String> deadLetterPoints) {}

  public static Outputs process(PCollection<KafkaRecord<byte[], byte[]>> records, JobConfig c) {
    String topic = c.kafka().topic();
    WindowSpec windows = c.windows();
    TypeDescriptor<KV<String, Countable>> byName =
        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Countable.class));
    PCollectionTuple parsed = records.apply("ParsePosts", ParsePosts.create(c.maxRecordBytes()));
    PCollection<ScoredPost> scored =
        parsed.get(ParsePosts.VALID).apply("ScoreSentiment", ScoreSentiment.with(c.scoring()));
    PCollection<String> postPoints =
        scored.apply(
            "PostPoints",
            MapElements.into(TypeDescriptors.strings())
                .via((ScoredPost s) -> InfluxSchema.postLine(s, java.time.Instant.now())));
    PCollection<String> windowPoints =
        scored
            .apply(
                "ByTopic",
                MapElements.into(byName).via((ScoredPost s) -> KV.of(topic, Countable.of(s))))
            .apply("CountPolarityPerWindow", CountPerWindow.of(windows))
            .apply(
                "WindowPoints",
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (KV<String, PaneCounts> n) -> InfluxSchema.windowLine(WindowCounts.of(n))));
    PCollection<String> entityPoints =
        scored
            .apply("TagEntities", TagEntities.with(c.watchlist()))
            .apply("CountPolarityPerEntity", CountPerWindow.of(windows))
            .apply(
                "EntityWindowPoints",
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (KV<KV<String, String>, PaneCounts> n) ->
                            InfluxSchema.entityWindowLine(EntityWindowCounts.of(topic, n))));
    PCollection<String> deadLetterPoints =
        parsed
            .get(ParsePosts.INVALID)
            .apply("ByReasonKind", MapElements.into(byName).via(DeadLetterCounts::counted))
            .apply("CountDeadLetters", CountPerWindow.of(windows))
            .apply(
                "DeadLetterPoints",
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        (KV<String, PaneCounts> n) ->
                            InfluxSchema.deadLetterLine(DeadLetterCounts.of(topic, n))));
    return new Outputs(
        parsed.get(ParsePosts.INVALID),
        scored,
        postPoints,
        windowPoints,
        entityPoints,
        deadLetterPoints);
  }

  /** Builds the whole job on {@code p}: read, process, write. */
  public static void build(Pipeline p, JobConfig c) {
    Outputs out = process(p.apply("ReadRecords", ReadRecords.from(c)), c);
    InfluxDbIO.Write posts = c.sink().write();
    // Window aggregates: one point per window, overwritten by each newer pane, never by an older.
    // A restarted job writes only the windows it recounts from all their posts (RecountPoint).
    InfluxDbIO.Write panes = posts.withLatestPaneWins().keepingWindowsBefore(c.recountFrom());
    // Points InfluxDB refuses (a type conflict, a parse error) join the bad records in the one
    // dead-letter writer, instead of blocking the job.
    PCollectionList.of(out.deadLetters())
        .and(refused("PostPoints", out.postPoints().apply("WritePostPoints", posts)))
        .and(refused("WindowPoints", out.windowPoints().apply("WriteWindowPoints", panes)))
        .and(refused("EntityPoints", out.entityPoints().apply("WriteEntityPoints", panes)))
        .and(
            refused(
                "DeadLetterPoints", out.deadLetterPoints().apply("WriteDeadLetterPoints", panes)))
        .apply("AllDeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", WriteDeadLetters.to(c.kafka().clients(), c.dlqTopic()));
  }

  private static PCollection<DeadLetter> refused(String points, InfluxDbIO.WriteResult written) {
    return written.getFailedPoints().apply("Refused" + points, RefusedPointLetters.create());
  }
}
