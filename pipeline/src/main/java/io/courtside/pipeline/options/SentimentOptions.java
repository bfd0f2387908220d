package io.courtside.pipeline.options;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** How posts are scored. */
public interface SentimentOptions extends PipelineOptions {
  @Description(
      "Lexicon overlay: a file of word<TAB>valence lines that add or replace VADER lexicon"
          + " entries, or 'nba' for the shipped (opinionated) NBA slang overlay. Default: none,"
          + " the reference VADER lexicon.")
  String getLexiconOverlay();

  void setLexiconOverlay(String value);

  @Description(
      "Posts longer than this many characters are scored on their first N characters (and"
          + " counted in the 'truncated_posts' metric), never dropped.")
  @Default.Integer(25_000)
  int getMaxTextLength();

  void setMaxTextLength(int value);
}
