package io.courtside.ingest;

import java.util.List;

/**
 * The word lists behind {@link SyntheticPosts}: teams, players, templates, emoji, handles. Kept
 * apart from the generator so the data can grow without burying the logic.
 *
 * <p>Template slots: {@code {P}} a player, {@code {N}} a team's nickname, {@code {C}} its city,
 * {@code {O}} another team's nickname, {@code {n}} points, {@code {r}}/{@code {a}}
 * rebounds/assists, {@code {lead}} a lead in points, {@code {min}} minutes, {@code {s1}}/{@code
 * {s2}} a score, {@code {time}} a tip-off time, {@code {g}} a game number. A word in {@code
 * *stars*} carries the sentiment: it may be SHOUTED in caps, which VADER scores as emphasis.
 */
final class SyntheticVocabulary {
  private SyntheticVocabulary() {}

  /** One NBA team; {@code tag} is the hashtag used for it, without '#'. */
  record Team(String city, String nickname, String tag) {}

  static final List<Team> TEAMS =
      List.of(
          new Team("Atlanta", "Hawks", "Hawks"),
          new Team("Boston", "Celtics", "Celtics"),
          new Team("Brooklyn", "Nets", "Nets"),
          new Team("Charlotte", "Hornets", "Hornets"),
          new Team("Chicago", "Bulls", "Bulls"),
          new Team("Cleveland", "Cavs", "Cavs"),
          new Team("Dallas", "Mavs", "Mavs"),
          new Team("Denver", "Nuggets", "Nuggets"),
          new Team("Detroit", "Pistons", "Pistons"),
          new Team("Golden State", "Warriors", "DubNation"),
          new Team("Houston", "Rockets", "Rockets"),
          new Team("Indiana", "Pacers", "Pacers"),
          new Team("LA", "Clippers", "Clippers"),
          new Team("Los Angeles", "Lakers", "LakeShow"),
          new Team("Memphis", "Grizzlies", "Grizz"),
          new Team("Miami", "Heat", "HeatCulture"),
          new Team("Milwaukee", "Bucks", "Bucks"),
          new Team("Minnesota", "Timberwolves", "Wolves"),
          new Team("New Orleans", "Pelicans", "Pelicans"),
          new Team("New York", "Knicks", "Knicks"),
          new Team("Oklahoma City", "Thunder", "ThunderUp"),
          new Team("Orlando", "Magic", "Magic"),
          new Team("Philadelphia", "Sixers", "Sixers"),
          new Team("Phoenix", "Suns", "Suns"),
          new Team("Portland", "Trail Blazers", "RipCity"),
          new Team("Sacramento", "Kings", "Kings"),
          new Team("San Antonio", "Spurs", "Spurs"),
          new Team("Toronto", "Raptors", "WeTheNorth"),
          new Team("Utah", "Jazz", "Jazz"),
          new Team("Washington", "Wizards", "Wizards"));

  static final List<String> PLAYERS =
      List.of(
          "LeBron",
          "Steph Curry",
          "Jokic",
          "Giannis",
          "Luka",
          "SGA",
          "Tatum",
          "Jaylen Brown",
          "Embiid",
          "Ant Edwards",
          "KD",
          "Wemby",
          "Brunson",
          "Donovan Mitchell",
          "Booker",
          "Anthony Davis",
          "Haliburton",
          "Ja Morant",
          "Trae Young",
          "Kawhi",
          "Jimmy Butler",
          "Dame",
          "Cade Cunningham",
          "Paolo Banchero",
          "Kyrie",
          "De'Aaron Fox",
          "Jalen Williams",
          "Chet",
          "Zion",
          "LaMelo",
          "Tyrese Maxey",
          "Evan Mobley",
          "Sabonis",
          "Bam",
          "KAT",
          "Jalen Green",
          "Scottie Barnes",
          "Franz Wagner");

  static final List<String> POSITIVE =
      List.of(
          "{P} is *cooking* tonight",
          "{P} is the *GOAT* and it's not even close",
          "{P} was *clutch* in the 4th, ice in his veins",
          "{N} ball movement is *beautiful* to watch",
          "{P} is not washed, he's still *elite*",
          "Refs were terrible all night but {P} was *clutch* when it mattered",
          "{n} points for {P}?? *unreal*",
          "Can't stop rewatching that {P} dunk, *incredible*",
          "The {N} defense is *elite* right now",
          "I *love* this {N} team",
          "{C} is going to be rocking tonight, {N} in 5, *best* fans in the league",
          "{P} never misses from the corner, *automatic*",
          "Nobody can guard {P}, he's *unstoppable*",
          "{N} bench was *awesome* tonight",
          "{P} with the dagger three, *clutch* as always",
          "Huge *win* for the {N}, statement game",
          "{P} is a *legend*, all respect",
          "Give {P} the MVP already, *best* player in the league",
          "What a *comeback* by the {N}, down {lead} and still won it",
          "The {N} are not losing this series, too *good*",
          "Slow start but {P} took over, *amazing* second half");

  static final List<String> NEGATIVE =
      List.of(
          "{P} *bricked* every shot down the stretch, awful",
          "{P} is *washed*, it's sad to watch",
          "These *refs* are a joke, the {N} got robbed",
          "The {N} can't buy a bucket tonight, *terrible*",
          "{N} started hot but {P} *bricked* it away in the 4th",
          "{P} will never win a ring, *overrated*",
          "Fire the coach, the {N} are a *disaster*",
          "{P} is not *clutch*, never has been",
          "Worst game I've ever watched, the {N} should be *embarrassed*",
          "{C} deserves better than this front office, *pathetic*",
          "I can't watch {P} shoot free throws anymore, *painful*",
          "The {N} blew a {lead} point lead, *horrible* choke",
          "{P} looked *lost* out there, zero defense",
          "The {N} are not a playoff team, *weak* roster",
          "Another injury for {P}, I *hate* this",
          "{P} talks a lot but can't deliver, *fraud*",
          "Lazy defense and missed free throws, the {N} *deserved* to lose",
          "The {N} had a good first half but the collapse was *ugly*");

  static final List<String> NEUTRAL =
      List.of(
          "{N} vs {O} tips off at {time} ET tonight",
          "{P} is questionable for tomorrow with an ankle issue",
          "Final: {N} {s1}, {O} {s2}",
          "Halftime: {N} {s1}, {O} {s2}",
          "Anyone watching the {N} game?",
          "{P} finished with {n} points, {r} rebounds and {a} assists",
          "{N} announce the starting lineup for tonight",
          "Who's starting at center for the {N} tonight?",
          "{N} at {O}, game {g} of the series is tomorrow",
          "Trade rumors: the {N} reportedly talking to the {O} about a guard",
          "Heading to the {N} game in {C} tonight",
          "{P} has played {min} minutes per game this month");

  static final List<String> POSITIVE_EMOJI = List.of("🔥", "👑", "🏀", "😂");
  static final List<String> NEGATIVE_EMOJI = List.of("😤", "💀", "😭");
  static final List<String> NEUTRAL_EMOJI = List.of("🏀", "👀");

  /** Chatty openers; "ngl" and "lowkey" are everyday slang, "not gonna lie" spelled out. */
  static final List<String> OPENERS = List.of("ngl ", "lowkey ", "honestly ", "yo ", "bro ");

  static final List<String> HANDLE_HEADS =
      List.of(
          "hoops",
          "buckets",
          "courtside",
          "dunk",
          "baseline",
          "fastbreak",
          "splash",
          "paint",
          "hardwood",
          "alleyoop",
          "crossover",
          "boxscore",
          "bench",
          "jumpshot",
          "tripledouble",
          "pickandroll",
          "fadeaway",
          "nothingbut");
  static final List<String> HANDLE_TAILS =
      List.of(
          "fan", "head", "junkie", "guru", "talk", "takes", "nation", "szn", "_god", "life", "net",
          "andone");
}
