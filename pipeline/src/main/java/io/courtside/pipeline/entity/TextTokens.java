package io.courtside.pipeline.entity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a post into the words, hashtags and @handles the {@link EntityMatcher} looks up, in one
 * pass. Aliases go through the same code, so that a post and an alias always agree on what a word
 * is.
 *
 * <ul>
 *   <li>A word is a run of letters and digits; an apostrophe between letters stays inside it
 *       ("De'Aaron"), a trailing possessive {@code 's} is dropped ("LeBron's" is "LeBron").
 *       Anything else (space, punctuation, hyphen, emoji) ends a word: that is the word boundary,
 *       so "Heatwave" is not "Heat" and "Lakers" is not inside "Lakersnation".
 *   <li>{@code #tag} and {@code @handle} are one token each, underscores dropped.
 *   <li>URLs ({@code http://}, {@code https://}) and the domain of an e-mail address are skipped: a
 *       link to lakers.com names nobody.
 *   <li>Keys are lower case without accents ("Jokić" and "jokic" are the same key); whether the
 *       word was written with a capital is kept for {@link Entity#capitalised()} aliases.
 * </ul>
 */
final class TextTokens {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  enum Kind {
    WORD,
    TAG
  }

  /** One token: its lookup key and whether its first letter was a capital. */
  record Token(Kind kind, String key, boolean capitalised) {}

  private TextTokens() {}

  static List<Token> of(String text) {
    List<Token> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      int c = text.codePointAt(i);
      if (isWordChar(c)) {
        if (startsUrl(text, i)) {
          i = skipToSpace(text, i);
          continue;
        }
        int end = wordEnd(text, i);
        add(out, Kind.WORD, text.substring(i, end));
        i = end;
      } else if (c == '@' && i > 0 && isWordChar(text.codePointBefore(i))) {
        i = skipToSpace(text, i); // the domain of an e-mail address names nobody
      } else if ((c == '#' || c == '@') && i + 1 < n && isWordChar(text.codePointAt(i + 1))) {
        int end = i + 1;
        while (end < n && (isWordChar(text.codePointAt(end)) || text.charAt(end) == '_')) {
          end += Character.charCount(text.codePointAt(end));
        }
        add(out, Kind.TAG, text.substring(i + 1, end).replace("_", ""));
        i = end;
      } else {
        i += Character.charCount(c);
      }
    }
    return out;
  }

  /** The key of a hashtag or handle written without '#'/'@' (the post's hashtags field, tags). */
  static String tagKey(String tag) {
    String t = tag.startsWith("#") || tag.startsWith("@") ? tag.substring(1) : tag;
    StringBuilder key = new StringBuilder();
    for (Token w : of(t.replace("_", ""))) {
      key.append(w.key());
    }
    return key.toString();
  }

  private static void add(List<Token> out, Kind kind, String raw) {
    String word = raw.replace('\u2019', '\'');
    if (word.endsWith("'s") || word.endsWith("'S")) {
      word = word.substring(0, word.length() - 2);
    }
    if (word.isEmpty()) {
      return;
    }
    boolean capital =
        Character.isUpperCase(word.codePointAt(0)) || Character.isTitleCase(word.codePointAt(0));
    out.add(new Token(kind, key(word), capital));
  }

  private static String key(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      if (lower.charAt(i) > 127) {
        return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
      }
    }
    return lower;
  }

  private static int wordEnd(String text, int start) {
    int n = text.length();
    int i = start;
    while (i < n) {
      int c = text.codePointAt(i);
      if (isWordChar(c)) {
        i += Character.charCount(c);
      } else if ((c == '\'' || c == '\u2019')
          && i + 1 < n
          && Character.isLetter(text.codePointAt(i + 1))) {
        i++; // an apostrophe inside a word: De'Aaron, LeBron's
      } else {
        break;
      }
    }
    return i;
  }

  private static boolean isWordChar(int c) {
    return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
  }

  private static boolean startsUrl(String text, int i) {
    return text.regionMatches(true, i, "http://", 0, 7)
        || text.regionMatches(true, i, "https://", 0, 8);
  }

  private static int skipToSpace(String text, int i) {
    while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
