package io.courtside.sentiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 text from a stream, with each malformed byte sequence replaced by U+FFFD exactly as {@code
 * new String(bytes, UTF_8)} does, and counted. Hand-written because the JDK's {@code
 * InputStreamReader} replaces silently (its decoder's REPLACE action has no count), and a second
 * strict pass over the input would not stream: this reader asks its decoder to REPORT and does the
 * replacing itself, which costs nothing while the input is valid.
 */
final class CountingUtf8Reader extends Reader {
  private static final char REPLACEMENT = '\uFFFD';

  private final InputStream in;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
  private final CharBuffer chars = CharBuffer.allocate(1 << 16).flip();
  private boolean eof;
  private boolean flushed;
  private long malformed;

  CountingUtf8Reader(InputStream in) {
    this.in = in;
  }

  /** Malformed sequences replaced so far. */
  long malformed() {
    return malformed;
  }

  @Override
  public int read(char[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (flushed) {
        return -1;
      }
      fill();
    }
    int n = Math.min(len, chars.remaining());
    chars.get(buf, off, n);
    return n;
  }

  /** Decodes more input into {@link #chars} (which is empty). */
  private void fill() throws IOException {
    chars.clear();
    try {
      while (chars.position() == 0 && !flushed) {
        if (!eof && bytes.remaining() < 4) {
          bytes.compact();
          int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
          if (n < 0) {
            eof = true;
          } else {
            bytes.position(bytes.position() + n);
          }
          bytes.flip();
        }
        CoderResult r = decoder.decode(bytes, chars, eof);
        if (r.isError() && !chars.hasRemaining()) {
          break; // no room for the U+FFFD: the decoder reports the same sequence next time
        } else if (r.isError()) {
          // One U+FFFD per malformed sequence, as the decoder's REPLACE action writes it.
          bytes.position(bytes.position() + r.length());
          chars.put(REPLACEMENT);
          malformed++;
        } else if (eof && !bytes.hasRemaining()) {
          decoder.flush(chars);
          flushed = true;
        } else if (r.isOverflow()) {
          break;
        }
      }
    } finally {
      chars.flip();
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
