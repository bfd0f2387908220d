package io.courtside.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.model.Post;
import java.time.Instant;

/**
 * X API v2 tweet objects: the lines of the filtered stream ({@code {"data":{...},
 * "includes":{"users":[...]}, "matching_rules":[...]}}) and bare tweet objects as saved by many
 * archivers. Long posts carry their full text in {@code note_tweet}. The author is the username
 * from {@code includes.users} when the request expanded {@code author_id}, else the numeric id.
 */
public final class XV2Tweets {
  public static final String SOURCE = "x";

  /** Snowflake ids count milliseconds from this epoch (2010-11-04T01:42:54.657Z). */
  private static final long TWITTER_EPOCH_MS = 1288834974657L;

  /** Tweets before snowflake ids (late 2010) have small ids without a timestamp in them. */
  private static final long FIRST_SNOWFLAKE = 29_700_859_247L;

  private XV2Tweets() {}

  /** True for a stream line or a bare v2 tweet (as opposed to the other formats). */
  public static boolean looksLike(JsonNode root) {
    JsonNode data = root.get("data");
    if (data != null && data.isObject()) {
      return data.has("id") && data.has("text");
    }
    // A bare v2 tweet: numeric string id, text, and none of v1.1's "user"/"id_str".
    return root.path("id").isTextual()
        && isNumeric(root.get("id").textValue())
        && root.has("text")
        && !root.has("user")
        && !root.has("id_str")
        && !root.has("createdAt");
  }

  static boolean isNumeric(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  public static Mapped map(JsonNode root) {
    JsonNode tweet = root.has("data") ? root.get("data") : root;
    String id = Json.text(tweet, "id");
    if (id == null || !isNumeric(id)) {
      return Mapped.malformed("X v2 tweet without a numeric string id");
    }
    JsonNode note = tweet.get("note_tweet");
    String text = Json.text(note, "text");
    JsonNode entities =
        note != null && note.has("entities") ? note.get("entities") : tweet.get("entities");
    if (text == null) {
      text = Json.text(tweet, "text");
    }
    if (text == null) {
      return Mapped.malformed("X v2 tweet without text");
    }
    Instant createdAt = Json.instant(tweet, "created_at");
    if (createdAt == null) {
      // created_at is only sent when tweet.fields asks for it; the id holds the time anyway.
      createdAt = snowflakeTime(id);
      if (createdAt == null) {
        return Mapped.malformed("X v2 tweet without created_at");
      }
    }
    return Mapped.post(
        new Post(
            "x:" + id,
            createdAt,
            text,
            Json.lang(Json.text(tweet, "lang")),
            author(root, Json.text(tweet, "author_id")),
            SOURCE,
            Hashtags.orFromText(Json.texts(entities, "hashtags", "tag"), text)));
  }

  private static String author(JsonNode root, String authorId) {
    if (authorId == null) {
      return null;
    }
    for (JsonNode user : root.path("includes").path("users")) {
      if (authorId.equals(Json.text(user, "id")) && Json.text(user, "username") != null) {
        return Json.text(user, "username");
      }
    }
    return authorId;
  }

  /** The creation time encoded in a snowflake tweet id, or null for older ids. */
  static Instant snowflakeTime(String id) {
    try {
      long value = Long.parseLong(id);
      return value < FIRST_SNOWFLAKE
          ? null
          : Instant.ofEpochMilli((value >> 22) + TWITTER_EPOCH_MS);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
