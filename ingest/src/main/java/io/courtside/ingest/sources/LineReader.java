package io.courtside.ingest.sources;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a stream line by line as raw bytes, in constant memory. Bytes rather than a {@code Reader}
 * because a line that is not valid UTF-8 must reach the dead-letter topic exactly as it was in the
 * file; a decoder would have replaced the bad bytes. A line longer than the limit is consumed but
 * not kept ({@link #oversize()}), so one huge line cannot exhaust the heap.
 *
 * <p>A line ends at "\n", "\r\n" or a lone "\r" (old Mac files; SSE allows all three). A file with
 * CR-only line ends was read as one line. A '\r' ends its line at once, and a '\n' right after it
 * is skipped when the next line is read, so a CR LF split across two reads is one line end and a
 * live stream is never waited on for the byte after a '\r'. No JSON line holds a raw CR: JSON
 * escapes it inside strings.
 */
public final class LineReader implements Closeable {
  private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] chunk = new byte[64 * 1024];
  private int chunkPos;
  private int chunkEnd;
  private boolean eof;

  /** The last line ended at a '\r': a '\n' that follows belongs to that line end. */
  private boolean skipLf;

  private byte[] line = new byte[1024];
  private int length;
  private boolean oversize;
  private long lineNumber;

  public LineReader(InputStream in, int maxLineBytes) {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  /** Advances to the next line; false at the end of the stream. */
  public boolean next() throws IOException {
    length = 0;
    oversize = false;
    boolean sawAnything = false;
    while (true) {
      if (chunkPos == chunkEnd) {
        if (eof || !fill()) {
          if (!sawAnything) {
            return false;
          }
          break; // last line without a trailing newline
        }
      }
      if (skipLf) {
        skipLf = false;
        if (chunk[chunkPos] == '\n') {
          chunkPos++; // the LF of a CR LF whose CR ended the last line
          continue;
        }
      }
      sawAnything = true;
      int lineEnd = indexOfLineEnd(chunk, chunkPos, chunkEnd);
      int end = lineEnd < 0 ? chunkEnd : lineEnd;
      append(chunk, chunkPos, end - chunkPos);
      chunkPos = lineEnd < 0 ? chunkEnd : lineEnd + 1;
      if (lineEnd >= 0) {
        skipLf = chunk[lineEnd] == '\r';
        break;
      }
    }
    lineNumber++;
    if (lineNumber == 1 && !oversize && startsWithBom()) {
      System.arraycopy(line, UTF8_BOM.length, line, 0, length - UTF8_BOM.length);
      length -= UTF8_BOM.length;
    }
    return true;
  }

  /** 1-based number of the current line. */
  public long lineNumber() {
    return lineNumber;
  }

  /** True when the current line exceeded the limit; its bytes were discarded. */
  public boolean oversize() {
    return oversize;
  }

  /** True when the line holds only ASCII whitespace (or nothing). */
  public boolean blank() {
    if (oversize) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0B) {
        return false;
      }
    }
    return true;
  }

  /** A copy of the current line's bytes, without the line terminator. */
  public byte[] bytes() {
    return Arrays.copyOf(line, length);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private boolean fill() throws IOException {
    int n = in.read(chunk, 0, chunk.length);
    while (n == 0) {
      n = in.read(chunk, 0, chunk.length);
    }
    if (n < 0) {
      eof = true;
      chunkPos = chunkEnd = 0;
      return false;
    }
    chunkPos = 0;
    chunkEnd = n;
    return true;
  }

  private void append(byte[] src, int from, int count) {
    if (oversize || count == 0) {
      return;
    }
    if ((long) length + count > maxLineBytes) {
      oversize = true;
      length = 0;
      return;
    }
    if (length + count > line.length) {
      line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, length + count)));
    }
    System.arraycopy(src, from, line, length, count);
    length += count;
  }

  private boolean startsWithBom() {
    return length >= 3
        && line[0] == UTF8_BOM[0]
        && line[1] == UTF8_BOM[1]
        && line[2] == UTF8_BOM[2];
  }

  private static int indexOfLineEnd(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n' || bytes[i] == '\r') {
        return i;
      }
    }
    return -1;
  }
}
