package io.courtside.pipeline.score;

import io.courtside.model.Post;
import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/** A post with its VADER scores. */
@DefaultCoder(SerializableCoder.class)
public record ScoredPost(Post post, double compound, double neg, double neu, double pos)
    implements Serializable {

  public Polarity polarity() {
    return Polarity.of(compound);
  }
}
