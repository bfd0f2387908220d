package io.courtside.ingest.sources;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Server-Sent Events from a byte stream: {@code event:} and {@code data:} fields, a blank line ends
 * an event, lines starting with ':' are comments (Mastodon's heartbeat is {@code :thump}).
 * Multi-line data is joined with '\n' as the SSE spec says. An event whose data would exceed the
 * limit (one long line, or many lines) is not kept: its data is dropped as it arrives, so a hostile
 * or broken server cannot exhaust the heap, and the event is reported to {@code onOversize}.
 */
final class SseReader implements Closeable {
  /** One dispatched event; {@code type} is "message" when the server named none. */
  record Event(String type, String data) {}

  private final LineReader lines;
  private final int maxDataChars;
  private final Runnable onComment;
  private final Runnable onOversize;

  /**
   * @param maxBytes longest line, and most characters of one event's data
   * @param onComment called for each comment line, e.g. to count heartbeats
   * @param onOversize called for each event dropped because its data exceeded {@code maxBytes}
   */
  SseReader(InputStream in, int maxBytes, Runnable onComment, Runnable onOversize) {
    this.lines = new LineReader(in, maxBytes);
    this.maxDataChars = maxBytes;
    this.onComment = onComment;
    this.onOversize = onOversize;
  }

  /** The next event, or null at the end of the stream. */
  Event next() throws IOException {
    String type = null;
    StringBuilder data = null;
    boolean oversize = false;
    while (lines.next()) {
      if (lines.oversize()) {
        oversize = true; // a line of the event is lost: the rest of it is no use either
        data = null;
        continue;
      }
      String line = new String(lines.bytes(), StandardCharsets.UTF_8);
      if (line.isEmpty()) {
        if (oversize) {
          onOversize.run();
          oversize = false;
        } else if (data != null) {
          return new Event(type == null ? "message" : type, data.toString());
        }
        type = null; // an event without data is not dispatched
        data = null;
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
      } else if (field.equals("data") && !oversize) {
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
        if (data.length() > maxDataChars) {
          oversize = true;
          data = null;
        }
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
