package io.courtside.pipeline;

import com.google.auto.service.AutoService;
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
import io.courtside.pipeline.window.WindowTally;
import io.courtside.pipeline.window.WindowTallyCoder;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviderRegistrar;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The coder of every element type of the job, found by each pipeline's coder registry (a production
 * run and every {@code TestPipeline} alike) through {@link java.util.ServiceLoader}. Beam asks
 * these providers before falling back to Java serialization, which writes class descriptors with
 * every element and was the Spark runner's top cost ({@link PostCoder}). A new element type gets
 * its coder here; {@code post} lives in {@code model/}, which knows nothing of Beam, so it cannot
 * carry a {@code @DefaultCoder}.
 */
@AutoService(CoderProviderRegistrar.class)
public final class CourtsideCoders implements CoderProviderRegistrar {
  @Override
  public List<CoderProvider> getCoderProviders() {
    return List.of(
        provider(Post.class, PostCoder.of()),
        provider(PostRecord.class, PostRecordCoder.of()),
        provider(DeadLetter.class, DeadLetterCoder.of()),
        provider(ScoredPost.class, ScoredPostCoder.of()),
        provider(Countable.class, CountableCoder.of()),
        provider(PolarityCounts.class, PolarityCountsCoder.of()),
        provider(WindowTally.class, WindowTallyCoder.of()),
        provider(PaneCounts.class, PaneCountsCoder.of()));
  }

  private static <T> CoderProvider provider(Class<T> type, Coder<T> coder) {
    return CoderProviders.forCoder(TypeDescriptor.of(type), coder);
  }
}
