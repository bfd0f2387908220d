package io.courtside.pipeline.score;

import io.courtside.model.Post;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A post with its VADER scores and its version ({@link io.courtside.pipeline.parse.PostRecord}). Still Serializable (tests build TestStreams with SerializableCoder),
 * but the pipeline encodes it with {@link ScoredPostCoder}.
 */
@DefaultCoder(ScoredPostCoder.class)
public record ScoredPost(
    Post post, long version, double compound, double neg, double neu, double pos)
    implements Serializable {

  /** A post of version 0 (tests and benchmarks that do not read Kafka). */
  public ScoredPost(Post post, double compound, double neg, double neu, double pos) {
    this(post, 0L, compound, neg, neu, pos);
  }

  public Polarity polarity() {
    return Polarity.of(compound);
  }
}
