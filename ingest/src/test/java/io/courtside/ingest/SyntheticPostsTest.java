package io.courtside.ingest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.courtside.ingest.SyntheticPosts.Polarity;
import io.courtside.ingest.SyntheticPosts.Sample;
import io.courtside.model.Post;
import io.courtside.model.PostJson;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

public class SyntheticPostsTest {
  private static final Instant NOW = Instant.parse("2026-05-20T01:02:03.456Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Pattern HASHTAG = Pattern.compile("#(\\w+)");

  // The test's own idea of sentiment words, independent of the generator's lists.
  private static final List<String> POSITIVE_WORDS =
      List.of(
          "cooking",
          "goat",
          "clutch",
          "beautiful",
          "elite",
          "unreal",
          "incredible",
          "love",
          "best",
          "automatic",
          "unstoppable",
          "awesome",
          "win",
          "legend",
          "comeback",
          "good",
          "amazing");
  private static final List<String> NEGATIVE_WORDS =
      List.of(
          "bricked",
          "washed",
          "refs",
          "terrible",
          "overrated",
          "disaster",
          "embarrassed",
          "pathetic",
          "painful",
          "horrible",
          "lost",
          "weak",
          "hate",
          "fraud",
          "deserved to lose",
          "ugly",
          "not clutch");

  private static List<Sample> samples(long seed, int n) {
    SyntheticPosts gen = new SyntheticPosts(seed, CLOCK);
    List<Sample> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(gen.nextSample());
    }
    return out;
  }

  @Test
  public void sameSeedGivesSamePosts() {
    assertThat(samples(42, 500), equalTo(samples(42, 500)));
  }

  @Test
  public void differentSeedsGiveDifferentPosts() {
    assertThat(samples(1, 50), not(equalTo(samples(2, 50))));
  }

  @Test
  public void idsAreUniqueAndNamedAfterTheRun() {
    SyntheticPosts gen = new SyntheticPosts(7, CLOCK);
    Set<String> ids = new HashSet<>();
    for (int i = 1; i <= 20_000; i++) {
      Post p = gen.next();
      assertThat(p.id(), equalTo("syn-" + gen.runId() + "-" + i));
      ids.add(p.id());
    }
    assertThat(ids.size(), is(20_000));
    assertThat(new SyntheticPosts(8, CLOCK).runId(), not(equalTo(gen.runId())));
  }

  @Test
  public void fieldsAreFilledAsDocumented() {
    for (Sample s : samples(3, 1000)) {
      Post p = s.post();
      assertThat(p.createdAt(), equalTo(NOW));
      assertThat(p.source(), equalTo("synthetic"));
      assertThat(p.lang(), equalTo("en"));
      assertThat(p.author().isEmpty(), is(false));
      assertThat(p.text().isBlank(), is(false));
      assertThat(p.text().contains("{"), is(false)); // no slot left unfilled
      assertThat(p.text().contains("*"), is(false)); // no emphasis marker left
    }
  }

  @Test
  public void everyPostRoundTripsThroughPostJson() throws Exception {
    for (Sample s : samples(4, 2000)) {
      assertThat(PostJson.parse(PostJson.toBytes(s.post())), equalTo(s.post()));
    }
  }

  @Test
  public void hashtagsFieldMatchesTheTagsInTheText() {
    int tagged = 0;
    for (Sample s : samples(5, 3000)) {
      List<String> inText = new ArrayList<>();
      Matcher m = HASHTAG.matcher(s.post().text());
      while (m.find()) {
        inText.add(m.group(1));
      }
      assertThat(s.post().text(), inText, equalTo(s.post().hashtags()));
      if (!inText.isEmpty()) {
        tagged++;
      }
    }
    assertThat(tagged, allOf(greaterThan(1000), lessThan(3000)));
  }

  @Test
  public void polaritiesComeInTheIntendedMix() {
    int n = 20_000;
    Map<Polarity, Integer> counts = new EnumMap<>(Polarity.class);
    int positiveWords = 0;
    int negativeWords = 0;
    for (Sample s : samples(6, n)) {
      counts.merge(s.intended(), 1, Integer::sum);
      String text = s.post().text().toLowerCase(Locale.ROOT);
      boolean pos = POSITIVE_WORDS.stream().anyMatch(text::contains);
      boolean neg = NEGATIVE_WORDS.stream().anyMatch(text::contains);
      if (s.intended() == Polarity.POSITIVE) {
        assertThat(text, pos, is(true));
        positiveWords++;
      } else if (s.intended() == Polarity.NEGATIVE) {
        assertThat(text, neg, is(true));
        negativeWords++;
      }
    }
    assertThat(counts.get(Polarity.POSITIVE) / (double) n, closeTo(0.40, 0.02));
    assertThat(counts.get(Polarity.NEGATIVE) / (double) n, closeTo(0.35, 0.02));
    assertThat(counts.get(Polarity.NEUTRAL) / (double) n, closeTo(0.25, 0.02));
    assertThat(positiveWords, greaterThan(negativeWords));
  }

  @Test
  public void chatterHasTheExpectedTexture() {
    List<Sample> all = samples(9, 5000);
    assertThat(count(all, t -> t.matches(".*\\b[A-Z]{4,}\\b.*")), greaterThan(100)); // CAPS
    assertThat(count(all, t -> t.contains("!")), greaterThan(500));
    assertThat(count(all, t -> t.contains(" but ")), greaterThan(50));
    assertThat(count(all, t -> t.matches("(?i).*\\b(not|can't|never)\\b.*")), greaterThan(300));
    for (String emoji : List.of("🔥", "😤", "😂", "🏀", "💀", "👑", "😭")) {
      assertThat(emoji, count(all, t -> t.contains(emoji)), greaterThan(10));
    }
    for (String slang : List.of("cooking", "washed", "bricked", "clutch", "refs", "GOAT")) {
      assertThat(
          slang,
          count(all, t -> t.toLowerCase(Locale.ROOT).contains(slang.toLowerCase(Locale.ROOT))),
          greaterThan(10));
    }
    assertThat(count(all, t -> t.contains("#NBA")), greaterThan(1000));
    assertThat(count(all, t -> t.contains("#NBAPlayoffs")), greaterThan(300));
    Set<String> authors = new HashSet<>();
    all.forEach(s -> authors.add(s.post().author()));
    assertThat(authors.size(), greaterThan(1000));
    assertThat(all.get(0).post().id(), startsWith("syn-"));
  }

  private static int count(List<Sample> samples, java.util.function.Predicate<String> test) {
    int n = 0;
    for (Sample s : samples) {
      if (test.test(s.post().text())) {
        n++;
      }
    }
    return n;
  }
}
