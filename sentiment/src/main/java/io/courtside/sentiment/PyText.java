package io.courtside.sentiment;

import java.util.Locale;

/**
 * The few Python {@code str} behaviours VADER depends on, reproduced for Java strings: which
 * characters {@code str.split()} treats as whitespace, {@code str.isupper()}, {@code str.lower()}
 * and {@code len()} (code points, not UTF-16 units).
 */
final class PyText {

  private PyText() {}

  /** Python's {@code str.isspace()} for one character (all such characters are in the BMP). */
  static boolean isSpace(char c) {
    if (c <= ' ') {
      return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
    }
    if (c < 0x85) {
      return false;
    }
    return c == 0x85
        || c == 0xA0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202F
        || c == 0x205F
        || c == 0x3000;
  }

  /** {@code string.punctuation}: the 32 ASCII punctuation characters. */
  static boolean isAsciiPunctuation(char c) {
    return (c >= '!' && c <= '/')
        || (c >= ':' && c <= '@')
        || (c >= '[' && c <= '`')
        || (c >= '{' && c <= '~');
  }

  /**
   * {@code str.isupper()}: at least one cased character and no lowercase or titlecase one. Java's
   * {@code isUpperCase}/{@code isLowerCase} include Other_Uppercase/Other_Lowercase, as Python's
   * do.
   */
  static boolean isUpper(String s) {
    boolean cased = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 'a' && c <= 'z') {
          return false;
        }
        cased |= c >= 'A' && c <= 'Z';
        continue;
      }
      int cp = s.codePointAt(i);
      if (Character.isLowerCase(cp) || Character.isTitleCase(cp)) {
        return false;
      }
      cased |= Character.isUpperCase(cp);
      if (cp > 0xFFFF) {
        i++;
      }
    }
    return cased;
  }

  /** {@code str.lower()}; ASCII-only strings (nearly all tokens) skip the locale machinery. */
  static String lower(String s) {
    int n = s.length();
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return s.toLowerCase(Locale.ROOT);
      }
      if (c >= 'A' && c <= 'Z') {
        break;
      }
      i++;
    }
    if (i == n) {
      return s;
    }
    char[] out = s.toCharArray();
    for (; i < n; i++) {
      char c = out[i];
      if (c >= 0x80) {
        return s.toLowerCase(Locale.ROOT);
      }
      if (c >= 'A' && c <= 'Z') {
        out[i] = (char) (c + ('a' - 'A'));
      }
    }
    return new String(out);
  }

  /** {@code str.lower()} of an ASCII char. */
  static char lowerAscii(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  /** Python's {@code len()} of {@code s.substring(from, to)}. */
  static int codePointLength(String s, int from, int to) {
    int n = to - from;
    for (int i = from; i < to - 1; i++) {
      if (Character.isHighSurrogate(s.charAt(i)) && Character.isLowSurrogate(s.charAt(i + 1))) {
        n--;
        i++;
      }
    }
    return n;
  }
}
