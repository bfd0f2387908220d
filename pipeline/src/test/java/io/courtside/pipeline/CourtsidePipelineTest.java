package io.courtside.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import io.courtside.model.Post;
import io.courtside.pipeline.config.JobConfig;
import io.courtside.pipeline.launch.PipelineLauncher;
import io.courtside.pipeline.parse.DeadLetter;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.sentiment.Vader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaRecordCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.TimestampedValue;
import org.junit.Rule;
import org.junit.Test;

/** The whole job from raw records to the points it would write, with no servers. */
public class CourtsidePipelineTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final Instant T0 = Instant.parse("2026-05-20T01:00:00Z");
  private static final String[] TEXTS = {
    "LeBron is COOKING tonight!!! 🔥", "refs are terrible, worst game ever", "tipoff at 8",
    "not a great defensive effort but we won", "Celtics look sad 😭", "Curry from deep, wow"
  };

  @Test
  public void everyValidPostIsScoredOnceAndWindowsAddUp() {
    JobConfig config = JobConfig.of(JobConfig.options("--windowSize=1m"));
    Vader vader = Vader.standard();
    TestStream.Builder<KafkaRecord<byte[], byte[]>> stream =
        TestStream.create(
                KafkaRecordCoder.of(
                    NullableCoder.of(ByteArrayCoder.of()), NullableCoder.of(ByteArrayCoder.of())))
            .advanceWatermarkTo(new org.joda.time.Instant(T0.toEpochMilli()));
    HashMap<Long, long[]> expectedPerWindow = new HashMap<>(); // start -> pos, neg, neu
    HashMap<String, Double> expectedCompound = new HashMap<>();
    long offset = 0;
    for (int i = 0; i < 120; i++) {
      Instant createdAt = T0.plusSeconds(i * 2L);
      Post post = Post.of("id-" + i, createdAt, TEXTS[i % TEXTS.length]);
      stream =
          stream.addElements(
              TimestampedValue.of(
                  Records.of(post, offset++), new org.joda.time.Instant(createdAt.toEpochMilli())));
      double c = vader.polarityScores(post.text()).compound();
      expectedCompound.put(post.id(), c);
      long[] n =
          expectedPerWindow.computeIfAbsent(
              createdAt.toEpochMilli() / 60_000 * 60_000, k -> new long[3]);
      n[c >= 0.05 ? 0 : c <= -0.05 ? 1 : 2]++;
      if (i % 40 == 0) {
        stream =
            stream.addElements(
                TimestampedValue.of(
                    Records.raw("{broken " + i, offset++),
                    new org.joda.time.Instant(createdAt.toEpochMilli())));
      }
    }
    CourtsidePipeline.Outputs out =
        CourtsidePipeline.process(p.apply(stream.advanceWatermarkToInfinity()), config);

    PAssert.that(out.scored())
        .satisfies(
            scored -> {
              Map<String, Double> got = new HashMap<>();
              for (ScoredPost s : scored) {
                assertEquals(
                    "scored twice: " + s.post().id(), null, got.put(s.post().id(), s.compound()));
              }
              assertEquals(expectedCompound, got);
              return null;
            });
    PAssert.that(out.deadLetters())
        .satisfies(
            letters -> {
              int n = 0;
              for (DeadLetter d : letters) {
                assertThat(d.reason(), containsString("invalid JSON"));
                n++;
              }
              assertEquals(3, n);
              return null;
            });
    PAssert.that(out.windowPoints())
        .satisfies(
            lines -> {
              Map<Long, String> last = new HashMap<>();
              for (String line : lines) {
                long ns = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
                last.put(ns / 1_000_000, line);
              }
              assertEquals(expectedPerWindow.keySet(), last.keySet());
              expectedPerWindow.forEach(
                  (start, n) ->
                      assertThat(
                          last.get(start),
                          containsString(
                              "negative="
                                  + n[1]
                                  + "i,neutral="
                                  + n[2]
                                  + "i,positive="
                                  + n[0]
                                  + "i,total="
                                  + (n[0] + n[1] + n[2])
                                  + "i")));
              return null;
            });
    p.run().waitUntilFinish();
  }

  /**
   * The whole job's graph builds: the sink's failed points, in the windows of their points, join
   * the parse step's dead letters in the global window (Flatten refuses incompatible windowing).
   */
  @Test
  public void theJobBuildsWithRefusedPointsFlattenedIntoTheDeadLetters() {
    PipelineLauncher.Job launch = PipelineLauncher.parse("--windowSize=1m");
    org.apache.beam.sdk.Pipeline job = org.apache.beam.sdk.Pipeline.create(launch.options());
    CourtsidePipeline.build(job, launch.config());
    List<String> flattened = new ArrayList<>();
    job.traverseTopologically(
        new org.apache.beam.sdk.Pipeline.PipelineVisitor.Defaults() {
          @Override
          public void visitPrimitiveTransform(
              org.apache.beam.sdk.runners.TransformHierarchy.Node node) {
            if (node.getFullName().equals("AllDeadLetters")) {
              node.getInputs().values().forEach(in -> flattened.add(in.getName()));
            }
          }
        });
    assertEquals("parse dead letters and the refused points of the 4 writes", 5, flattened.size());
    p.enableAbandonedNodeEnforcement(false);
  }
}
