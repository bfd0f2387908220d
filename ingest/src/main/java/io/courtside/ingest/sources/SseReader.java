package io.courtside.ingest.sources;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events from a byte stream: {@code event:} and {@code data:} fields, a blank line
 * ends an event, lines starting with ':' are comments (Mastodon's heartbeat is {@code :thump}).
 * Multi-line data is joined with '\n' as the SSE spec says.
 */
final class SseReader implements Closeable {
  /** One dispatched event; {@code type} is "message" when the server named none. */
  record Event(String type, String data) {}

  private final LineReader lines;
  private final Runnable onComment;

  /** @param onComment called for each comment line, e.g. to count heartbeats */
  SseReader(InputStream in, int maxLineBytes, Runnable onComment) {
    this.lines = new LineReader(in, maxLineBytes);
    this.onComment = onComment;
  }

  /** The next event, or null at the end of the stream. Oversize lines are dropped. */
  Event next() throws IOException {
    String type = null;
    StringBuilder data = null;
    while (lines.next()) {
      if (lines.oversize()) {
        continue;
      }
      String line = new String(lines.bytes(), StandardCharsets.UTF_8);
      if (line.isEmpty()) {
        if (data != null) {
          return new Event(type == null ? "message" : type, data.toString());
        }
        type = null; // an event without data is not dispatched
        continue;
      }
      if (line.startsWith(":")) {
        onComment.run();
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (field.equals("event")) {
        type = value;
      } else if (field.equals("data")) {
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      }
      // "id" and "retry" are ignored: Mastodon cannot resume from an event id.
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
