package io.courtside.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Word → valence, as vaderSentiment 3.3.2 has it: the 2014 lexicon from the {@code
 * vader-sentiment-analyzer} jar, our documented corrections, then an optional overlay.
 */
final class Lexicon {

  /** Resource inside com.github.apanimesh061:vader-sentiment-analyzer:1.0 (latin-1, CRLF). */
  static final String BASE_RESOURCE = "/vader_sentiment_lexicon.txt";

  static final String CORRECTIONS_RESOURCE = "/io/courtside/sentiment/lexicon-corrections.tsv";

  private static volatile Map<String, Double> base;

  private final Map<String, Double> valences;

  private Lexicon(Map<String, Double> valences) {
    this.valences = valences;
  }

  /** The reference lexicon plus {@code overlay} (keys already lowercased by the caller). */
  static Lexicon withOverlay(Map<String, Double> overlay) {
    Map<String, Double> map = new HashMap<>(baseLexicon());
    map.putAll(overlay);
    return new Lexicon(map);
  }

  /** Valence of a lowercased token, or null when the token is not in the lexicon. */
  Double valence(String lowerWord) {
    return valences.get(lowerWord);
  }

  /** Every entry, word to valence (read-only). */
  Map<String, Double> entries() {
    return Collections.unmodifiableMap(valences);
  }

  private static Map<String, Double> baseLexicon() {
    Map<String, Double> b = base;
    if (b == null) {
      synchronized (Lexicon.class) {
        b = base;
        if (b == null) {
          b = new HashMap<>(16_384);
          read(BASE_RESOURCE, StandardCharsets.ISO_8859_1, false, b);
          read(CORRECTIONS_RESOURCE, StandardCharsets.UTF_8, true, b);
          base = b;
        }
      }
    }
    return b;
  }

  /**
   * The reference's parsing: strip the line, split on TAB, first field word, second valence; a
   * later line for the same word wins. Only our own files may carry {@code #} comments.
   */
  private static void read(
      String resource, Charset charset, boolean comments, Map<String, Double> into) {
    try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "VADER lexicon resource missing from the classpath: " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset));
      for (String line; (line = reader.readLine()) != null; ) {
        line = line.strip();
        if (line.isEmpty() || (comments && line.startsWith("#"))) {
          continue;
        }
        String[] fields = line.split("\t", 3);
        into.put(fields[0], Double.parseDouble(fields[1]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
