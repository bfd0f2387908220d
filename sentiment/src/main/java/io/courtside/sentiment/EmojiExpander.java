package io.courtside.sentiment;

/**
 * Replaces emoji by their names exactly as the reference does: it walks the text one code point at
 * a time, so each emoji code point is replaced on its own and everything else is kept verbatim (a
 * ZWJ, a variation selector or a flag's regional indicators stay in the text and glue onto the
 * neighbouring name). A space goes before a name unless the previous character was a space; none
 * goes after it, so "😂lol" becomes "face with tears of joylol".
 */
final class EmojiExpander {

  private final EmojiNames names;

  EmojiExpander(EmojiNames names) {
    this.names = names;
  }

  /** The text with emoji replaced; the same instance when it contains none. */
  String expand(String text) {
    int n = text.length();
    int first = firstEmoji(text);
    if (first < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(n + 64);
    out.append(text, 0, first);
    boolean previousSpace = first == 0 || text.charAt(first - 1) == ' ';
    int i = first;
    while (i < n) {
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      String name = names.name(cp);
      if (name != null) {
        if (!previousSpace) {
          out.append(' ');
        }
        out.append(name);
        previousSpace = false;
      } else {
        out.append(text, i, i + width);
        previousSpace = cp == ' ';
      }
      i += width;
    }
    return out.toString();
  }

  private int firstEmoji(String text) {
    int min = names.minCodePoint;
    for (int i = 0, n = text.length(); i < n; ) {
      char c = text.charAt(i);
      if (c < min) { // min is below the surrogate range, so c is a whole code point
        i++;
        continue;
      }
      int cp = text.codePointAt(i);
      if (names.name(cp) != null) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }
}
