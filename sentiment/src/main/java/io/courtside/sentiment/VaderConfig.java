package io.courtside.sentiment;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that makes one {@link Vader} differ from another, as a small serializable value: a
 * Beam DoFn keeps this as a field and calls {@link #toVader()} in {@code @Setup}; equal configs
 * share one scorer per JVM. The overlay is held as entries, not as a path, so workers need no file.
 *
 * @param maxTextLength texts longer than this many UTF-16 chars are cut to it before scoring
 * @param overlay lexicon entries (lowercase word → valence) that add to or replace the lexicon
 */
public record VaderConfig(int maxTextLength, Map<String, Double> overlay) implements Serializable {

  /**
   * 25,000 chars: the longest post X allows, 50× a default Mastodon post. Longer texts are almost
   * always pasted logs or spam; scoring them costs time without changing an aggregate.
   */
  public static final int DEFAULT_MAX_TEXT_LENGTH = 25_000;

  private static final long serialVersionUID = 1L;

  public VaderConfig {
    if (maxTextLength < 1) {
      throw new IllegalArgumentException("maxTextLength must be positive: " + maxTextLength);
    }
    overlay = Map.copyOf(Objects.requireNonNull(overlay, "overlay"));
  }

  /** The faithful reference configuration: no overlay, the default length cap. */
  public static VaderConfig defaults() {
    return new VaderConfig(DEFAULT_MAX_TEXT_LENGTH, Map.of());
  }

  public VaderConfig withMaxTextLength(int maxTextLength) {
    return new VaderConfig(maxTextLength, overlay);
  }

  /** This config with {@code entries} added to its overlay (later entries win). */
  public VaderConfig withOverlay(Map<String, Double> entries) {
    Map<String, Double> merged = new java.util.HashMap<>(overlay);
    entries.forEach((word, valence) -> merged.put(PyText.lower(word), valence));
    return new VaderConfig(maxTextLength, merged);
  }

  /** Reads a {@code word<TAB>valence} file now, so the config carries its entries. */
  public VaderConfig withOverlay(Path file) {
    return withOverlay(LexiconOverlay.read(file));
  }

  /** The shared scorer for this config (built on first use, then cached for the JVM). */
  public Vader toVader() {
    return Vader.of(this);
  }
}
