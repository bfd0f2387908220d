package io.courtside.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.model.Post;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import twitter4j.TwitterException;
import twitter4j.TwitterObjectFactory;
import twitter4j.v1.HashtagEntity;
import twitter4j.v1.Status;

/**
 * X API v1.1 status JSON, the format of years of public tweet archives, parsed by twitter4j (which
 * knows its quirks: HTML-escaped text, {@code full_text} in extended mode, the {@code
 * extended_tweet} of long streamed tweets, entity lists).
 *
 * <p>The creation instant alone is read from the tree: twitter4j 4.1 returns a {@code
 * LocalDateTime} in the JVM's zone, which is ambiguous for an hour each autumn.
 */
public final class XV1Statuses {
  private static final DateTimeFormatter CREATED_AT =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ROOT);

  private XV1Statuses() {}

  /** A status, or one of the notices that v1.1 streams wrote between statuses. */
  public static boolean looksLike(JsonNode root) {
    if (root.has("delete")
        || root.has("limit")
        || root.has("scrub_geo")
        || root.has("status_withheld")
        || root.has("user_withheld")
        || root.has("warning")) {
      return true;
    }
    return root.has("created_at")
        && root.path("user").isObject()
        && (root.has("id_str") || root.path("id").isNumber());
  }

  public static Mapped map(String json, JsonNode root) {
    if (!root.has("created_at")) {
      return Mapped.skip("X v1.1 " + root.fieldNames().next() + " notice");
    }
    Status status;
    try {
      status = TwitterObjectFactory.createStatus(json);
    } catch (TwitterException | RuntimeException e) {
      // twitter4j throws NumberFormatException and others for a wrong type (e.g. "id":"abc" or
      // "id":1.05e18): one such line must be skipped, not end the replay.
      return Mapped.malformed("X v1.1 status twitter4j cannot read");
    }
    // The key must be the tweet's id as v2 writes it: id_str when it is a number, else id.
    String idStr = Json.text(root, "id_str");
    String id =
        idStr != null && XV2Tweets.isNumeric(idStr)
            ? idStr
            : status.getId() > 0 ? Long.toString(status.getId()) : null;
    if (id == null) {
      return Mapped.malformed("X v1.1 status without an id");
    }
    Instant createdAt = createdAt(Json.text(root, "created_at"));
    if (createdAt == null) {
      return Mapped.malformed("X v1.1 status with an unreadable created_at");
    }
    // twitter4j has merged extended_tweet (long streamed tweets) into text and entities.
    String text = status.getText();
    List<String> tags = new ArrayList<>();
    for (HashtagEntity tag : status.getHashtagEntities()) {
      tags.add(tag.getText());
    }
    if (text == null) {
      return Mapped.malformed("X v1.1 status without text");
    }
    return Mapped.post(
        new Post(
            "x:" + id,
            createdAt,
            text,
            Json.lang(status.getLang()),
            status.getUser() == null ? null : status.getUser().getScreenName(),
            XV2Tweets.SOURCE,
            Hashtags.orFromText(tags, text)));
  }

  /** v1.1's "Wed Oct 10 20:19:24 +0000 2018", or null. */
  static Instant createdAt(String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value, CREATED_AT).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
