package io.courtside.pipeline.options;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Which teams and players posts are tagged with (the entity_window measurement). */
public interface EntityOptions extends PipelineOptions {
  @Description(
      "Watchlist of teams and players with their aliases: a .yaml/.yml or .json file of"
          + " {entities: [{name, kind: team|player, aliases, capitalised, tags}]}. Default: the"
          + " shipped list of the 30 NBA teams and a starter list of players"
          + " (pipeline/src/main/resources/io/courtside/pipeline/entity/nba-watchlist.yaml).")
  String getWatchlist();

  void setWatchlist(String value);
}
