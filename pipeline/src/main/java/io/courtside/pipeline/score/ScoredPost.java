package io.courtside.pipeline.score;

import io.courtside.model.Post;

/**
 * A post with its VADER scores and its version ({@link io.courtside.pipeline.parse.PostRecord}),
 * encoded by {@link ScoredPostCoder} (registered in {@code CourtsideCoders}).
 */
public record ScoredPost(
    Post post, long version, double compound, double neg, double neu, double pos) {

  /** A post of version 0 (tests and benchmarks that do not read Kafka). */
  public ScoredPost(Post post, double compound, double neg, double neu, double pos) {
    this(post, 0L, compound, neg, neu, pos);
  }

  public Polarity polarity() {
    return Polarity.of(compound);
  }
}
