package io.courtside.sentiment;

import static io.courtside.sentiment.Modifiers.B_INCR;
import static io.courtside.sentiment.Modifiers.C_INCR;
import static io.courtside.sentiment.Modifiers.N_SCALAR;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertEquals;

import org.junit.Test;

/**
 * One rule at a time, on our own sentences. Expected compounds are written as the rule's arithmetic
 * on lexicon valences (good 1.9, great 3.1, bad -2.5, outstanding 3.0, agree 1.5, no -1.2),
 * normalised as the reference does: x / sqrt(x² + 15).
 */
public class VaderRulesTest {

  private static final double GOOD = 1.9;
  private static final double GREAT = 3.1;
  private static final double BAD = -2.5;

  private final Vader vader = Vader.standard();

  private double compound(String text) {
    return vader.polarityScores(text).compound();
  }

  private static double expected(double sum) {
    return PyRound.round(sum / Math.sqrt(sum * sum + 15), 4);
  }

  @Test
  public void lexiconWordIsNormalisedWithAlpha15() {
    assertEquals(expected(GOOD), compound("good"), 0);
    assertEquals(0.4404, compound("good"), 0);
    assertEquals(expected(GOOD + GREAT), compound("good and great"), 0);
  }

  @Test
  public void unknownWordsAreNeutralAndEmptyTextScoresZero() {
    SentimentScores s = vader.polarityScores("the box score");
    assertEquals(new SentimentScores(0.0, 0.0, 1.0, 0.0), s);
    assertEquals(SentimentScores.ZERO, vader.polarityScores(""));
    assertEquals(SentimentScores.ZERO, vader.polarityScores("   \t "));
  }

  @Test
  public void proportionsCountNeutralWordsAsOne() {
    // "the team was good": three neutrals, good counts 1.9 + 1.
    SentimentScores s = vader.polarityScores("the team was good");
    double total = 3 + GOOD + 1;
    assertEquals(PyRound.round((GOOD + 1) / total, 3), s.pos(), 0);
    assertEquals(PyRound.round(3 / total, 3), s.neu(), 0);
    assertEquals(0.0, s.neg(), 0);
  }

  @Test
  public void negationWordsAndNtFlipAndDampen() {
    assertEquals(expected(GOOD * N_SCALAR), compound("not good"), 0);
    assertEquals(expected(GOOD * N_SCALAR), compound("isn't good"), 0);
    assertEquals(expected(GOOD * N_SCALAR), compound("ain't good"), 0);
    assertEquals(expected(GOOD * N_SCALAR), compound("hasn't good"), 0);
    // Up to three words back.
    assertEquals(expected(GOOD * N_SCALAR), compound("not the team good"), 0);
    assertEquals(expected(GOOD), compound("not the whole team good"), 0);
    // Booster then negation: (1.9 + 0.293) * -0.74.
    assertEquals(expected((GOOD + B_INCR) * N_SCALAR), compound("not very good"), 0);
  }

  @Test
  public void neverSoAndNeverThisIntensifyInsteadOfNegating() {
    assertEquals(expected((GOOD + B_INCR) * 1.25), compound("never so good"), 0);
    assertEquals(expected(GOOD * 1.25), compound("never this good"), 0);
    assertEquals(expected(GOOD * N_SCALAR), compound("never good"), 0);
  }

  @Test
  public void withoutDoubtIsNotANegation() {
    // "doubt" (-1.5) is itself negated by "without"; "good" is left alone.
    assertEquals(expected(-1.5 * N_SCALAR + GOOD), compound("without doubt good"), 0);
    assertEquals(expected(GOOD * N_SCALAR), compound("without good"), 0);
  }

  @Test
  public void noNegatesTheNextLexiconWordAndCountsNothingItself() {
    SentimentScores s = vader.polarityScores("no good");
    assertEquals(expected(GOOD * N_SCALAR), s.compound(), 0);
    // "no" alone is a lexicon word (-1.2).
    assertEquals(expected(-1.2), compound("no"), 0);
    // "no ... or ..." reaches three words back.
    assertEquals(expected(-1.2 + GOOD * N_SCALAR), compound("no rest or good"), 0);
  }

  @Test
  public void boostersAndDampenersDependOnDistance() {
    assertEquals(expected(GOOD + B_INCR), compound("very good"), 0);
    assertEquals(expected(GOOD + B_INCR * 0.95), compound("very the good"), 0);
    assertEquals(expected(GOOD + B_INCR * 0.9), compound("very the the good"), 0);
    assertEquals(expected(GOOD - B_INCR), compound("barely good"), 0);
    // For a negative word a booster pushes further down.
    assertEquals(expected(BAD - B_INCR), compound("very bad"), 0);
  }

  @Test
  public void kindOfDampensOnlyThroughTheIdiomStep() {
    // "kind" (a lexicon word) followed by "of" counts 0 ...
    assertEquals(expected(GOOD), compound("kind of good"), 0);
    // ... and the bigram dampens the next word once it is far enough into the text.
    assertEquals(expected(GOOD - B_INCR), compound("it was kind of good"), 0);
    assertEquals(expected(GOOD - B_INCR), compound("it was sort of good"), 0);
    assertEquals(expected(GOOD - B_INCR), compound("kinda good"), 0);
  }

  @Test
  public void allCapsEmphasisNeedsSomeLowercaseWords() {
    assertEquals(expected(GOOD + C_INCR), compound("GOOD game"), 0);
    assertEquals(expected(GOOD), compound("GOOD GAME"), 0);
    assertEquals(expected(GOOD + B_INCR + C_INCR), compound("VERY good"), 0);
    assertEquals(expected(BAD - C_INCR), compound("BAD game"), 0);
  }

  @Test
  public void butHalvesBeforeAndBoostsAfter() {
    assertEquals(expected(GOOD * 0.5 + BAD * 1.5), compound("good but bad"), 0);
    assertEquals(expected(GOOD * 0.5 + BAD * 1.5), compound("good BUT bad"), 0);
    assertThat(compound("bad but good"), greaterThan(0.0));
  }

  /**
   * The reference rescales list.index(value), the first position holding an equal value: here
   * "agree" (1.5) equals the already halved "outstanding" (3.0 * 0.5), so "outstanding" is halved
   * again and "agree" keeps 1.5 instead of getting 2.25.
   */
  @Test
  public void butRescalesTheFirstEqualValueLikeTheReference() {
    assertEquals(expected(3.0 * 0.25 + 1.5), compound("outstanding but agree"), 0);
  }

  @Test
  public void leastNegatesExceptAtLeastAndVeryLeast() {
    assertEquals(expected(GOOD * N_SCALAR), compound("least good"), 0);
    assertEquals(expected(GOOD * N_SCALAR), compound("the least good"), 0);
    assertEquals(expected(GOOD), compound("at least good"), 0);
    // "very" is still a booster two words back.
    assertEquals(expected(GOOD + B_INCR * 0.95), compound("very least good"), 0);
  }

  @Test
  public void specialCaseIdiomsReplaceTheValence() {
    // Checked only when the word has three words before it (the reference's third step).
    assertEquals(expected(3), compound("this is the shit"), 0);
    assertEquals(expected(-2.6), compound("the shit"), 0);
    // Both "kiss" (1.8) and "death" (-2.9) lie inside "kiss of death", so both become -1.5.
    assertEquals(expected(-1.5 + -1.5), compound("that was a kiss of death"), 0);
    assertEquals(expected(-2), compound("it was so yeah right"), 0);
  }

  @Test
  public void soOrThisRightBeforeAWordAlsoIntensifiesInTheThirdStep() {
    // The reference's "never so/this" test at three words back reads
    // (never and so/this two back) or (so/this one back).
    assertEquals(expected((GOOD + B_INCR) * 1.25), compound("it was all so good"), 0);
  }

  @Test
  public void exclamationAndQuestionMarksAddEmphasis() {
    assertEquals(expected(GOOD + 0.292), compound("good!"), 0);
    assertEquals(expected(GOOD + 4 * 0.292), compound("good!!!!!!!"), 0);
    assertEquals(expected(GOOD), compound("good?"), 0);
    assertEquals(expected(GOOD + 2 * 0.18), compound("good??"), 0);
    assertEquals(expected(GOOD + 0.96), compound("good????"), 0);
    assertEquals(expected(BAD - 0.292), compound("bad!"), 0);
    // Neutral text gets no emphasis.
    assertEquals(0.0, compound("what!!!"), 0);
  }

  @Test
  public void punctuationIsStrippedFromWordsButEmoticonsSurvive() {
    assertEquals(expected(GOOD), compound("'good'"), 0);
    assertEquals(expected(GOOD + 3 * 0.292), compound("good!!!"), 0);
    assertThat(compound(":)"), greaterThan(0.0));
    assertThat(compound(":("), lessThan(0.0));
    assertThat(compound("<3"), greaterThan(0.0));
  }

  @Test
  public void emojiAreScoredThroughTheirNames() {
    // 😂 -> "face with tears of joy": joy is positive.
    assertThat(compound("😂"), greaterThan(0.0));
    // 😡 is "pouting face" for the reference (CLDR now says "enraged face", a negative word).
    assertEquals(0.0, compound("😡"), 0);
    assertEquals(
        vader.polarityScores("what a game face with tears of joy"),
        vader.polarityScores("what a game 😂"));
  }

  @Test
  public void scoresAreRoundedLikePython() {
    SentimentScores s = vader.polarityScores("good but bad");
    assertEquals(s.compound(), PyRound.round(s.compound(), 4), 0);
    assertEquals(s.pos(), PyRound.round(s.pos(), 3), 0);
  }
}
