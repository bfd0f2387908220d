package io.courtside.pipeline;

import static org.junit.Assert.assertEquals;

import io.courtside.model.Post;
import io.courtside.pipeline.parse.DeadLetter;
import io.courtside.pipeline.parse.DeadLetterCoder;
import io.courtside.pipeline.parse.PostCoder;
import io.courtside.pipeline.parse.PostRecord;
import io.courtside.pipeline.parse.PostRecordCoder;
import io.courtside.pipeline.score.ScoredPost;
import io.courtside.pipeline.score.ScoredPostCoder;
import io.courtside.pipeline.window.Countable;
import io.courtside.pipeline.window.CountableCoder;
import io.courtside.pipeline.window.PaneCounts;
import io.courtside.pipeline.window.PaneCountsCoder;
import io.courtside.pipeline.window.PolarityCounts;
import io.courtside.pipeline.window.PolarityCountsCoder;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

/**
 * Every pipeline's coder registry, a {@code TestPipeline}'s included, finds the job's coders
 * through {@link CourtsideCoders} (registered as a service), never Java serialization: tests run
 * with the coders production runs with.
 */
public class CourtsideCodersTest {
  @Rule
  public final transient TestPipeline p =
      TestPipeline.create().enableAbandonedNodeEnforcement(false);

  @Test
  public void everyElementTypeOfTheJobHasItsOwnCoder() throws Exception {
    CoderRegistry registry = p.getCoderRegistry();
    Map<Class<?>, Coder<?>> expected =
        Map.of(
            Post.class, PostCoder.of(),
            PostRecord.class, PostRecordCoder.of(),
            DeadLetter.class, DeadLetterCoder.of(),
            ScoredPost.class, ScoredPostCoder.of(),
            Countable.class, CountableCoder.of(),
            PolarityCounts.class, PolarityCountsCoder.of(),
            PaneCounts.class, PaneCountsCoder.of());
    for (Map.Entry<Class<?>, Coder<?>> e : expected.entrySet()) {
      assertEquals(e.getKey().getName(), e.getValue(), registry.getCoder(e.getKey()));
    }
    assertEquals(
        KvCoder.of(StringUtf8Coder.of(), CountableCoder.of()),
        registry.getCoder(
            TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Countable.class))));
  }
}
