package io.courtside.ingest.sources;

import io.courtside.ingest.formats.Hashtags;
import io.courtside.model.Post;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Client-side {@code --track} for sources without a server-side filter (Jetstream sends every post
 * on the network). A term starting with '#' matches a hashtag of the post, ignoring case; any other
 * term matches as a whole word or phrase in the text, ignoring case. A post matches when any term
 * does; no terms match everything.
 */
public final class TrackFilter {
  private final List<String> tags = new ArrayList<>();
  private final List<Pattern> phrases = new ArrayList<>();

  public TrackFilter(List<String> terms) {
    for (String term : terms) {
      String t = term.strip();
      if (t.startsWith("#") && t.length() > 1) {
        tags.add(t.substring(1).toLowerCase(Locale.ROOT));
      } else if (!t.isEmpty()) {
        // Word boundaries that understand non-ASCII letters ("Dončić" is one word).
        phrases.add(
            Pattern.compile(
                "(?<![\\p{L}\\p{N}_])" + Pattern.quote(t) + "(?![\\p{L}\\p{N}_])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
      }
    }
  }

  public boolean matchesEverything() {
    return tags.isEmpty() && phrases.isEmpty();
  }

  public boolean matches(Post post) {
    if (matchesEverything()) {
      return true;
    }
    if (!tags.isEmpty()) {
      // Facets and the text both: some clients write "#NBA" without marking it up as a tag.
      List<String> all = new ArrayList<>(post.hashtags());
      all.addAll(Hashtags.fromText(post.text()));
      for (String tag : all) {
        if (tags.contains(tag.toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    for (Pattern phrase : phrases) {
      if (phrase.matcher(post.text()).find()) {
        return true;
      }
    }
    return false;
  }
}
