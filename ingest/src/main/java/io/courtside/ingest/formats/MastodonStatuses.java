package io.courtside.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.model.Post;
import java.time.Instant;
import java.util.List;

/**
 * Mastodon Status entities (streaming {@code update} payloads and REST timeline items). The id is
 * {@code mastodon:<instance>/<status id>}: status ids are only unique on the instance that served
 * them. Content is HTML and becomes plain text; a content warning ({@code spoiler_text}) is kept in
 * front because it is part of what the author said. Boosts are skipped: the boosted status is
 * someone else's post, and it arrives on its own when it matches.
 */
public final class MastodonStatuses {
  public static final String SOURCE = "mastodon";

  private MastodonStatuses() {}

  public static boolean looksLike(JsonNode root) {
    return root.has("content") && root.path("account").isObject() && root.has("created_at");
  }

  /**
   * @param instance host name of the instance that served the status, e.g. mastodon.social
   */
  public static Mapped map(JsonNode status, String instance) {
    if (status.hasNonNull("reblog")) {
      return Mapped.skip("Mastodon boost");
    }
    String id = Json.text(status, "id");
    if (id == null || id.isBlank()) {
      return Mapped.malformed("Mastodon status without id");
    }
    Instant createdAt = Json.instant(status, "created_at");
    if (createdAt == null) {
      return Mapped.malformed("Mastodon status without a readable created_at");
    }
    String text = HtmlText.toPlainText(Json.text(status, "content"));
    String warning = Json.text(status, "spoiler_text");
    if (warning != null && !warning.isBlank()) {
      text = text.isEmpty() ? warning : warning + "\n\n" + text;
    }
    // The text keeps the author's spelling ("#LakeShow"); the tags list is lower-cased, so it is
    // only the fallback (e.g. tags that Mastodon found in a content warning or an edit).
    List<String> tags = Hashtags.fromText(text);
    if (tags.isEmpty()) {
      tags = Hashtags.distinct(Json.texts(status, "tags", "name"));
    }
    return Mapped.post(
        new Post(
            "mastodon:" + instance + "/" + id,
            createdAt,
            text,
            Json.lang(Json.text(status, "language")),
            Json.text(status.get("account"), "acct"),
            SOURCE,
            tags));
  }
}
