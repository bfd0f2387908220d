package io.courtside.pipeline.entity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.courtside.pipeline.entity.TextTokens.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The {@link TextTokens.KeyFilter} shortcut is invisible: a token whose key is not built is one no
 * lookup could have found. The reference is the tokenizer with every key built ({@code
 * TextTokens.of(text)}), which is also how aliases are read. Texts are made of the pieces that
 * decide what a key is: watchlist words in any case, possessives with either apostrophe, accents,
 * hashtags and handles with underscores, URLs, e-mail addresses, emoji and punctuation.
 */
class KeyFilterProperties {
  private static final EntityMatcher NBA = EntityMatcher.of(Watchlist.nba());

  private static final List<String> WORDS =
      List.of(
          "LeBron",
          "lebron",
          "LEBRON",
          "Heat",
          "heat",
          "HEAT",
          "Lakers",
          "lakers",
          "Golden",
          "State",
          "Warriors",
          "New",
          "York",
          "Knicks",
          "Ant",
          "ant",
          "Curry",
          "Jokic",
          "Jokić",
          "JOKIĆ",
          "Dončić",
          "Doncic",
          "Luka",
          "76ers",
          "KD",
          "kd",
          "Trail",
          "Blazers",
          "Shai",
          "Gilgeous",
          "Alexander",
          "De'Aaron",
          "King",
          "James",
          "Giannis_an34",
          "KingJames",
          "MiamiHEAT",
          "theantedwards_",
          "the",
          "is",
          "on",
          "a",
          "game",
          "x",
          "S",
          "s",
          "é",
          "Ǆemal",
          "İstanbul",
          "ß",
          "straße",
          "ﬁnal",
          "Ⅻ",
          "١٢٣",
          "MVP",
          "lol",
          "smh",
          "42");

  private static final List<String> GLUE =
      List.of(
          " ",
          " ",
          " ",
          ", ",
          "! ",
          ".",
          "-",
          "'",
          "\u2019",
          "'s ",
          "\u2019s ",
          "'S ",
          "'s",
          " #",
          " @",
          "#",
          "@",
          "#_",
          "_",
          "__",
          "\n",
          " 🔥 ",
          "😂",
          " https://lakers.com/x ",
          " http://t.co/Heat ",
          "fan@",
          "@lakers.com ",
          "",
          "\u0301",
          " #Heat_Culture ");

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> piece =
        Combinators.combine(Arbitraries.of(WORDS), Arbitraries.of(GLUE)).as((w, g) -> w + g);
    Arbitrary<String> noise = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(6);
    return Arbitraries.oneOf(piece, piece, piece, noise)
        .list()
        .ofMaxSize(40)
        .map(pieces -> String.join("", pieces));
  }

  @Provide
  Arbitrary<List<String>> hashtags() {
    return Arbitraries.of(WORDS).list().ofMaxSize(3);
  }

  /** Keys some of the text's own tokens have, some watchlist-like ones, some noise. */
  private static Set<String> keysFor(String text, long seed) {
    Set<String> keys = new HashSet<>();
    java.util.Random random = new java.util.Random(seed);
    for (Token t : TextTokens.of(text)) {
      if (random.nextInt(3) == 0) {
        keys.add(t.key());
      }
    }
    for (String w : WORDS) {
      if (random.nextInt(4) == 0) {
        keys.addAll(TextTokens.of(w).stream().map(Token::key).toList());
      }
    }
    for (int i = random.nextInt(50); i > 0; i--) {
      keys.add(Long.toString(random.nextLong(), 36));
    }
    return keys;
  }

  @Property
  void aTokenWithoutItsKeyIsOneNoLookupWants(@ForAll("texts") String text, @ForAll long seed) {
    Set<String> keys = keysFor(text, seed);
    List<Token> every = TextTokens.of(text);
    List<Token> some = TextTokens.of(text, new TextTokens.KeyFilter(keys));
    assertEquals(text, every.size(), some.size());
    for (int i = 0; i < every.size(); i++) {
      Token full = every.get(i);
      Token got = some.get(i);
      assertEquals(text, full.kind(), got.kind());
      assertEquals(text, full.capitalised(), got.capitalised());
      if (got.key() != null) {
        assertEquals(text, full.key(), got.key());
      } else {
        assertFalse("wanted key " + full.key() + " in " + text, keys.contains(full.key()));
      }
    }
  }

  @Property
  void theMatcherFindsWhatItFindsWithEveryKeyBuilt(
      @ForAll("texts") String text, @ForAll("hashtags") List<String> hashtags) {
    assertEquals(text, NBA.match(TextTokens.of(text), hashtags), NBA.match(text, hashtags));
  }

  @Property
  void theFilterHoldsEveryKeyItWasGiven(@ForAll("keySets") List<String> keys) {
    TextTokens.KeyFilter filter = new TextTokens.KeyFilter(keys);
    for (String key : keys) {
      assertTrue(key, filter.mayContain(key.hashCode()));
    }
  }

  @Provide
  Arbitrary<List<String>> keySets() {
    return Arbitraries.strings()
        .alpha()
        .numeric()
        .withChars("'_é")
        .ofMinLength(1)
        .ofMaxLength(12)
        .list()
        .ofMaxSize(3_000);
  }

  /** Not vacuous: with the shipped watchlist's keys, most words of a post are never built. */
  @Example
  void mostWordsOfAPostAreNeverBuilt() {
    Set<String> keys = new HashSet<>();
    for (Entity e : Watchlist.nba().entities()) {
      List<String> phrases = new ArrayList<>(e.aliases());
      phrases.addAll(e.capitalised());
      for (String phrase : phrases) {
        List<String> words = TextTokens.of(phrase).stream().map(Token::key).toList();
        keys.addAll(words);
        keys.add(String.join("", words));
      }
      e.tags().forEach(t -> keys.add(TextTokens.tagKey(t)));
    }
    String post = "what a game tonight, LeBron's block on Tatum in the 4th was unreal #NBA lol";
    List<Token> tokens = TextTokens.of(post, new TextTokens.KeyFilter(keys));
    List<String> built = new ArrayList<>();
    tokens.stream().filter(t -> t.key() != null).forEach(t -> built.add(t.key()));
    assertEquals(15, tokens.size());
    assertTrue(built.toString(), built.containsAll(List.of("lebron", "tatum")));
    assertTrue(built + " built of " + tokens.size(), built.size() <= 4);
  }
}
