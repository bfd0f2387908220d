package io.courtside.pipeline.entity;

import io.courtside.pipeline.entity.TextTokens.Kind;
import io.courtside.pipeline.entity.TextTokens.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the watchlist entities a post mentions. Built once per worker from a {@link Watchlist}.
 *
 * <p>Linear time: the post is tokenised once ({@link TextTokens}); each word is looked up in a map
 * from first word to the (few) aliases starting with it, longest first, and each hashtag or handle
 * in a map of tags. The cost per post is its length times a small constant bounded by the
 * watchlist, never the number of aliases (no regex per alias). A word whose key no alias or tag can
 * have is not even built as a string ({@link TextTokens.KeyFilter}): most words name nobody.
 *
 * <p>Rules, in order:
 *
 * <ol>
 *   <li>Words match aliases at word boundaries, in any letter case: "lakers", "LAKERS".
 *   <li>A {@link Entity#capitalised() capitalised} alias matches only when every one of its words
 *       starts with a capital letter. This is the "Heat" rule: "Heat" and "HEAT" are the Miami
 *       Heat, "the heat is on" is not. A capitalised ordinary word at the start of a sentence
 *       ("Heat is brutal today") is still counted: an accepted false positive, rarer than the
 *       reverse.
 *   <li>Hashtags and @handles match in any case, because writing one is deliberate: "#heat",
 *       "#HeatCulture", "@MiamiHEAT". Every alias without spaces is also a tag ("#KingJames").
 *   <li>At one position the longest alias wins ("Los Angeles Lakers" over "Lakers").
 *   <li>A post counts once per entity however often it names it.
 * </ol>
 */
public final class EntityMatcher {
  private record Phrase(String[] keys, boolean capitalisedOnly, int entity) {}

  private final List<Entity> entities;
  private final Map<String, List<Phrase>> byFirstWord = new HashMap<>();
  private final Map<String, Integer> byTag = new HashMap<>();

  /** Every key either map can hold, so that a post's other words are never built as keys. */
  private final TextTokens.KeyFilter keys;

  /** Which entity claimed an alias or tag first, to report conflicts by name. */
  private final Map<String, Integer> owners = new HashMap<>();

  private EntityMatcher(List<Entity> entities) {
    this.entities = entities;
    for (int e = 0; e < entities.size(); e++) {
      Entity entity = entities.get(e);
      for (String alias : entity.aliases()) {
        addPhrase(alias, false, e);
      }
      for (String alias : entity.capitalised()) {
        addPhrase(alias, true, e);
      }
      for (String tag : entity.tags()) {
        addTag(tag, TextTokens.tagKey(tag), e);
      }
    }
    byFirstWord
        .values()
        .forEach(l -> l.sort(Comparator.comparingInt((Phrase p) -> -p.keys.length)));
    Set<String> all = new HashSet<>(byTag.keySet());
    byFirstWord.values().forEach(l -> l.forEach(p -> all.addAll(Arrays.asList(p.keys))));
    keys = new TextTokens.KeyFilter(all);
  }

  /**
   * @throws IllegalArgumentException when an alias or tag names two entities
   */
  public static EntityMatcher of(Watchlist watchlist) {
    return new EntityMatcher(watchlist.entities());
  }

  /**
   * The entities named by {@code text} or by the post's own {@code hashtags}, in watchlist order.
   */
  public List<Entity> match(String text, List<String> hashtags) {
    return match(TextTokens.of(text, keys), hashtags);
  }

  /**
   * As {@link #match(String, List)}, on the post's tokens; a null key never matches. Tests and the
   * benchmark give it every key built ({@code TextTokens.of(text)}) as the reference.
   */
  List<Entity> match(List<Token> tokens, List<String> hashtags) {
    BitSet found = new BitSet(entities.size());
    int i = 0;
    while (i < tokens.size()) {
      Token t = tokens.get(i);
      if (t.key() == null) {
        i++; // a word or tag that names nobody
        continue;
      }
      if (t.kind() == Kind.TAG) {
        Integer e = byTag.get(t.key());
        if (e != null) {
          found.set(e);
        }
        i++;
        continue;
      }
      int consumed = 1;
      for (Phrase p : byFirstWord.getOrDefault(t.key(), List.of())) {
        if (matchesAt(tokens, i, p)) {
          found.set(p.entity);
          consumed = p.keys.length;
          break;
        }
      }
      i += consumed;
    }
    for (String tag : hashtags) {
      Integer e = byTag.get(TextTokens.tagKey(tag));
      if (e != null) {
        found.set(e);
      }
    }
    List<Entity> out = new ArrayList<>(found.cardinality());
    for (int e = found.nextSetBit(0); e >= 0; e = found.nextSetBit(e + 1)) {
      out.add(entities.get(e));
    }
    return out;
  }

  private static boolean matchesAt(List<Token> tokens, int start, Phrase p) {
    if (start + p.keys.length > tokens.size()) {
      return false;
    }
    for (int k = 0; k < p.keys.length; k++) {
      Token t = tokens.get(start + k);
      if (t.kind() != Kind.WORD
          || !p.keys[k].equals(t.key())
          || (p.capitalisedOnly && !t.capitalised())) {
        return false;
      }
    }
    return true;
  }

  private void addPhrase(String alias, boolean capitalisedOnly, int entity) {
    List<Token> words = TextTokens.of(alias);
    if (words.isEmpty() || words.stream().anyMatch(w -> w.kind() != Kind.WORD)) {
      throw new IllegalArgumentException(
          "entity '"
              + entities.get(entity).name()
              + "': alias '"
              + alias
              + "' must be words (put hashtags and handles under tags, without # or @)");
    }
    String[] keys = words.stream().map(Token::key).toArray(String[]::new);
    claim("alias '" + alias + "'", "w:" + String.join(" ", keys), entity);
    byFirstWord
        .computeIfAbsent(keys[0], k -> new ArrayList<>())
        .add(new Phrase(keys, capitalisedOnly, entity));
    // The alias as a hashtag/handle too: #Lakers, #KingJames. Two entities may share one only if
    // neither lists it as a word alias, which claim() has already checked.
    byTag.putIfAbsent(String.join("", keys), entity);
  }

  private void addTag(String tag, String key, int entity) {
    if (key.isEmpty()) {
      throw new IllegalArgumentException(
          "entity '" + entities.get(entity).name() + "': tag '" + tag + "' has no letters");
    }
    claim("tag '" + tag + "'", "t:" + key, entity);
    byTag.put(key, entity);
  }

  private void claim(String what, String key, int entity) {
    Integer owner = owners.putIfAbsent(key, entity);
    if (owner != null && owner != entity) {
      throw new IllegalArgumentException(
          what
              + " names both '"
              + entities.get(owner).name()
              + "' and '"
              + entities.get(entity).name()
              + "': keep it under one of them");
    }
  }
}
