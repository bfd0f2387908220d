package io.courtside.sentiment;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import org.junit.Test;

/** Emoji replacement, code point by code point, as the reference walks a Python str. */
public class EmojiExpanderTest {

  private final EmojiExpander expander = new EmojiExpander(EmojiNames.get());

  @Test
  public void textWithoutEmojiIsReturnedAsIs() {
    String text = "no emoji here, just café ♪";
    assertSame(text, expander.expand(text));
  }

  @Test
  public void spaceBeforeANameUnlessOneIsThereButNeverAfter() {
    assertEquals("a face with tears of joyb", expander.expand("a😂b"));
    assertEquals("a face with tears of joy b", expander.expand("a 😂 b"));
    assertEquals("face with tears of joy face with tears of joy", expander.expand("😂😂"));
  }

  @Test
  public void multiCodePointEmojiAreReplacedPieceByPiece() {
    // ZWJ and variation selectors are not in the lexicon, so they stay and glue to names.
    assertEquals("man\u200D woman\u200D girl", expander.expand("👨\u200D👩\u200D👧"));
    assertEquals("red heart\uFE0F", expander.expand("❤\uFE0F"));
    assertEquals("thumbs up medium skin tone", expander.expand("👍🏽"));
    // Regional indicators and keycaps are not single-code-point emoji for the reference.
    assertEquals("🇺🇸 1\uFE0F\u20E3", expander.expand("🇺🇸 1\uFE0F\u20E3"));
  }

  @Test
  public void usesTheReferenceNamesWhereCldrRenamedThem() {
    assertEquals("pouting face", expander.expand("😡"));
    assertEquals("hugging face", expander.expand("🤗"));
    assertEquals("smiling face with 3 hearts", expander.expand("🥰"));
    assertEquals("zzz", expander.expand("💤"));
    assertEquals("UP! button", expander.expand("🆙"));
  }

  @Test
  public void emojiNewerThanTheReferenceStayAsTheyAre() {
    // 🥱 yawning face (Emoji 12.0) and 🫠 melting face (14.0) are unknown to the reference.
    assertEquals("🥱🫠", expander.expand("🥱🫠"));
  }

  @Test
  public void knowsTheReferenceSetOfSingleCodePointEmoji() {
    assertEquals(1212, EmojiNames.get().size());
  }
}
