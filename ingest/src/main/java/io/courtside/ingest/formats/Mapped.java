package io.courtside.ingest.formats;

import io.courtside.model.Post;
import io.courtside.model.PostJson;

/**
 * What one source record turned into. Three outcomes because they are handled differently: a {@code
 * post} is produced; a {@code skip} is valid input that simply is not a post (a delete notice, a
 * like, a keep-alive) and is only counted; a {@code malformed} record claims a known format but
 * lacks what a post needs, which replay forwards raw to the dead-letter topic.
 *
 * @param post the post, or null
 * @param reason why there is no post (a short phrase used as a counter label), or null
 */
public record Mapped(Post post, String reason, boolean malformed) {

  /**
   * A post, unless one of its strings is not valid Unicode (a source's JSON escape of an unpaired
   * surrogate): it has no UTF-8 form, so it would reach the topic as "?" and merge with another
   * post; it is malformed instead, and replay forwards the line as it came to the dead letters.
   */
  public static Mapped post(Post post) {
    if (!PostJson.isValidUnicode(post)) {
      return malformed(NOT_UNICODE);
    }
    return new Mapped(post, null, false);
  }

  /** The reason of a record whose post would hold an unpaired surrogate. */
  public static final String NOT_UNICODE = "not valid Unicode (an unpaired surrogate)";

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
