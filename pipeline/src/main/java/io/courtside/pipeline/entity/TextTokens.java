package io.courtside.pipeline.entity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
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

  /**
   * One token: its lookup key and whether its first letter was a capital. The key is null when the
   * caller's {@link KeyFilter} ruled it out: the token still takes its place between the others.
   */
  record Token(Kind kind, String key, boolean capitalised) {}

  /** The tokens without a key, one per kind and capital: shared, not allocated per word. */
  private static final Token[] UNBUILT = {
    new Token(Kind.WORD, null, false),
    new Token(Kind.WORD, null, true),
    new Token(Kind.TAG, null, false),
    new Token(Kind.TAG, null, true)
  };

  private TextTokens() {}

  /** Every token with its key: for aliases and tags, and as the reference of the rules. */
  static List<Token> of(String text) {
    return of(text, null);
  }

  /**
   * The tokens of {@code text}; a plain-ASCII token whose key {@code wanted} rules out gets a null
   * key without the key being built. Most words of a post name nobody, and building each one's key
   * (a substring, then a lower-case copy, then its hash for the lookup) was most of the cost of
   * tagging a post; the key's hash is computed from the text instead. Null: build every key.
   */
  static List<Token> of(String text, KeyFilter wanted) {
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
        if (!ruledOut(out, Kind.WORD, text, i, end, wanted)) {
          add(out, Kind.WORD, text.substring(i, end));
        }
        i = end;
      } else if (c == '@' && i > 0 && isWordChar(text.codePointBefore(i))) {
        i = skipToSpace(text, i); // the domain of an e-mail address names nobody
      } else if ((c == '#' || c == '@') && i + 1 < n && isWordChar(text.codePointAt(i + 1))) {
        int end = i + 1;
        while (end < n && (isWordChar(text.codePointAt(end)) || text.charAt(end) == '_')) {
          end += Character.charCount(text.codePointAt(end));
        }
        if (!ruledOut(out, Kind.TAG, text, i + 1, end, wanted)) {
          add(out, Kind.TAG, text.substring(i + 1, end).replace("_", ""));
        }
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

  /**
   * For a plain-ASCII token {@code text[from, to)} whose key {@code wanted} rules out: adds it with
   * a null key and returns true. Any other token (non-ASCII, or possibly wanted) is left to {@link
   * #add}, the one definition of a key. The hash is {@code String.hashCode} of exactly the key
   * {@link #add} would build: ASCII lower case, underscores dropped from tags, a possessive 's
   * dropped from words.
   */
  private static boolean ruledOut(
      List<Token> out, Kind kind, String text, int from, int to, KeyFilter wanted) {
    if (wanted == null) {
      return false;
    }
    int end = to;
    if (kind == Kind.WORD
        && end - from >= 2
        && text.charAt(end - 2) == '\''
        && (text.charAt(end - 1) == 's' || text.charAt(end - 1) == 'S')) {
      end -= 2;
    }
    int hash = 0;
    int length = 0;
    for (int k = from; k < end; k++) {
      char c = text.charAt(k);
      if (c >= 128) {
        return false;
      }
      if (c == '_' && kind == Kind.TAG) {
        continue;
      }
      hash = 31 * hash + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      length++;
    }
    if (length == 0 || wanted.mayContain(hash)) {
      return false;
    }
    char first = text.charAt(from);
    out.add(UNBUILT[kind.ordinal() * 2 + (first >= 'A' && first <= 'Z' ? 1 : 0)]);
    return true;
  }

  /**
   * The keys a caller looks up, by hash: {@link #mayContain} is true for every key given and, by
   * chance, for a few others, never false for a given key. A bit set rather than a {@code
   * HashSet<Integer>}: one array read per word, no boxing.
   */
  static final class KeyFilter {
    private final long[] bits;
    private final int shift;

    KeyFilter(Collection<String> keys) {
      // About 64 bits per key (at least 4,096): a word that names nobody passes for 1 in 64.
      int size = Integer.highestOneBit(Math.max(4_096, keys.size() * 64) - 1) << 1;
      bits = new long[size / 64];
      shift = Integer.numberOfLeadingZeros(size) + 1; // the top log2(size) bits of a product
      for (String key : keys) {
        int b = index(key.hashCode());
        bits[b >>> 6] |= 1L << b;
      }
    }

    boolean mayContain(int hash) {
      int b = index(hash);
      return (bits[b >>> 6] & (1L << b)) != 0;
    }

    private int index(int hash) {
      return (hash * 0x9E3779B9) >>> shift; // Fibonacci hashing: similar keys spread apart
    }
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
    if (c < 128) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
  }

  private static boolean startsUrl(String text, int i) {
    char c = text.charAt(i);
    return (c == 'h' || c == 'H')
        && (text.regionMatches(true, i, "http://", 0, 7)
            || text.regionMatches(true, i, "https://", 0, 8));
  }

  private static int skipToSpace(String text, int i) {
    while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
