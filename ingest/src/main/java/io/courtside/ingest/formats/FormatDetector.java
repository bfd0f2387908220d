package io.courtside.ingest.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.model.InvalidPostException;
import io.courtside.model.PostJson;

/**
 * Recognises the format of one line of a replay file and maps it. The checks go from the most
 * specific shape to the least, and each looks at fields only that format has: Courtside's {@code
 * createdAt}; Jetstream's {@code did}+{@code time_us}; Mastodon's {@code content}+{@code account};
 * v1.1's {@code user} object with {@code id_str}; v2's string {@code id} with {@code text} (bare,
 * or inside {@code data}).
 */
public final class FormatDetector {
  public enum Format {
    COURTSIDE,
    X_V2,
    X_V1,
    JETSTREAM,
    MASTODON
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static {
    // One hostile line must not cost unbounded work (same bounds as the post codec).
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(10_000_000)
                .build());
  }

  private final String mastodonInstance;

  /**
   * @param mastodonInstance host that served replayed Mastodon statuses (their ids are local)
   */
  public FormatDetector(String mastodonInstance) {
    this.mastodonInstance = mastodonInstance;
  }

  /** The format of a parsed line, or null when none fits. */
  public static Format detect(JsonNode root) {
    if (root.has("createdAt")
        || root.has("id")
            && root.has("text")
            && !XV2Tweets.looksLike(root)
            && !XV1Statuses.looksLike(root)
            && !MastodonStatuses.looksLike(root)) {
      // Courtside's own field name, or an id+text record no other format claims: let the post
      // codec say what is wrong with it.
      return Format.COURTSIDE;
    }
    if (JetstreamEvents.looksLike(root)) {
      return Format.JETSTREAM;
    }
    if (MastodonStatuses.looksLike(root)) {
      return Format.MASTODON;
    }
    if (XV1Statuses.looksLike(root)) {
      return Format.X_V1;
    }
    if (XV2Tweets.looksLike(root)) {
      return Format.X_V2;
    }
    return null;
  }

  /** Maps one line (already decoded from UTF-8). */
  public Mapped map(String line) {
    JsonNode root;
    try {
      root = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      return Mapped.malformed("not JSON");
    }
    if (root == null || !root.isObject()) {
      return Mapped.malformed("not a JSON object");
    }
    Format format = detect(root);
    if (format == null) {
      return Mapped.malformed("unknown format");
    }
    return switch (format) {
      case COURTSIDE -> courtside(line);
      case X_V2 -> XV2Tweets.map(root);
      case X_V1 -> XV1Statuses.map(line, root);
      case JETSTREAM -> JetstreamEvents.map(root);
      case MASTODON -> MastodonStatuses.map(root, mastodonInstance);
    };
  }

  private static Mapped courtside(String line) {
    try {
      return Mapped.post(PostJson.parse(line));
    } catch (InvalidPostException e) {
      // The pipeline's parser will say exactly what is wrong when it dead-letters the line.
      return Mapped.malformed("invalid Courtside post");
    }
  }
}
