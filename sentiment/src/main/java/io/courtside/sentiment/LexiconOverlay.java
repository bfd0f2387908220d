package io.courtside.sentiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads overlay files: {@code word<TAB>valence} lines (valences from -4 to +4, VADER's scale) that
 * add or replace lexicon entries. Blank lines and lines starting with {@code #} are ignored;
 * further TAB-separated fields (the reference lexicon's standard deviation and ratings) are allowed
 * and ignored. Words are lowercased, because VADER looks every token up in lower case.
 */
public final class LexiconOverlay {

  /** The opt-in NBA slang overlay shipped with this module (an opinion, see the file). */
  public static final String NBA = "nba";

  static final String NBA_RESOURCE = "/io/courtside/sentiment/nba-overlay.tsv";

  /**
   * VADER's valences are mean ratings on a -4 to +4 scale. A file's valence beyond it is refused: a
   * huge one (1e308) made the sums infinite, and "good good game" scored 0 on every field.
   */
  static final double MAX_VALENCE = 4.0;

  private LexiconOverlay() {}

  public static Map<String, Double> read(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(reader, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read lexicon overlay " + file, e);
    }
  }

  /** The shipped NBA slang overlay. */
  public static Map<String, Double> nba() {
    try (InputStream in = LexiconOverlay.class.getResourceAsStream(NBA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + NBA_RESOURCE);
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8), NBA_RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + NBA_RESOURCE, e);
    }
  }

  /** {@code "nba"} for the shipped overlay, otherwise a file path. */
  public static Map<String, Double> named(String nameOrPath) {
    return NBA.equals(nameOrPath) ? nba() : read(Path.of(nameOrPath));
  }

  static Map<String, Double> parse(Reader source, String origin) throws IOException {
    Map<String, Double> entries = new LinkedHashMap<>();
    BufferedReader reader = new BufferedReader(source);
    int lineNumber = 0;
    for (String line; (line = reader.readLine()) != null; ) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] fields = trimmed.split("\t");
      if (fields.length < 2) {
        throw new IllegalArgumentException(
            origin + ":" + lineNumber + ": expected word<TAB>valence");
      }
      try {
        double valence = Double.parseDouble(fields[1].strip());
        if (!(Math.abs(valence) <= MAX_VALENCE)) {
          throw new IllegalArgumentException(
              origin
                  + ":"
                  + lineNumber
                  + ": valence '"
                  + fields[1]
                  + "' is outside VADER's scale, -4 to +4");
        }
        entries.put(PyText.lower(fields[0].strip()), valence);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            origin + ":" + lineNumber + ": bad valence '" + fields[1] + "'", e);
      }
    }
    return entries;
  }
}
