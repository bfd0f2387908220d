package io.courtside.ingest.formats;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import java.util.List;
import org.junit.Test;

public class HashtagsTest {
  @Test
  public void tagsAreFoundOnceInOrderWithTheFirstSpelling() {
    assertThat(
        Hashtags.fromText("#NBA tonight: #Lakers vs #Celtics #nba"),
        contains("NBA", "Lakers", "Celtics"));
  }

  @Test
  public void nonLatinTagsCount() {
    assertThat(Hashtags.fromText("Dončić! #Dončić #баскетбол"), contains("Dončić", "баскетбол"));
  }

  @Test
  public void numbersEntitiesAndWordsWithHashAreNotTags() {
    assertThat(Hashtags.fromText("#1 pick, C# code, it&#39;s, http://x.com/#anchor"), empty());
  }

  @Test
  public void markedUpTagsWinOverTheText() {
    assertThat(Hashtags.orFromText(List.of("#NBA", "nba", " "), "#Other"), contains("NBA"));
    assertThat(Hashtags.orFromText(List.of(), "#Other"), contains("Other"));
  }
}
