package io.courtside.ingest.formats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hashtags without their '#', in order of first appearance, each once (compared ignoring case; the
 * first spelling wins, so "#NBA ... #nba" gives "NBA"). Platforms that mark tags up (entities,
 * facets, tag lists) are trusted first; the text scan is the fallback for records that lack that
 * markup, e.g. v2 tweets fetched without {@code entities}.
 */
public final class Hashtags {
  /**
   * '#' (or the full-width '＃') not glued to a preceding word or '&' (so "C#" and "&#39;" are not
   * tags), then letters, digits, marks and '_' with at least one letter ("#1" is not a tag).
   */
  private static final Pattern TAG =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}_&/])[#＃]([\\p{L}\\p{M}\\p{N}_]*[\\p{L}\\p{M}][\\p{L}\\p{M}\\p{N}_]*)");

  private Hashtags() {}

  /** Tags found in free text. */
  public static List<String> fromText(String text) {
    List<String> tags = new ArrayList<>();
    if (text == null) {
      return tags;
    }
    Matcher m = TAG.matcher(text);
    while (m.find()) {
      tags.add(m.group(1));
    }
    return distinct(tags);
  }

  /** The given tags (leading '#' dropped, blanks ignored), each once. */
  public static List<String> distinct(List<String> tags) {
    Map<String, String> seen = new LinkedHashMap<>();
    for (String tag : tags) {
      if (tag == null) {
        continue;
      }
      String t = tag.startsWith("#") || tag.startsWith("＃") ? tag.substring(1) : tag;
      t = t.strip();
      if (!t.isEmpty()) {
        seen.putIfAbsent(t.toLowerCase(Locale.ROOT), t);
      }
    }
    return new ArrayList<>(seen.values());
  }

  /** Marked-up tags when the record has any, else tags scanned from the text. */
  public static List<String> orFromText(List<String> markedUp, String text) {
    List<String> tags = distinct(markedUp);
    return tags.isEmpty() ? fromText(text) : tags;
  }
}
