package io.courtside.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8: {@code new String(bytes, UTF_8)} would silently replace bad bytes with U+FFFD. */
public final class Utf8 {
  /** Reads 8 bytes of a byte[] as one long. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Utf8() {}

  /** The text, or null when the bytes are not valid UTF-8. */
  public static String decodeOrNull(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * Whether the bytes are valid UTF-8: true exactly when {@link #decodeOrNull} returns text,
   * without decoding. Refuses what the JDK's strict decoder refuses: a byte that starts no sequence
   * (a stray continuation byte, C0, C1, F5 to FF), an overlong form, a surrogate encoded in UTF-8
   * (ED A0 to ED BF), a code point above U+10FFFF, and a sequence cut short.
   */
  public static boolean isValid(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      if (i + 8 <= n && ((long) LONGS.get(bytes, i) & 0x8080808080808080L) == 0) {
        i += 8; // 8 ASCII bytes, by far the most common
        continue;
      }
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      b &= 0xFF;
      if (b < 0xC2) { // a continuation byte, or the lead of an overlong 2-byte form
        return false;
      } else if (b < 0xE0) { // 2 bytes: U+0080 to U+07FF
        if (i + 1 >= n || !continuation(bytes[i + 1])) {
          return false;
        }
        i += 2;
      } else if (b < 0xF0) { // 3 bytes: U+0800 to U+FFFF, surrogates excluded
        if (i + 2 >= n) {
          return false;
        }
        int b1 = bytes[i + 1] & 0xFF;
        int low = b == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
        int high = b == 0xED ? 0x9F : 0xBF; // ED A0..BF would be U+D800..U+DFFF
        if (b1 < low || b1 > high || !continuation(bytes[i + 2])) {
          return false;
        }
        i += 3;
      } else if (b < 0xF5) { // 4 bytes: U+10000 to U+10FFFF
        if (i + 3 >= n) {
          return false;
        }
        int b1 = bytes[i + 1] & 0xFF;
        int low = b == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
        int high = b == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be above U+10FFFF
        if (b1 < low || b1 > high || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) {
          return false;
        }
        i += 4;
      } else { // F5..FF start no sequence
        return false;
      }
    }
    return true;
  }

  private static boolean continuation(byte b) {
    return (b & 0xC0) == 0x80;
  }
}
