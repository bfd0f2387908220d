package io.courtside.sentiment;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The word lists and constants of the VADER rules (vaderSentiment 3.3.2): intensity boosters and
 * dampeners, negations, and the special-case idioms. Empirical constants are the paper's.
 */
final class Modifiers {

  private Modifiers() {}

  /** Mean intensity increase from a booster word; dampeners subtract the same. */
  static final double B_INCR = 0.293;

  static final double B_DECR = -0.293;

  /** Mean intensity increase from writing a sentiment word in ALL CAPS among lowercase text. */
  static final double C_INCR = 0.733;

  /** A negated word keeps 74% of its intensity, with the sign flipped. */
  static final double N_SCALAR = -0.74;

  static final Set<String> NEGATIONS =
      Set.of(
          "aint",
          "arent",
          "cannot",
          "cant",
          "couldnt",
          "darent",
          "didnt",
          "doesnt",
          "ain't",
          "aren't",
          "can't",
          "couldn't",
          "daren't",
          "didn't",
          "doesn't",
          "dont",
          "hadnt",
          "hasnt",
          "havent",
          "isnt",
          "mightnt",
          "mustnt",
          "neither",
          "don't",
          "hadn't",
          "hasn't",
          "haven't",
          "isn't",
          "mightn't",
          "mustn't",
          "neednt",
          "needn't",
          "never",
          "none",
          "nope",
          "nor",
          "not",
          "nothing",
          "nowhere",
          "oughtnt",
          "shant",
          "shouldnt",
          "uhuh",
          "wasnt",
          "werent",
          "oughtn't",
          "shan't",
          "shouldn't",
          "uh-uh",
          "wasn't",
          "weren't",
          "without",
          "wont",
          "wouldnt",
          "won't",
          "wouldn't",
          "rarely",
          "seldom",
          "despite");

  /** Single-word boosters (+) and dampeners (-). */
  static final Map<String, Double> BOOSTERS =
      Map.ofEntries(
          inc("absolutely"),
          inc("amazingly"),
          inc("awfully"),
          inc("completely"),
          inc("considerable"),
          inc("considerably"),
          inc("decidedly"),
          inc("deeply"),
          inc("effing"),
          inc("enormous"),
          inc("enormously"),
          inc("entirely"),
          inc("especially"),
          inc("exceptional"),
          inc("exceptionally"),
          inc("extreme"),
          inc("extremely"),
          inc("fabulously"),
          inc("flipping"),
          inc("flippin"),
          inc("frackin"),
          inc("fracking"),
          inc("fricking"),
          inc("frickin"),
          inc("frigging"),
          inc("friggin"),
          inc("fully"),
          inc("fuckin"),
          inc("fucking"),
          inc("fuggin"),
          inc("fugging"),
          inc("greatly"),
          inc("hella"),
          inc("highly"),
          inc("hugely"),
          inc("incredible"),
          inc("incredibly"),
          inc("intensely"),
          inc("major"),
          inc("majorly"),
          inc("more"),
          inc("most"),
          inc("particularly"),
          inc("purely"),
          inc("quite"),
          inc("really"),
          inc("remarkably"),
          inc("so"),
          inc("substantially"),
          inc("thoroughly"),
          inc("total"),
          inc("totally"),
          inc("tremendous"),
          inc("tremendously"),
          inc("uber"),
          inc("unbelievably"),
          inc("unusually"),
          inc("utter"),
          inc("utterly"),
          inc("very"),
          dec("almost"),
          dec("barely"),
          dec("hardly"),
          dec("kinda"),
          dec("kindof"),
          dec("kind-of"),
          dec("less"),
          dec("little"),
          dec("marginal"),
          dec("marginally"),
          dec("occasional"),
          dec("occasionally"),
          dec("partly"),
          dec("scarce"),
          dec("scarcely"),
          dec("slight"),
          dec("slightly"),
          dec("somewhat"),
          dec("sorta"),
          dec("sortof"),
          dec("sort-of"));

  /**
   * Two-word dampeners. A token never contains a space, so the reference only meets these in its
   * idiom check, where it adds them to the valence of the word that follows.
   */
  static final List<Phrase> PHRASE_BOOSTERS =
      List.of(
          new Phrase(B_DECR, "just", "enough"),
          new Phrase(B_DECR, "kind", "of"),
          new Phrase(B_DECR, "sort", "of"));

  /**
   * Idioms containing lexicon words; a match replaces the valence. ("badass" is a single word in
   * the reference's table, so it can never match a two-or-three-token sequence.)
   */
  static final List<Phrase> SPECIAL_CASES =
      List.of(
          new Phrase(3, "the", "shit"),
          new Phrase(3, "the", "bomb"),
          new Phrase(1.5, "bad", "ass"),
          new Phrase(0.0, "bus", "stop"),
          new Phrase(-2, "yeah", "right"),
          new Phrase(-1.5, "kiss", "of", "death"),
          new Phrase(3, "to", "die", "for"),
          new Phrase(3.1, "beating", "heart"),
          new Phrase(-2.9, "broken", "heart"));

  /** A sequence of lowercase words with the valence it carries. */
  record Phrase(double valence, String... words) {}

  private static Map.Entry<String, Double> inc(String word) {
    return Map.entry(word, B_INCR);
  }

  private static Map.Entry<String, Double> dec(String word) {
    return Map.entry(word, B_DECR);
  }
}
