package io.courtside.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import net.fellbaum.jemoji.Emoji;
import net.fellbaum.jemoji.EmojiManager;

/**
 * Code point → English name for every emoji the reference replaces. The reference looks up one code
 * point at a time in its emoji lexicon (built from Emoji 11.0), so only single-code-point emoji of
 * version 11.0 or older ever match. Names come from jemoji (current CLDR names) with {@code
 * emoji-names.tsv}, our table of the Emoji 11.0 names that CLDR has since changed.
 */
final class EmojiNames {

  /** The emoji version of the reference's emoji_utf8_lexicon.txt. */
  static final double REFERENCE_EMOJI_VERSION = 11.0;

  static final String CORRECTIONS_RESOURCE = "/io/courtside/sentiment/emoji-names.tsv";

  private static volatile EmojiNames instance;

  private final int[] codePoints;
  private final String[] names;

  /** Smallest emoji code point: anything below it (all ASCII) skips the lookup. */
  final int minCodePoint;

  private EmojiNames(Map<Integer, String> byCodePoint) {
    codePoints = new int[byCodePoint.size()];
    names = new String[byCodePoint.size()];
    int i = 0;
    for (Map.Entry<Integer, String> e : byCodePoint.entrySet()) {
      codePoints[i] = e.getKey();
      names[i] = e.getValue();
      i++;
    }
    minCodePoint = codePoints.length == 0 ? Integer.MAX_VALUE : codePoints[0];
  }

  static EmojiNames get() {
    EmojiNames e = instance;
    if (e == null) {
      synchronized (EmojiNames.class) {
        e = instance;
        if (e == null) {
          e = load();
          instance = e;
        }
      }
    }
    return e;
  }

  /** The name of the emoji at this code point, or null. */
  String name(int codePoint) {
    if (codePoint < minCodePoint) {
      return null;
    }
    int at = Arrays.binarySearch(codePoints, codePoint);
    return at >= 0 ? names[at] : null;
  }

  int size() {
    return codePoints.length;
  }

  private static EmojiNames load() {
    Map<Integer, String> byCodePoint = new TreeMap<>();
    for (Emoji emoji : EmojiManager.getAllEmojis()) {
      String s = emoji.getEmoji();
      if (s.codePointCount(0, s.length()) == 1 && emoji.getVersion() <= REFERENCE_EMOJI_VERSION) {
        byCodePoint.put(s.codePointAt(0), emoji.getDescription());
      }
    }
    applyCorrections(byCodePoint);
    return new EmojiNames(byCodePoint);
  }

  /** Lines {@code HEX<TAB>name}: the name the reference uses for that code point. */
  private static void applyCorrections(Map<Integer, String> byCodePoint) {
    try (InputStream in = EmojiNames.class.getResourceAsStream(CORRECTIONS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + CORRECTIONS_RESOURCE);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = reader.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.split("\t");
        int codePoint = Integer.parseInt(fields[0].trim(), 16);
        if (!byCodePoint.containsKey(codePoint)) {
          throw new IllegalStateException(
              CORRECTIONS_RESOURCE
                  + ": not an emoji of version <= "
                  + REFERENCE_EMOJI_VERSION
                  + " in jemoji: "
                  + fields[0]);
        }
        byCodePoint.put(codePoint, fields[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CORRECTIONS_RESOURCE, e);
    }
  }
}
