package io.courtside.pipeline.score;

import io.courtside.model.Post;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * A post with its VADER scores. Still Serializable (tests build TestStreams with SerializableCoder),
 * but the pipeline encodes it with {@link ScoredPostCoder}.
 */
@DefaultCoder(ScoredPostCoder.class)
public record ScoredPost(Post post, double compound, double neg, double neu, double pos)
    implements Serializable {

  public Polarity polarity() {
    return Polarity.of(compound);
  }
}
