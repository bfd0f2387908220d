package io.courtside.pipeline.entity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.junit.Test;

/** The matching rules of {@link EntityMatcher}, on the shipped watchlist. */
public class EntityMatcherTest {
  private static final EntityMatcher NBA = EntityMatcher.of(Watchlist.nba());

  private static List<String> names(String text, String... hashtags) {
    return NBA.match(text, List.of(hashtags)).stream().map(Entity::name).toList();
  }

  @Test
  public void heatTheTeamIsCapitalisedOrTaggedHeatTheWordIsNot() {
    assertEquals(List.of(), names("the heat is on"));
    assertEquals(List.of(), names("feeling the heat in this building, heatwave outside"));
    assertEquals(List.of("Heat"), names("Heat win by 12"));
    assertEquals(List.of("Heat"), names("LET'S GO HEAT"));
    assertEquals(List.of("Heat"), names("what a night #heat"));
    assertEquals(List.of("Heat"), names("thanks @MiamiHEAT"));
    assertEquals(List.of("Heat"), names("#HeatCulture forever"));
    assertEquals(List.of("Heat"), names("nothing in the text", "HEATCulture"));
    assertEquals(List.of("Heat"), names("the miami heat are cooking"));
  }

  @Test
  public void wordBoundariesCaseAndPossessives() {
    assertEquals(List.of("Lakers"), names("lakers LAKERS Lakers, Lakers!"));
    assertEquals(List.of(), names("Lakersnation and Sunshine and Hawkseye"));
    assertEquals(List.of("LeBron James"), names("LeBron's dunk"));
    assertEquals(List.of("LeBron James"), names("LeBron\u2019s dunk"));
    assertEquals(List.of("LeBron James"), names("the King James show #KingJames"));
    assertEquals(List.of("Lakers", "LeBron James"), names("LBJ carried the Lakers"));
    assertEquals(List.of("Nikola Jokic"), names("Jokić triple double"));
  }

  @Test
  public void longestAliasWinsAndCitiesNeedCapitals() {
    assertEquals(List.of("Knicks"), names("New York Knicks"));
    assertEquals(List.of("Warriors"), names("Golden State by 20"));
    assertEquals(List.of(), names("golden state of mind, the magic of sport, new york style"));
    assertEquals(List.of("Trail Blazers"), names("Rip City: Portland Trail Blazers"));
  }

  @Test
  public void handlesAndUrlsAndEmail() {
    assertEquals(List.of(), names("see https://www.lakers.com/news and mail fan@lakers"));
    assertEquals(List.of("Lakers"), names("@Lakers please"));
  }

  @Test
  public void ambiguousPlayerWordsNeedCapitals() {
    assertEquals(List.of(), names("an ant walked by, i read a book, chicken curry"));
    assertEquals(
        List.of("Stephen Curry", "Anthony Edwards", "Devin Booker"), // watchlist order
        names("Ant and Book and Curry"));
  }

  @Test
  public void conflictingAliasesAreRejectedByName() {
    Watchlist bad = null;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Watchlist(
                    List.of(
                        new Entity("Lakers", EntityKind.TEAM, List.of("LA"), null, null),
                        new Entity("Clippers", EntityKind.TEAM, List.of("la"), null, null))));
    assertTrue(e.getMessage(), e.getMessage().contains("'Lakers' and 'Clippers'"));
    assertEquals(null, bad);
  }

  @Test
  public void linearInTextLength() {
    // One long post must not cost aliases x length: 200k words in well under a second.
    String text = "Lakers heat Heat ant #KingJames ".repeat(40_000);
    long t = System.nanoTime();
    List<String> found = names(text);
    long ms = (System.nanoTime() - t) / 1_000_000;
    assertEquals(List.of("Lakers", "Heat", "LeBron James"), found);
    assertTrue("took " + ms + " ms", ms < 2_000);
  }
}
