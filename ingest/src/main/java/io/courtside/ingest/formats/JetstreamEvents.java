package io.courtside.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.model.Post;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Bluesky Jetstream events: {@code {did, time_us, kind, commit:{operation, collection, rkey,
 * record}}}. A created (or updated) {@code app.bsky.feed.post} becomes a post with id {@code
 * bsky:<did>/<rkey>}, the record's address in the network, so a re-sent event keeps its key.
 * Hashtags come from tag facets and the record's own {@code tags}; the text is scanned only when a
 * client wrote neither.
 */
public final class JetstreamEvents {
  public static final String SOURCE = "bluesky";
  public static final String POST_COLLECTION = "app.bsky.feed.post";
  private static final String TAG_FACET = "app.bsky.richtext.facet#tag";

  private JetstreamEvents() {}

  public static boolean looksLike(JsonNode root) {
    return root.has("did") && root.has("time_us") && root.has("kind");
  }

  public static Mapped map(JsonNode event) {
    String kind = Json.text(event, "kind");
    if (!"commit".equals(kind)) {
      return Mapped.skip("Jetstream " + kind + " event");
    }
    JsonNode commit = event.path("commit");
    String collection = Json.text(commit, "collection");
    if (!POST_COLLECTION.equals(collection)) {
      return Mapped.skip("Jetstream commit to another collection");
    }
    String operation = Json.text(commit, "operation");
    if (!"create".equals(operation) && !"update".equals(operation)) {
      return Mapped.skip("Jetstream post " + operation);
    }
    String did = Json.text(event, "did");
    String rkey = Json.text(commit, "rkey");
    JsonNode record = commit.get("record");
    if (did == null || rkey == null || record == null || !record.isObject()) {
      return Mapped.malformed("Jetstream post without did, rkey or record");
    }
    String text = Json.text(record, "text");
    if (text == null) {
      return Mapped.malformed("Jetstream post without text");
    }
    Instant createdAt = Json.instant(record, "createdAt");
    if (createdAt == null) {
      JsonNode timeUs = event.get("time_us");
      if (timeUs == null || !timeUs.canConvertToLong()) {
        return Mapped.malformed("Jetstream post without createdAt");
      }
      // In micros, not nanos: micros * 1000 overflows a long past 2262 and wraps to 1677.
      createdAt = Instant.EPOCH.plus(timeUs.asLong(), ChronoUnit.MICROS);
    }
    List<String> langs = new ArrayList<>();
    record.path("langs").forEach(l -> langs.add(l.asText()));
    return Mapped.post(
        new Post(
            "bsky:" + did + "/" + rkey,
            createdAt,
            text,
            langs.isEmpty() ? null : Json.lang(langs.get(0)),
            did,
            SOURCE,
            Hashtags.orFromText(tags(record), text)));
  }

  /** Tag facets in text order, then the record's extra tags. */
  static List<String> tags(JsonNode record) {
    List<String> tags = new ArrayList<>();
    for (JsonNode facet : record.path("facets")) {
      for (JsonNode feature : facet.path("features")) {
        if (TAG_FACET.equals(Json.text(feature, "$type")) && Json.text(feature, "tag") != null) {
          tags.add(Json.text(feature, "tag"));
        }
      }
    }
    record.path("tags").forEach(t -> tags.add(t.asText()));
    return tags;
  }
}
