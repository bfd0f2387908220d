package io.courtside.sentiment;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * VADER sentiment (Hutto &amp; Gilbert 2014), scoring exactly as vaderSentiment 3.3.2 does.
 * Immutable and thread-safe; build it once and share it. Cost is linear in the text length, and
 * texts longer than {@link #maxTextLength()} are truncated (ask {@link #wouldTruncate} first to
 * count them).
 *
 * <pre>{@code
 * SentimentScores s = Vader.standard().polarityScores("what a game!!");
 * Vader slang = Vader.builder().overlay(LexiconOverlay.nba()).build();
 * }</pre>
 */
public final class Vader {

  private static final Map<VaderConfig, Vader> SHARED = new ConcurrentHashMap<>();

  private final VaderConfig config;
  private final EmojiExpander emoji;
  private final Vocabulary vocabulary;
  private final ValenceRules rules;

  private Vader(VaderConfig config) {
    this.config = config;
    this.emoji = new EmojiExpander(EmojiNames.get());
    this.vocabulary = new Vocabulary(Lexicon.withOverlay(config.overlay()));
    this.rules = new ValenceRules(vocabulary);
  }

  /** The faithful reference scorer, built once per JVM. */
  public static Vader standard() {
    return of(VaderConfig.defaults());
  }

  /** The scorer for {@code config}, built once per JVM per distinct config. */
  public static Vader of(VaderConfig config) {
    return SHARED.computeIfAbsent(Objects.requireNonNull(config, "config"), Vader::new);
  }

  public static Builder builder() {
    return new Builder();
  }

  public VaderConfig config() {
    return config;
  }

  public int maxTextLength() {
    return config.maxTextLength();
  }

  /** Whether {@link #polarityScores} will score only the first {@link #maxTextLength()} chars. */
  public boolean wouldTruncate(String text) {
    return text.length() > config.maxTextLength();
  }

  /** compound, neg, neu and pos of {@code text}, rounded as the reference rounds them. */
  public SentimentScores polarityScores(String text) {
    SentiText tokens = tokens(text);
    return PolarityAggregator.scores(
        valences(tokens), tokens.size, tokens.exclamations, tokens.questions);
  }

  /** The tokens of {@code text}, truncated, emoji replaced by their names. */
  SentiText tokens(String text) {
    return SentiText.of(emoji.expand(truncate(text)), vocabulary);
  }

  /** The valence of each token after every rule, "but" included. */
  double[] valences(SentiText tokens) {
    double[] sentiments = rules.sentiments(tokens);
    ButRule.apply(tokens.word, tokens.size, sentiments);
    return sentiments;
  }

  /** Cuts at the cap, never between the two halves of a surrogate pair. */
  private String truncate(String text) {
    int max = config.maxTextLength();
    if (text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  /** Builds a {@link Vader}; without calls it gives {@link #standard()}. */
  public static final class Builder {
    private VaderConfig config = VaderConfig.defaults();

    private Builder() {}

    /** Adds or replaces lexicon entries from a {@code word<TAB>valence} file (read now). */
    public Builder overlay(Path file) {
      config = config.withOverlay(file);
      return this;
    }

    /** Adds or replaces lexicon entries, e.g. {@link LexiconOverlay#nba()}. */
    public Builder overlay(Map<String, Double> entries) {
      config = config.withOverlay(entries);
      return this;
    }

    public Builder maxTextLength(int maxTextLength) {
      config = config.withMaxTextLength(maxTextLength);
      return this;
    }

    public Vader build() {
      return Vader.of(config);
    }
  }
}
