package io.courtside.pipeline;

import io.courtside.model.Post;
import io.courtside.pipeline.config.JobConfig;
import io.courtside.pipeline.entity.CountPolarityPerEntity;
import io.courtside.pipeline.entity.TagEntities;
import io.courtside.pipeline.health.CountDeadLetters;
import io.courtside.pipeline.influx.InfluxSchema;
import io.courtside.pipeline.influx.RefusedPoints;
import io.courtside.pipeline.influx.WritePanes;
import io.courtside.pipeline.influx.WriteToInfluxDb;
import io.courtside.pipeline.parse.DeadLetter;
import io.courtside.pipeline.parse.ParsePosts;
import io.courtside.pipeline.parse.WriteDeadLetters;
import io.courtside.pipeline.read.ReadPosts;
import io.courtside.pipeline.score.PostCoder;
import io.courtside.pipeline.score.ScoreSentiment;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.window.CountPolarityPerWindow;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The Courtside job: posts from Kafka -> parse (bad records to the dead-letter topic) -> VADER
 * -> event-time windows of polarity counts -> InfluxDB. The same code runs on every runner. It
 * only wires the steps, from a {@link JobConfig} read once; the launcher ({@code
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
    // Post lives in model/, which knows nothing of Beam: its coder is registered here, instead of
    // the SerializableCoder Beam would infer (the Spark runner's top cost, see PostCoder).
    records.getPipeline().getCoderRegistry().registerCoderForClass(Post.class, PostCoder.of());
    String topic = c.kafka().topic();
    JobConfig.Windows w = c.windows();
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
                "CountPolarityPerWindow",
                new CountPolarityPerWindow(topic, w.size(), w.allowedLateness(), w.earlyFiringPeriod()))
            .apply(
                "WindowPoints",
                MapElements.into(TypeDescriptors.strings()).via(InfluxSchema::windowLine));
    PCollection<String> entityPoints =
        scored
            .apply("TagEntities", TagEntities.with(c.watchlist()))
            .apply(
                "CountPolarityPerEntity",
                new CountPolarityPerEntity(topic, w.size(), w.allowedLateness(), w.earlyFiringPeriod()))
            .apply(
                "EntityWindowPoints",
                MapElements.into(TypeDescriptors.strings()).via(InfluxSchema::entityWindowLine));
    PCollection<String> deadLetterPoints =
        parsed
            .get(ParsePosts.INVALID)
            .apply(
                "CountDeadLetters",
                new CountDeadLetters(topic, w.size(), w.allowedLateness(), w.earlyFiringPeriod()))
            .apply(
                "DeadLetterPoints",
                MapElements.into(TypeDescriptors.strings()).via(InfluxSchema::deadLetterLine));
    return new Outputs(
        parsed.get(ParsePosts.INVALID), scored, postPoints, windowPoints, entityPoints, deadLetterPoints);
  }

  /** Builds the whole job on {@code p}: read, process, write. */
  public static void build(Pipeline p, JobConfig c) {
    Outputs out = process(p.apply("ReadPosts", ReadPosts.from(c.kafka())), c);
    String servers = c.kafka().bootstrapServers();
    out.deadLetters().apply("WriteDeadLetters", WriteDeadLetters.to(servers, c.dlqTopic()));
    // Points InfluxDB refuses (a type conflict, a parse error) go to the same dead-letter topic,
    // published by the sink itself, instead of blocking the job.
    RefusedPoints refused = RefusedPoints.toKafka(servers, c.dlqTopic());
    out.postPoints().apply("WritePostPoints", WriteToInfluxDb.with(c.sink(), refused));
    // Window aggregates: one point per window, overwritten by each newer pane, never by an older.
    // A restarted job writes only the windows it recounts from all their posts (RecountPoint).
    WritePanes panes = WritePanes.with(c.sink(), refused).keepingWindowsBefore(c.windows().recountFrom());
    out.windowPoints().apply("WriteWindowPoints", panes);
    out.entityPoints().apply("WriteEntityPoints", panes);
    out.deadLetterPoints().apply("WriteDeadLetterPoints", panes);
  }
}
