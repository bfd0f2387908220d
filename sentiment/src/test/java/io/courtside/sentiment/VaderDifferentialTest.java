package io.courtside.sentiment;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.Test;

/**
 * {@link Vader} against the string-by-string scorer it replaced ({@link LegacyVader}, the oracle):
 * on every seeded text both give the same per-token valences and the same four scores, bit for bit
 * (the records compare their doubles with {@code Double.compare}, so -0.0 differs from 0.0). The
 * texts are hostile on purpose: lexicon words, boosters, negations, rule and idiom words in any
 * case, runs of punctuation glued to words, emoticons, emoji with ZWJs, skin tones and variation
 * selectors, characters whose lower case is ASCII or longer (Kelvin sign, dotted İ), titlecase and
 * supplementary letters, lone surrogates, every Python whitespace, the empty text and texts of
 * thousands of tokens; under the standard lexicon, the NBA overlay, an overlay that gives rule
 * words a valence, and a length cap that cuts through emoji. A failure names its seed. {@code
 * -Dvader.differential.inputs=1000000} runs longer.
 */
public class VaderDifferentialTest {
  private static final int INPUTS = Integer.getInteger("vader.differential.inputs", 30_000);

  /** Words the rules name, in the cases a post writes them. */
  private static final String[] RULE_WORDS = {
    "no", "or", "nor", "never", "so", "this", "without", "doubt", "least", "at", "very", "kind",
    "of", "but", "kinda", "sort", "just", "enough", "the", "shit", "bomb", "bad", "ass", "bus",
    "stop", "yeah", "right", "kiss", "death", "to", "die", "for", "beating", "heart", "broken",
    "n't", "don't", "isn't", "cant", "wont", "haven't", "nope", "uh-uh", "kind-of", "badass"
  };

  /** Idioms and rule sequences, so multi-token rules meet often enough. */
  private static final String[] PHRASES = {
    "kiss of death", "to die for", "the shit", "the bomb", "bad ass", "bus stop", "yeah right",
    "beating heart", "broken heart", "kind of", "sort of", "just enough", "never so", "never this",
    "without doubt", "at least", "very least", "no way or", "not very", "isn't really", "so"
  };

  private static final String[] EMOTICONS = {
    ":)", ":(", "<3", ":D", "XD", ":-)", ":P", ":p", "D:", "O.o", ":'(", ";)", "</3", ":-\u00A0"
  };

  /** Non-ASCII words: lower case changes length or lands on ASCII, titlecase, astral, broken. */
  private static final String[] UNUSUAL = {
    "\u212Aind", // Kelvin sign: lower() gives "kind"
    "\u212A\u212A",
    "\u0130yi", // dotted capital I: lower() gives two chars
    "GO\u0130D",
    "\u00C9T\u00C9",
    "na\u00EFve",
    "stra\u00DFe",
    "\u1E9E",
    "\u01C5",
    "\u03A3\u0391\u03A3",
    "\uFF27\uFF4F\uFF4F\uFF44", // fullwidth Good
    "\uFB01ne",
    "good\u0301",
    "\uD835\uDC00\uD835\uDC01",
    "\uD835\uDC00",
    "\uD800",
    "\uDC00good",
    "good\uD83D",
    "N\u2019T",
    "caf\u00E9",
    "\u00A0",
    "\u200Bgood",
    "GOOD\u200D"
  };

  private static final String[] SPACES = {
    " ", " ", " ", " ", "  ", "\t", "\n", "\r\n", "\u000B", "\u001F", "\u0085", "\u00A0", "\u1680",
    "\u2003", "\u2028", "\u202F", "\u3000", "\u200B"
  };

  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private static final int[] EMOJI = {
    0x1F602, 0x1F621, 0x1F525, 0x1F410, 0x2764, 0x1F600, 0x1F62D, 0x1F44D, 0x1F3C0, 0x1F4AF,
    0x1F917, 0x1F4A4, 0x1F97A, 0x1FAE0, 0x263A, 0x2639, 0x1F1FA, 0x1F1F8, 0x1F3FB, 0x1F3FF,
    0x200D, 0xFE0F, 0x20E3, 0xE0067
  };

  private static final List<String> LEXICON =
      new ArrayList<>(Lexicon.withOverlay(Map.of()).entries().keySet());

  private static final List<String> MODIFIERS = new ArrayList<>();

  static {
    LEXICON.sort(null);
    MODIFIERS.addAll(Modifiers.BOOSTERS.keySet());
    MODIFIERS.addAll(Modifiers.NEGATIONS);
    MODIFIERS.sort(null);
  }

  /** An overlay with keys a lowercase lookup can never hit, and rule words given a valence. */
  private static final Map<String, Double> HOSTILE_OVERLAY = hostileOverlay();

  private static final List<VaderConfig> CONFIGS =
      List.of(
          VaderConfig.defaults(),
          VaderConfig.defaults().withOverlay(LexiconOverlay.nba()),
          new VaderConfig(VaderConfig.DEFAULT_MAX_TEXT_LENGTH, HOSTILE_OVERLAY),
          VaderConfig.defaults().withMaxTextLength(9));

  private static Map<String, Double> hostileOverlay() {
    Map<String, Double> o = new HashMap<>();
    o.put("but", 1.0);
    o.put("very", 2.0);
    o.put("no", 0.0);
    o.put("the", -0.5);
    o.put("of", 0.7);
    o.put("n't", -1.0);
    o.put("least", 1.1);
    o.put("XD", 3.0); // never found: tokens are looked up lowercased
    o.put("\u00E9t\u00E9", 2.5);
    o.put("i\u0307yi", 1.2); // "İyi".lower()
    o.put("\uD835\uDC00\uD835\uDC01", -2.0);
    o.put("nan", Double.NaN);
    o.put("", 4.0);
    return o;
  }

  @Test
  public void everySeededTextGetsTheOraclesScores() {
    List<Vader> vaders = new ArrayList<>();
    List<LegacyVader> oracles = new ArrayList<>();
    for (VaderConfig config : CONFIGS) {
      vaders.add(Vader.of(config));
      oracles.add(new LegacyVader(config));
    }
    int nonZero = 0;
    for (long seed = 0; seed < INPUTS; seed++) {
      String text = text(seed);
      int c = (int) Math.floorMod(seed, (long) CONFIGS.size());
      SentimentScores expected = assertSameAsTheOracle(vaders.get(c), oracles.get(c), seed, text);
      if (expected.compound() != 0) {
        nonZero++;
      }
    }
    // The generator must exercise the rules, not just produce neutral noise.
    assertTrue("texts with a non-zero compound: " + nonZero, nonZero > INPUTS / 2);
  }

  @Test
  public void theReferenceTextsGetTheOraclesScoresUnderEveryConfig() throws Exception {
    Path texts =
        Path.of(System.getProperty("vader.reference.dir", "../../shared/vader"))
            .resolve("texts.tsv");
    assumeTrue(Files.isRegularFile(texts));
    List<String> lines = Files.readAllLines(texts, StandardCharsets.UTF_8);
    for (VaderConfig config : CONFIGS) {
      Vader vader = Vader.of(config);
      LegacyVader oracle = new LegacyVader(config);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        assertSameAsTheOracle(vader, oracle, -1 - i, line.substring(line.indexOf('\t') + 1));
      }
    }
  }

  @Test
  public void edgeTexts() {
    String[] texts = {
      "",
      " ",
      "\u3000\u2028",
      "!",
      "!!",
      "???",
      "a",
      "''good''",
      "!!!good",
      "kind",
      "kind of",
      "no",
      "no good",
      "but",
      "BUT but",
      "\u212Aind of good",
      "it was \u212Aind of good",
      "\uD83D",
      "\uDE02",
      "\uD83D\uDE02",
      "x".repeat(30_000),
      "good ".repeat(6_000),
      "not good but great ".repeat(2_000)
    };
    for (VaderConfig config : CONFIGS) {
      Vader vader = Vader.of(config);
      LegacyVader oracle = new LegacyVader(config);
      for (int i = 0; i < texts.length; i++) {
        assertSameAsTheOracle(vader, oracle, -100 - i, texts[i]);
      }
    }
  }

  private static SentimentScores assertSameAsTheOracle(
      Vader vader, LegacyVader oracle, long seed, String text) {
    String label =
        "seed " + seed + ", cap " + vader.config().maxTextLength() + ", text " + show(text);
    double[] expectedValences = oracle.valences(text);
    double[] actualValences = vader.valences(vader.tokens(text));
    if (!Arrays.equals(expectedValences, actualValences)) {
      int k = 0;
      while (k < Math.min(expectedValences.length, actualValences.length)
          && Double.compare(expectedValences[k], actualValences[k]) == 0) {
        k++;
      }
      fail(
          String.format(
              "%s%n%d tokens expected, %d got; first difference at token %d: expected %s, got %s",
              label,
              expectedValences.length,
              actualValences.length,
              k,
              k < expectedValences.length ? expectedValences[k] : "none",
              k < actualValences.length ? actualValences[k] : "none"));
    }
    SentimentScores expected = oracle.polarityScores(text);
    assertEquals(label, expected, vader.polarityScores(text));
    return expected;
  }

  /** The text of one seed: mostly post-like, sometimes empty, sometimes thousands of tokens. */
  static String text(long seed) {
    SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 1);
    int shape = r.nextInt(100);
    int tokens;
    if (shape < 2) {
      tokens = 0;
    } else if (shape < 3) {
      tokens = 500 + r.nextInt(3_000);
    } else if (shape < 30) {
      tokens = 1 + r.nextInt(6);
    } else {
      tokens = 3 + r.nextInt(40);
    }
    StringBuilder out = new StringBuilder();
    if (r.nextInt(10) == 0) {
      out.append(pick(r, SPACES));
    }
    for (int t = 0; t < tokens; t++) {
      if (t > 0) {
        int glue = r.nextInt(30);
        out.append(
            glue == 0 ? "" : glue == 1 ? pick(r, SPACES) + pick(r, SPACES) : pick(r, SPACES));
      }
      token(r, out);
    }
    if (r.nextInt(10) == 0) {
      out.append(pick(r, SPACES));
    }
    return out.toString();
  }

  private static void token(SplittableRandom r, StringBuilder out) {
    if (r.nextInt(6) == 0) {
      punctuation(r, out);
    }
    int kind = r.nextInt(100);
    if (kind < 35) {
      out.append(cased(r, LEXICON.get(r.nextInt(LEXICON.size()))));
    } else if (kind < 50) {
      out.append(cased(r, pick(r, RULE_WORDS)));
    } else if (kind < 60) {
      for (String word : pick(r, PHRASES).split(" ")) {
        out.append(cased(r, word)).append(r.nextInt(20) == 0 ? pick(r, SPACES) : " ");
      }
    } else if (kind < 70) {
      out.append(cased(r, MODIFIERS.get(r.nextInt(MODIFIERS.size()))));
    } else if (kind < 76) {
      out.append(pick(r, EMOTICONS));
    } else if (kind < 83) {
      int n = 1 + r.nextInt(3);
      for (int k = 0; k < n; k++) {
        out.appendCodePoint(EMOJI[r.nextInt(EMOJI.length)]);
      }
    } else if (kind < 89) {
      out.append(pick(r, UNUSUAL));
    } else if (kind < 94) {
      punctuation(r, out);
    } else {
      // Random characters, mostly ASCII letters, some anything in the BMP or beyond.
      int n = 1 + r.nextInt(8);
      for (int k = 0; k < n; k++) {
        int p = r.nextInt(10);
        out.appendCodePoint(
            p < 6
                ? 'a' + r.nextInt(26)
                : p < 8 ? 'A' + r.nextInt(26) : p < 9 ? r.nextInt(0x3000) : r.nextInt(0x110000));
      }
    }
    if (r.nextInt(4) == 0) {
      punctuation(r, out);
    }
  }

  private static void punctuation(SplittableRandom r, StringBuilder out) {
    int n = 1 + (r.nextInt(4) == 0 ? r.nextInt(8) : r.nextInt(2));
    for (int k = 0; k < n; k++) {
      out.append(
          r.nextInt(3) == 0
              ? PUNCTUATION.charAt(r.nextInt(PUNCTUATION.length()))
              : r.nextBoolean() ? '!' : '?');
    }
  }

  private static String cased(SplittableRandom r, String word) {
    switch (r.nextInt(8)) {
      case 0:
        return word.toUpperCase(Locale.ROOT);
      case 1:
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
      case 2:
        StringBuilder mixed = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
          char c = word.charAt(i);
          mixed.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return mixed.toString();
      default:
        return word;
    }
  }

  private static String pick(SplittableRandom r, String[] options) {
    return options[r.nextInt(options.length)];
  }

  private static String show(String text) {
    String shown =
        text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + ")" : text;
    StringBuilder out = new StringBuilder("\"");
    shown
        .codePoints()
        .forEach(
            cp -> {
              if (cp >= 0x20 && cp < 0x7F) {
                out.appendCodePoint(cp);
              } else {
                out.append(String.format("\\u{%X}", cp));
              }
            });
    return out.append('"').toString();
  }
}
