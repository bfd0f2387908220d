package io.courtside.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One social-media post in Courtside's own format: the value of every record on the posts topic
 * (key = {@link #id()}). {@code id}, {@code createdAt} and {@code text} are required; the others
 * may be null (hashtags: empty).
 */
public record Post(
    String id,
    Instant createdAt,
    String text,
    String lang,
    String author,
    String source,
    List<String> hashtags)
    implements Serializable {

  public Post {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(text, "text");
    hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
  }

  /** A post with only the required fields. */
  public static Post of(String id, Instant createdAt, String text) {
    return new Post(id, createdAt, text, null, null, null, List.of());
  }
}
