package io.courtside.ingest.formats;

import io.courtside.model.Post;

/**
 * What one source record turned into. Three outcomes because they are handled differently: a
 * {@code post} is produced; a {@code skip} is valid input that simply is not a post (a delete
 * notice, a like, a keep-alive) and is only counted; a {@code malformed} record claims a known
 * format but lacks what a post needs, which replay forwards raw to the dead-letter topic.
 *
 * @param post the post, or null
 * @param reason why there is no post (a short phrase used as a counter label), or null
 */
public record Mapped(Post post, String reason, boolean malformed) {

  public static Mapped post(Post post) {
    return new Mapped(post, null, false);
  }

  public static Mapped skip(String reason) {
    return new Mapped(null, reason, false);
  }

  public static Mapped malformed(String reason) {
    return new Mapped(null, reason, true);
  }

  public boolean isPost() {
    return post != null;
  }
}
