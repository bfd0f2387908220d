package io.courtside.ingest;

import io.courtside.ingest.SyntheticVocabulary.Team;
import io.courtside.model.Post;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates realistic NBA chatter for demos and load tests: teams, star players, slang, emoji,
 * caps, negation, "but" clauses and hashtags, in a mix of polarities (by construction about 40%
 * positive, 35% negative, 25% neutral). The same seed and clock give the same posts, ids included,
 * so a failing run can be reproduced.
 *
 * <p>Not thread-safe: one generator per producing thread.
 */
public final class SyntheticPosts {
  /** The polarity a post was written to have; VADER's verdict may differ on a few. */
  public enum Polarity {
    POSITIVE,
    NEGATIVE,
    NEUTRAL
  }

  /** A generated post with the polarity its template was chosen for. */
  public record Sample(Post post, Polarity intended) {}

  public static final String SOURCE = "synthetic";

  private static final Pattern EMPHASIS = Pattern.compile("\\*([^*]+)\\*");

  private final Random random;
  private final Clock clock;
  private final String runId;
  private long sequence;

  /**
   * @param seed fixes every random choice, including the run id part of post ids
   * @param clock gives createdAt (now); tests pass a fixed clock
   */
  public SyntheticPosts(long seed, Clock clock) {
    this.random = new Random(seed);
    this.clock = clock;
    // Drawn from the seeded stream so ids are reproducible too; base 36 keeps them short.
    this.runId = Long.toString(random.nextLong() & 0xffffffffffL, 36);
  }

  /** The run part of the ids: posts are named {@code syn-<runId>-<sequence>}. */
  public String runId() {
    return runId;
  }

  public Post next() {
    return nextSample().post();
  }

  public Sample nextSample() {
    Polarity polarity = pickPolarity();
    Team team = pick(SyntheticVocabulary.TEAMS);
    Team opponent = otherThan(team);
    String template =
        pick(
            switch (polarity) {
              case POSITIVE -> SyntheticVocabulary.POSITIVE;
              case NEGATIVE -> SyntheticVocabulary.NEGATIVE;
              case NEUTRAL -> SyntheticVocabulary.NEUTRAL;
            });
    String text = fill(template, team, opponent);
    text = emphasise(text, polarity != Polarity.NEUTRAL && chance(0.2));
    text = decorate(text, polarity, template.startsWith("{"));

    List<String> tags = hashtags(team, template.contains("{O}") ? opponent : null);
    StringBuilder full = new StringBuilder(text);
    for (String tag : tags) {
      full.append(" #").append(tag);
    }
    String id = "syn-" + runId + "-" + (++sequence);
    Post post =
        new Post(
            id,
            clock.instant().truncatedTo(ChronoUnit.MILLIS),
            full.toString(),
            "en",
            handle(),
            SOURCE,
            tags);
    return new Sample(post, polarity);
  }

  private Polarity pickPolarity() {
    double r = random.nextDouble();
    if (r < 0.40) {
      return Polarity.POSITIVE;
    }
    return r < 0.75 ? Polarity.NEGATIVE : Polarity.NEUTRAL;
  }

  private String fill(String template, Team team, Team opponent) {
    int winner = 95 + random.nextInt(40);
    int loser = winner - 1 - random.nextInt(25);
    boolean teamWon = random.nextBoolean();
    return template
        .replace("{P}", pick(SyntheticVocabulary.PLAYERS))
        .replace("{N}", team.nickname())
        .replace("{C}", team.city())
        .replace("{O}", opponent.nickname())
        .replace("{n}", Integer.toString(20 + random.nextInt(36)))
        .replace("{lead}", Integer.toString(10 + random.nextInt(21)))
        .replace("{min}", Integer.toString(18 + random.nextInt(21)))
        .replace("{r}", Integer.toString(2 + random.nextInt(14)))
        .replace("{a}", Integer.toString(1 + random.nextInt(13)))
        .replace("{s1}", Integer.toString(teamWon ? winner : loser))
        .replace("{s2}", Integer.toString(teamWon ? loser : winner))
        .replace("{time}", (7 + random.nextInt(4)) + ":" + (random.nextBoolean() ? "00" : "30"))
        .replace("{g}", Integer.toString(1 + random.nextInt(7)));
  }

  /** Removes the emphasis markers, shouting the marked word when asked (VADER's caps boost). */
  private static String emphasise(String text, boolean shout) {
    Matcher m = EMPHASIS.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String word = shout ? m.group(1).toUpperCase(Locale.ROOT) : m.group(1);
      m.appendReplacement(out, Matcher.quoteReplacement(word));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String decorate(String text, Polarity polarity, boolean startsWithName) {
    String result = text;
    if (chance(0.1)) {
      // "ngl the Knicks..." but never "ngl leBron".
      String rest =
          startsWithName ? result : Character.toLowerCase(result.charAt(0)) + result.substring(1);
      result = pick(SyntheticVocabulary.OPENERS) + rest;
    }
    if (polarity != Polarity.NEUTRAL && chance(0.05)) {
      // The whole post in caps: a fan yelling at the screen.
      result = result.toUpperCase(Locale.ROOT);
    }
    if (polarity != Polarity.NEUTRAL && chance(0.35) && !result.endsWith("?")) {
      result = result + "!".repeat(1 + random.nextInt(3));
    }
    if (chance(polarity == Polarity.NEUTRAL ? 0.15 : 0.45)) {
      List<String> emoji =
          switch (polarity) {
            case POSITIVE -> SyntheticVocabulary.POSITIVE_EMOJI;
            case NEGATIVE -> SyntheticVocabulary.NEGATIVE_EMOJI;
            case NEUTRAL -> SyntheticVocabulary.NEUTRAL_EMOJI;
          };
      String one = pick(emoji);
      result = result + " " + one.repeat(1 + random.nextInt(3));
    }
    return result;
  }

  /** Tags appended to the text, in the order they appear there (so text and field agree). */
  private List<String> hashtags(Team team, Team opponentInText) {
    List<String> tags = new ArrayList<>(4);
    // A team tag even when the text names only a player: fans tag the team they follow.
    if (chance(0.45)) {
      tags.add(team.tag());
    }
    if (opponentInText != null && chance(0.3)) {
      tags.add(opponentInText.tag());
    }
    if (chance(0.4)) {
      tags.add("NBA");
    }
    if (chance(0.15)) {
      tags.add("NBAPlayoffs");
    }
    return tags;
  }

  private String handle() {
    String head = pick(SyntheticVocabulary.HANDLE_HEADS);
    String tail = pick(SyntheticVocabulary.HANDLE_TAILS);
    return random.nextBoolean() ? head + tail : head + tail + (1 + random.nextInt(99));
  }

  private Team otherThan(Team team) {
    Team other;
    do {
      other = pick(SyntheticVocabulary.TEAMS);
    } while (other.equals(team));
    return other;
  }

  private boolean chance(double p) {
    return random.nextDouble() < p;
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
