package io.courtside.pipeline.window;

import io.courtside.model.PostIds;
import io.courtside.pipeline.score.ScoredPost;

/**
 * One thing {@link CountPerWindow} counts, under its key: its identity ({@code id}: counted once
 * per key and window however often it comes), its {@code version} (of several records with one id,
 * the greatest version is the one counted) and its compound score (its polarity). Small and of
 * fixed size ({@link CountableCoder}), so the counting steps never carry a whole post.
 */
public record Countable(long id, long version, double compound) {
  /** A scored post: a 64-bit fingerprint of its id, its version, its compound. */
  public static Countable of(ScoredPost post) {
    return new Countable(PostIds.hash64(post.post().id()), post.version(), post.compound());
  }
}
