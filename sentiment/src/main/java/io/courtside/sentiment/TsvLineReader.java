package io.courtside.sentiment;

import java.io.IOException;
import java.io.Reader;

/**
 * Splits a character stream into lines at '\n' only (dropping one '\r' before it), unlike {@link
 * java.io.BufferedReader#readLine()}, which also ends a line at a lone '\r': a post may contain
 * one, and it must stay part of the text.
 */
final class TsvLineReader {

  private final Reader in;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private final StringBuilder line = new StringBuilder(256);

  TsvLineReader(Reader in) {
    this.in = in;
  }

  /** The next line without its terminator, or null at the end of the stream. */
  String next() throws IOException {
    line.setLength(0);
    boolean any = false;
    while (true) {
      if (position == limit) {
        limit = in.read(buffer, 0, buffer.length);
        position = 0;
        if (limit <= 0) {
          limit = 0;
          return any ? finish() : null;
        }
      }
      any = true;
      int start = position;
      while (position < limit && buffer[position] != '\n') {
        position++;
      }
      line.append(buffer, start, position - start);
      if (position < limit) {
        position++; // the '\n'
        return finish();
      }
    }
  }

  private String finish() {
    int n = line.length();
    if (n > 0 && line.charAt(n - 1) == '\r') {
      line.setLength(n - 1);
    }
    return line.toString();
  }
}
