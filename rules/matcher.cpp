#include "rules/matcher.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <deque>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "rules/claim_fit.h"
#include "rules/event_synonyms.h"
#include "rules/place_names.h"
#include "rules/rule_word_scan.h"
#include "rules/stance_classifier.h"
#include "rules/statement_index.h"
#include "rules/story_index.h"
#include "rules/term_pattern.h"

namespace hw::rules {
namespace {

// Phrase categories in precedence order: a story that mentions a retraction is about the
// retraction even when it also quotes the clarification, and a clarification outranks a bare
// denial because it says what actually happened.
enum class PhraseKind { retraction, clarification, refutation, confirmation };
constexpr std::array<PhraseKind, 4> kPrecedence{PhraseKind::retraction, PhraseKind::clarification,
                                                PhraseKind::refutation, PhraseKind::confirmation};

std::string_view kind_name(PhraseKind kind) {
  switch (kind) {
    case PhraseKind::retraction:
      return "retraction";
    case PhraseKind::clarification:
      return "clarification";
    case PhraseKind::refutation:
      return "refutation";
    case PhraseKind::confirmation:
      return "confirmation";
  }
  return "?";
}

Stance stance_of(PhraseKind kind) {
  switch (kind) {
    case PhraseKind::retraction:
    case PhraseKind::refutation:
      return Stance::refutes;
    case PhraseKind::clarification:
      return Stance::clarifies;
    case PhraseKind::confirmation:
      return Stance::confirms;
  }
  return Stance::mentions;
}

struct CompiledClaim {
  std::vector<std::vector<TermPattern>> groups;
  std::array<std::vector<TermPattern>, 4> phrases;  // indexed by PhraseKind
};

std::vector<TermPattern> compile_all(const std::vector<std::string>& terms) {
  std::vector<TermPattern> out;
  out.reserve(terms.size());
  for (const auto& term : terms) {
    out.push_back(compile_term(term));
  }
  return out;
}

// The earliest occurrence of any pattern in `patterns`.
struct PhraseHit {
  TermHit hit;
  const TermPattern* pattern = nullptr;
};

std::optional<PhraseHit> earliest(const StoryIndex& index,
                                  const std::vector<TermPattern>& patterns) {
  std::optional<PhraseHit> best;
  for (const auto& pattern : patterns) {
    const auto hits = index.find(pattern);
    if (!hits.empty() && (!best || hits.front().first < best->hit.first)) {
      best = PhraseHit{hits.front(), &pattern};
    }
  }
  return best;
}

// The folded words of one text, as tokenize() would give them. An ASCII text (most stories)
// is lower-cased once and cut into runs of letters and digits (a point between digits kept),
// without a string per word: that is exactly what tokenize() does to ASCII, and the text is
// valid UTF-8 as it is (nothing for sanitize_utf8 to replace). Other texts take the full path.
struct FoldedWords {
  explicit FoldedWords(std::string_view text) {
    if (std::ranges::all_of(text, [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
      folded.resize(text.size());
      std::ranges::transform(text, folded.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
      });
      const auto word_char = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      };
      for (std::size_t pos = 0; pos < folded.size();) {
        if (!word_char(folded[pos])) {
          ++pos;
          continue;
        }
        const std::size_t begin = pos;
        while (pos < folded.size() &&
               (word_char(folded[pos]) ||
                joins_decimal(folded, pos, std::string_view(folded).substr(begin, pos - begin)))) {
          ++pos;
        }
        words.emplace_back(folded.data() + begin, pos - begin);
      }
      return;
    }
    tokens = tokenize(sanitize_utf8(text));
    for (const Token& token : tokens) {
      words.emplace_back(token.text);
    }
  }
  FoldedWords(const FoldedWords&) = delete;  // words point into folded or tokens
  FoldedWords& operator=(const FoldedWords&) = delete;

  std::string folded;
  std::vector<Token> tokens;
  std::vector<std::string_view> words;
};

// A fit at which the story is taken to carry the claim even without its predicate word
// (reworded verbs: "crater" for "landed").
constexpr double kCloseFit = 0.6;

// A fit at which a story's body carries the claim though its headline shares none of its words.
constexpr double kBodyOnlyFit = 0.3;

// A fit at which the story is taken to carry the claim without its predicate word when it
// names two of the claim's names, in kTwoNamesTerms of their words (decide()).
constexpr double kTwoNamesFit = 0.4;
constexpr std::size_t kTwoNamesTerms = 3;

// One term of a name in a statement: a word it writes with a capital, and which of the
// statement's names (runs of such words) holds it.
struct NameTerm {
  TermId term = kNoTerm;
  std::uint32_t name = 0;
};

// How many sentences of a body's lead are compared with the claims (story_vector).
constexpr std::size_t kLeadSentences = 3;

// How many stories' wording a claim keeps: the newest, so the memory stays bounded and a
// rumour's current wording counts.
constexpr std::size_t kLearnedPerClaim = 64;

double cosine(const TermVector& a, const TermVector& b) {
  if (a.norm <= 0.0 || b.norm <= 0.0) {
    return 0.0;
  }
  double dot = 0.0;
  auto i = a.weights.begin();
  auto j = b.weights.begin();
  while (i != a.weights.end() && j != b.weights.end()) {
    if (i->first < j->first) {
      ++i;
    } else if (j->first < i->first) {
      ++j;
    } else {
      dot += static_cast<double>(i->second) * static_cast<double>(j->second);
      ++i;
      ++j;
    }
  }
  return dot / (a.norm * b.norm);
}

double round2(double x) {
  return std::round(x * 100.0) / 100.0;
}

}  // namespace

struct Matcher::Impl {
  std::vector<Claim> claims;
  std::vector<CompiledClaim> compiled;
  // Candidate filter: every claim is indexed under the first word of each term of one
  // "anchor" group; a story can only match claims whose anchor word it contains. This keeps
  // the cost per story proportional to its words, not to the number of claims.
  std::unordered_map<std::string, std::vector<std::size_t>> anchor_words;
  std::unordered_map<std::string, std::vector<std::size_t>> anchor_stems;
  std::size_t longest_stem = 0;
  RuleWordScan rule_scan;  // may_match for the rule claims

  // Claims without `required` are matched from their statement by the stance model
  // (docs/stance.md). Built only when the claims file has such claims.
  std::unique_ptr<StanceClassifier> classifier;
  std::vector<ClaimProfile> profiles;  // per claim; empty for rule claims
  StatementIndex statements;
  FitPolicy fit_policy;
  std::unordered_map<TermId, std::size_t> claim_df;  // statement claims holding each term
  std::size_t statement_claims = 0;
  std::vector<std::vector<TermId>> predicates;  // per claim: predicate_terms of its statement
  std::vector<std::vector<TermId>> numbers;     // per claim: number_terms of its statement
  std::vector<std::vector<NameTerm>> names;     // per claim: name_terms of its statement
  std::unique_ptr<EventSynonyms> synonyms;      // built with the first statement claim
  std::unique_ptr<PlaceNames> places;           // the same
  // Wording learned from stories the statement alone matched clearly (match_and_learn), per
  // claim: the newest kLearnedPerClaim story vectors, the keys of the stories they came from,
  // and how many of them hold each term (for finding candidates). A term leaves the postings
  // with the last kept headline holding it, so a daemon that runs for months keeps a bounded
  // vocabulary per claim and does not analyse more stories the longer it runs.
  struct Learned {
    std::deque<TermVector> vectors;
    std::deque<std::optional<TimePoint>> times;  // each story's StatementStory::at
    std::deque<std::string> keys;
    std::unordered_map<TermId, std::uint32_t> terms;  // term -> kept headlines holding it
  };
  std::vector<Learned> learned;
  std::unordered_map<TermId, std::vector<std::uint32_t>> learned_postings;

  void teach(std::size_t c, const std::string& key, const TermVector& v,
             std::optional<TimePoint> at) {
    learned.resize(claims.size());
    auto& l = learned[c];
    if (std::ranges::find(l.keys, key) != l.keys.end()) {
      return;  // a rescan meets the stories it learned from again
    }
    if (l.vectors.size() == kLearnedPerClaim) {
      for (const auto& [term, weight] : l.vectors.front().weights) {
        forget_term(c, l, term);
      }
      l.vectors.pop_front();
      l.times.pop_front();
      l.keys.pop_front();
    }
    l.vectors.push_back(v);
    l.times.push_back(at);
    l.keys.push_back(key);
    for (const auto& [term, weight] : v.weights) {
      if (l.terms[term]++ == 0) {
        learned_postings[term].push_back(static_cast<std::uint32_t>(c));
      }
    }
  }

  // One fewer kept headline of claim c holds `term`; the last one takes c off its postings.
  void forget_term(std::size_t c, Learned& l, TermId term) {
    const auto it = l.terms.find(term);
    if (it == l.terms.end() || --it->second > 0) {
      return;
    }
    l.terms.erase(it);
    auto& postings = learned_postings[term];
    std::erase(postings, static_cast<std::uint32_t>(c));
    if (postings.empty()) {
      learned_postings.erase(term);
    }
  }

  void compile() {
    compiled.reserve(claims.size());
    profiles.resize(claims.size());
    for (std::size_t c = 0; c < claims.size(); ++c) {
      const auto& claim = claims[c];
      if (claim.required.empty()) {
        if (!classifier) {
          classifier = std::make_unique<StanceClassifier>();
        }
        profiles[c] = classifier->profile(claim.statement);
        if (!synonyms) {
          synonyms = std::make_unique<EventSynonyms>(classifier->pipeline());
          places = std::make_unique<PlaceNames>(classifier->pipeline());
        }
        const AnalyzedText statement = classifier->pipeline().analyze(claim.statement);
        predicates.resize(claims.size());
        predicates[c] = predicate_terms(claim.statement, statement);
        numbers.resize(claims.size());
        numbers[c] = number_terms(claim.statement, statement);
        names.resize(claims.size());
        names[c] = name_terms(claim.statement, statement);
        statements.add(c, profiles[c]);
        ++statement_claims;
        for (const TermId term : profiles[c].terms) {
          ++claim_df[term];
        }
      }
      CompiledClaim out;
      for (const auto& group : claim.required) {
        out.groups.push_back(compile_all(group));
      }
      out.phrases[static_cast<std::size_t>(PhraseKind::retraction)] =
          compile_all(claim.retraction_phrases);
      out.phrases[static_cast<std::size_t>(PhraseKind::clarification)] =
          compile_all(claim.clarification_phrases);
      out.phrases[static_cast<std::size_t>(PhraseKind::refutation)] =
          compile_all(claim.refutation_phrases);
      out.phrases[static_cast<std::size_t>(PhraseKind::confirmation)] =
          compile_all(claim.confirmation_phrases);
      index_anchor(c, out);
      if (!out.groups.empty()) {
        rule_scan.add_claim(out.groups);
      }
      compiled.push_back(std::move(out));
    }
  }

  // The anchor is the group with the fewest terms: fewer index entries and usually the most
  // specific words ("stuxnet" rather than a list of ways to say "United States").
  void index_anchor(std::size_t c, const CompiledClaim& claim) {
    if (claim.groups.empty()) {
      return;
    }
    const auto& anchor =
        *std::ranges::min_element(claim.groups, {}, [](const auto& group) { return group.size(); });
    for (const auto& term : anchor) {
      if (term.words.empty()) {
        continue;
      }
      if (term.prefix && term.words.size() == 1) {
        anchor_stems[term.words[0]].push_back(c);
        longest_stem = std::max(longest_stem, term.words[0].size());
      } else {
        anchor_words[term.words[0]].push_back(c);
      }
    }
  }

  // Appends the rule claims whose anchor (a whole word, or a stem like "hack*") `word` is.
  void add_anchored(std::string_view word, std::vector<std::size_t>& out) const {
    if (const auto it = anchor_words.find(std::string(word)); it != anchor_words.end()) {
      out.insert(out.end(), it->second.begin(), it->second.end());
    }
    for (std::size_t length = 1; length <= std::min(word.size(), longest_stem); ++length) {
      if (const auto it = anchor_stems.find(std::string(word.substr(0, length)));
          it != anchor_stems.end()) {
        out.insert(out.end(), it->second.begin(), it->second.end());
      }
    }
  }

  std::vector<std::size_t> candidates(const StoryIndex& index) const {
    std::vector<std::size_t> out;
    for (const auto word : index.distinct_words()) {
      add_anchored(word, out);
    }
    std::ranges::sort(out);
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // The claim's own phrase lists still decide the stance of a statement match: a desk that
  // wrote "purchase of advertisements" as a clarification means it.
  bool apply_phrases(const StoryIndex& index, std::size_t c, Match& match) const {
    for (const auto kind : kPrecedence) {
      const auto phrase = earliest(index, compiled[c].phrases[static_cast<std::size_t>(kind)]);
      if (!phrase) {
        continue;
      }
      match.stance = stance_of(kind);
      match.retraction = kind == PhraseKind::retraction;
      match.evidence = index.excerpt(index.sentence_of(phrase->hit.first), phrase->hit);
      match.rule =
          std::string(kind_name(kind)) + ": '" + phrase->pattern->source + "'; " + match.rule;
      return true;
    }
    return false;
  }

  // A story as the statement matcher reads it: headline and body apart (the stance model
  // treats the headline on its own), analysed once.
  struct StatementStory {
    std::string title;
    std::string body;
    AnalyzedText t;
    AnalyzedText b;
    TermVector terms;
    TermVector headline;          // the headline alone: what learned wording is compared with
    std::optional<TimePoint> at;  // published (else updated): which learned wording is current
    std::vector<std::size_t> candidates;
  };

  StatementStory read_statement_story(const Story& story) const {
    StatementStory s;
    s.at = story.published ? story.published : story.updated;
    // The same parts StoryIndex reads.
    s.body = story.summary;
    if (!story.content.empty()) {
      s.body = story.content.find(story.summary) == std::string::npos
                   ? story.summary + (story.summary.empty() ? "" : "\n\n") + story.content
                   : story.content;
    }
    s.title = sanitize_utf8(story.title);
    s.body = sanitize_utf8(s.body);
    // Many feeds repeat the headline as the description: that is not a body to judge.
    if (repeats_headline(s.title, s.body)) {
      s.body.clear();
    }
    auto& pipeline = classifier->pipeline();
    s.t = pipeline.analyze(s.title);
    s.b = pipeline.analyze(s.body);
    // "50ft" carries the "50" of "a 50-foot crab": the number counts as written apart.
    const auto title_numbers = number_parts(s.t, pipeline);
    const std::vector<TermId> written = distinct_terms({&s.t, &s.b});
    // And "Nicaraguan" carries the "Nicaragua" of a claim (rules/place_names.h).
    const auto title_places = place_words(s.t, SIZE_MAX, written);
    std::vector<TermId> all = written;
    for (const auto& extra : {title_numbers, title_places, number_parts(s.b, pipeline),
                              place_words(s.b, SIZE_MAX, written)}) {
      all.insert(all.end(), extra.begin(), extra.end());
    }
    std::ranges::sort(all);
    all.erase(std::unique(all.begin(), all.end()), all.end());
    s.candidates = statements.candidates(all);
    if (!learned_postings.empty()) {
      add_learned_candidates(distinct_terms({&s.t}), s.candidates);
    }
    if (!s.candidates.empty()) {
      auto lead_extra = title_numbers;
      for (const auto& extra : {title_places, number_parts(s.b, pipeline, kLeadSentences),
                                place_words(s.b, kLeadSentences, written)}) {
        lead_extra.insert(lead_extra.end(), extra.begin(), extra.end());
      }
      s.terms = story_vector(s.t, s.b, classifier->lexicon(), kLeadSentences, lead_extra);
      // A rumour's wording lives in its headlines; a body's other words would let any story on
      // a busy topic resemble a learned one. Headlines are compared as written: a place's
      // other words there made stories about the same country resemble each other (the
      // stories no claim is about matched 9 more; docs/stance.md, rule 1).
      s.headline = story_vector(s.t, AnalyzedText{}, classifier->lexicon(), 0, title_numbers);
    }
    return s;
  }

  // The other words of the places `text` names in its first `sentence_limit` sentences that a
  // statement claim uses and the story (`written`, sorted) does not: the story's "Nicaraguan"
  // counts as a claim's "Nicaragua". Words no claim uses would only lengthen the story's vector.
  std::vector<TermId> place_words(const AnalyzedText& text, std::size_t sentence_limit,
                                  const std::vector<TermId>& written) const {
    auto out = places->other_words(text, sentence_limit);
    std::erase_if(out, [&](TermId term) {
      return !claim_df.contains(term) || std::ranges::binary_search(written, term);
    });
    return out;
  }

  // The distinct content terms of `texts`, sorted.
  static std::vector<TermId> distinct_terms(std::initializer_list<const AnalyzedText*> texts) {
    std::vector<TermId> terms;
    for (const auto* text : texts) {
      for (const TermId term : text->terms) {
        if (term != kNoTerm) {
          terms.push_back(term);
        }
      }
    }
    std::ranges::sort(terms);
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    return terms;
  }

  // Claims sharing at least two terms with one of the headlines they learned.
  void add_learned_candidates(const std::vector<TermId>& terms,
                              std::vector<std::size_t>& out) const {
    std::unordered_map<std::uint32_t, int> counts;
    for (const TermId term : terms) {
      if (const auto it = learned_postings.find(term); it != learned_postings.end()) {
        for (const auto c : it->second) {
          ++counts[c];
        }
      }
    }
    const std::size_t before = out.size();
    for (const auto& [c, n] : counts) {
      if (n >= 2 && !std::ranges::binary_search(
                        out.begin(), out.begin() + static_cast<std::ptrdiff_t>(before), c)) {
        out.push_back(c);
      }
    }
    std::ranges::sort(out);
  }

  double learned_fit(std::size_t c, const StatementStory& s) const {
    double best = 0.0;
    if (c >= learned.size()) {
      return best;
    }
    const auto& l = learned[c];
    for (std::size_t i = 0; i < l.vectors.size(); ++i) {
      // A rumour's wording is its wave's: a story long after (or before) the one that taught
      // it is other news in the same words ("Black Friday deals" years after a Black Friday
      // plot rumour). Undated stories are compared with every kept headline.
      if (s.at && l.times[i] &&
          (*s.at > *l.times[i] + fit_policy.learned_window ||
           *l.times[i] > *s.at + fit_policy.learned_window)) {
        continue;
      }
      best = std::max(best, cosine(l.vectors[i], s.headline));
    }
    // A faint likeness (two common words) is no evidence; it only spreads a claim over its topic.
    // Between the two floors it is weighed in decide(), with the statement's own checks.
    return best >= fit_policy.faint_learned_cosine ? best : 0.0;
  }

  // Statement claims compete for the story (rules/claim_fit.h): one decision per candidate.
  std::vector<StatementDecision> decide(const StatementStory& s) const {
    std::vector<FitCandidate> fits;
    std::vector<FitCandidate> statement_fits;
    std::vector<double> learned_cosines;
    fits.reserve(s.candidates.size());
    for (const auto c : s.candidates) {
      const double own = claim_fit(profiles[c], s.terms);
      const double learned_cosine = learned_fit(c, s);
      statement_fits.push_back({c, own});
      learned_cosines.push_back(learned_cosine);
      fits.push_back({c, std::max(own, fit_policy.learned_weight * learned_cosine)});
    }
    // A story that calls a claim a rumour or a hoax rarely repeats all its words: the denial is
    // the news (docs/stance.md, matching rule 4).
    FitPolicy policy = fit_policy;
    const bool rumour_headline = calls_it_a_rumour(s.t);
    if (rumour_headline) {
      policy.min_fit = fit_policy.rumour_min_fit;
    }
    const auto verdicts = contest(fits, policy);
    const auto seeds = contest(statement_fits, {fit_policy.teach_fit, fit_policy.teach_lead});
    std::vector<StatementDecision> out;
    out.reserve(fits.size());
    for (std::size_t i = 0; i < fits.size(); ++i) {
      const std::size_t c = fits[i].claim;
      StatementDecision d{c,
                          claims[c].id,
                          verdicts[i].accepted,
                          verdicts[i].fit,
                          verdicts[i].runner_up,
                          verdicts[i].why};
      if (!d.matched) {
        out.push_back(std::move(d));
        continue;
      }
      const bool distinguishing = carries_distinguishing_term(c, s.terms);
      const bool predicate = carries_predicate(c, s.terms, rumour_headline);
      // What is learned is the headline, so the headline itself must carry the claim (a story
      // that states it only in its body has a headline about something else).
      const double headline_fit = claim_fit(profiles[c], s.headline);
      d.teaches =
          seeds[i].accepted && distinguishing && predicate && headline_fit >= fit_policy.teach_fit;
      const bool by_learned_wording = fits[i].fit > statement_fits[i].fit;
      if (by_learned_wording && learned_cosines[i] < fit_policy.min_learned_cosine &&
          !(distinguishing && predicate)) {
        // A faint likeness to a kept headline (a few of the rumour's words) is the rumour only
        // when the story also says what the statement says: its distinguishing term and its
        // predicate ("Video of the beheading of a hostage shocks the world" after "ISIS video
        // shows beheading of British aid worker David Haines"). Otherwise it is the rumour's
        // setting. The statement's own path would refuse such a story too (rules 1 and 3).
        d.matched = false;
        d.why += " (learned wording); a faint likeness without the claim's distinguishing "
                 "terms and predicate";
      } else if (by_learned_wording) {
        d.why += " (learned wording)";
      } else if (!distinguishing) {
        d.matched = false;  // only the topic: thirty claims share "Apple" and "watch"
        d.why += "; none of the claim's distinguishing terms";
      } else if (!shares_name(c, s.terms) && shared_count(c, s.terms) < 2) {
        // One common word in common is a coincidence of vocabulary: "Apple will shutdown Beats
        // Music" and "India deploys shutdowns in name of security" (docs/stance.md, rule 3).
        d.matched = false;
        d.why += "; a single shared word, and not a name";
      } else if (d.fit < kCloseFit && !predicate) {
        // The names without what the claim says of them; a story fitting the claim closely
        // carries it however the verb is worded. So does one that names two of the claim's
        // names in full ("Taylor Lianne Chandler: Michael Phelps Cougar Girlfriend Revealed?"):
        // a story relating the same people is about what the claim says of them, where one
        // person or two short names are only the news about them ("Oscar Pistorius granted
        // parole", "Finland pushing back … on Russia border"; docs/stance.md, rule 4).
        if (d.fit >= kTwoNamesFit && carries_two_names(c, s.terms)) {
          d.why += "; two of the claim's names in place of its predicate";
        } else {
          d.matched = false;
          d.why += "; the names without the claim's predicate";
        }
      } else if (d.fit < kBodyOnlyFit && headline_fit <= 0.0) {
        // News states its claim in the headline: a headline sharing no word with the claim is
        // about something else that the body's lead touches on ("HomePod is looking more and
        // more like the return of iPod Hi-Fi", whose lead names Tim Cook and music).
        d.matched = false;
        d.why += "; nothing of the claim in the headline";
      }
      out.push_back(std::move(d));
    }
    return out;
  }

  // The winner's stance comes from the headline and body models (StanceClassifier::judge_stance).
  // With `learn`, the claims the statement alone matched clearly learn the story's wording.
  void match_statements(const Story& story, const StoryIndex& index,
                        std::vector<std::pair<std::size_t, Match>>& out, bool learn) {
    const StatementStory s = read_statement_story(story);
    if (s.candidates.empty()) {
      return;
    }
    const auto decisions = decide(s);
    for (const auto& d : decisions) {
      if (!d.matched) {
        continue;
      }
      const std::size_t c = d.claim;
      const StanceVerdict v = classifier->judge_stance(profiles[c], s.title, s.t, s.body, s.b);
      Match match;
      match.claim_id = claims[c].id;
      match.stance = v.stance;
      match.score = v.score;
      match.evidence = v.evidence;
      match.rule = "statement " + d.why +
                   "; shared terms: " + shared_terms(c, s.t, s.b, s.title, s.body) + "; " +
                   v.features;
      apply_phrases(index, c, match);
      out.emplace_back(c, std::move(match));
    }
    if (learn) {
      for (const auto& d : decisions) {
        if (d.teaches) {
          teach(d.claim, story_key(story), s.headline, s.at);
        }
      }
    }
  }

  // Whether the story can match any claim at all, from its folded words alone (title, summary
  // and content tokenised apart: a superset of the words StoryIndex and read_statement_story
  // look at). A rule claim needs a word of every group (all the words of some term, the last
  // one as a prefix for "hack*"): one pass over the texts that looks up only the claims' words
  // (RuleWordScan). A statement claim needs enough of its terms to be a candidate, counting
  // each word both as a stem and kept whole (acronyms); learned wording needs two headline
  // terms. Instead of two analyses with sentences and positions: most stories concern no claim.
  // A story refused here would have no candidate, or a candidate missing a group, in match():
  // skipping it changes no result.
  bool may_match(const Story& story) {
    const std::array<std::string_view, 3> texts{story.title, story.summary, story.content};
    if (rule_scan.may_match(texts)) {
      return true;
    }
    if (statements.size() == 0) {
      return false;
    }
    std::array<FoldedWords, 3> parts{FoldedWords(story.title), FoldedWords(story.summary),
                                     FoldedWords(story.content)};
    std::unordered_set<std::string_view> distinct;
    for (const auto& part : parts) {
      distinct.insert(part.words.begin(), part.words.end());
    }
    const std::vector<std::string_view> words(distinct.begin(), distinct.end());
    auto& pipeline = classifier->pipeline();
    const auto terms_of = [&](const auto& folded) {
      std::vector<TermId> out;
      for (const auto word : folded) {
        const std::string w(word);
        const TermId stem = pipeline.stem_term(w);
        out.push_back(stem);
        out.push_back(term_id_of(w));
        const auto& place = places->other_words(stem);  // read_statement_story
        out.insert(out.end(), place.begin(), place.end());
        if (const auto number = leading_number(w); !number.empty()) {
          out.push_back(pipeline.stem_term(std::string(number)));  // number_parts
        }
      }
      std::ranges::sort(out);
      out.erase(std::unique(out.begin(), out.end()), out.end());
      return out;
    };
    if (!statements.candidates(terms_of(words)).empty()) {
      return true;
    }
    if (learned_postings.empty()) {
      return false;
    }
    std::vector<std::size_t> learned_candidates;
    add_learned_candidates(terms_of(parts.front().words), learned_candidates);
    return !learned_candidates.empty();
  }
  bool prefilter = true;
  std::size_t analysed = 0;

  std::vector<Match> match(const Story& story, bool learn) {
    if (prefilter && !may_match(story)) {
      return {};
    }
    ++analysed;
    std::vector<std::pair<std::size_t, Match>> found;
    const StoryIndex index(story);
    for (const auto c : candidates(index)) {
      if (auto match = match_claim(index, c)) {
        found.emplace_back(c, std::move(*match));
      }
    }
    // Hand rules win: a claim with `required` groups is never matched by the statement model.
    if (statements.size() > 0) {
      match_statements(story, index, found, learn);
      std::ranges::stable_sort(found, {}, &std::pair<std::size_t, Match>::first);
    }
    std::vector<Match> matches;
    matches.reserve(found.size());
    for (auto& [c, match] : found) {
      matches.push_back(std::move(match));
    }
    return matches;
  }

  // Whether the story holds one of the claim's distinguishing terms: a term at most a tenth of
  // the statement claims share (at least one claim). "Apple" and "watch" do not tell thirty
  // Apple Watch claims apart; "sapphire" does.
  bool carries_distinguishing_term(std::size_t c, const TermVector& story) const {
    return std::ranges::any_of(profiles[c].terms, [&](TermId term) {
      return distinguishes(term) && holds_term(story, term);
    });
  }

  // Whether at most a tenth of the statement claims (at least one) hold `term`.
  bool distinguishes(TermId term) const {
    return claim_df.at(term) <= std::max<std::size_t>(1, statement_claims / 10);
  }

  // How many of the claim's terms the story holds.
  std::size_t shared_count(std::size_t c, const TermVector& story) const {
    return static_cast<std::size_t>(std::ranges::count_if(
        profiles[c].terms, [&](TermId term) { return holds_term(story, term); }));
  }

  // Whether the story holds one of the claim's names, numbers or acronyms: a term the statement
  // does not write in lower case (predicate_terms).
  bool shares_name(std::size_t c, const TermVector& story) const {
    const auto& lower = predicates[c];
    return std::ranges::any_of(profiles[c].terms, [&](TermId term) {
      return holds_term(story, term) && std::ranges::find(lower, term) == lower.end();
    });
  }

  // Whether the story holds one of the claim's lower-case content words, when it has any: the
  // predicate ("invaded", "escaped", "resigned") or a common noun. Names alone make a story
  // about the same people, not about the claim ("Russia" and "Finland" without "invaded").
  // A headline calling something a rumour or a hoax stands in for the predicate, and so does
  // one of the claim's numbers (not a year): "Would you pay 10,000 for the Apple Watch?" is
  // about "The larger Apple Watch Edition will cost 10,000".
  bool carries_predicate(std::size_t c, const TermVector& story, bool rumour_headline) const {
    if (predicates[c].empty()) {
      return true;
    }
    const auto held = [&](TermId term) { return holds_term(story, term); };
    return std::ranges::any_of(predicates[c], held) || rumour_headline ||
           std::ranges::any_of(numbers[c], held);
  }

  // Whether the text holds a word that calls something a rumour, a hoax or a denial. Asked of
  // the headline: a story that is about a rumour says so there, while "denying" somewhere in a
  // body's lead is everyday news wording ("a statement denying the affair"). Read from the
  // stems, which keep the negations ("denies" is one, so it has no term).
  bool calls_it_a_rumour(const AnalyzedText& headline) const {
    return std::ranges::any_of(headline.stems,
                               [&](TermId stem) { return synonyms->is_rumour_word(stem); });
  }

  // The terms of the statement's numbers that are not years ("950", "10,000", "12"; not "2015");
  // `text` is the statement analysed.
  std::vector<TermId> number_terms(std::string_view statement, const AnalyzedText& text) const {
    std::vector<TermId> out;
    for (std::size_t i = 0; i < text.tokens.size(); ++i) {
      const auto& token = text.tokens[i];
      const std::string_view word = statement.substr(token.begin, token.end - token.begin);
      const bool digits = !word.empty() && std::isdigit(static_cast<unsigned char>(word[0]));
      int value = 0;
      const bool year = word.size() == 4 &&
                        std::from_chars(word.data(), word.data() + 4, value).ec == std::errc{} &&
                        value >= 1900 && value <= 2099;
      if (text.terms[i] != kNoTerm && digits && !year) {
        out.push_back(text.terms[i]);
      }
    }
    return out;
  }

  // The terms of the statement's names: the words it writes with a capital (names, acronyms,
  // the first word; not numbers), each with the run of such words it belongs to. "Taylor Lianne
  // Chandler had a romantic relationship with Olympic swimmer Michael Phelps" has three names.
  static std::vector<NameTerm> name_terms(std::string_view statement, const AnalyzedText& text) {
    std::vector<NameTerm> out;
    std::uint32_t name = 0;
    bool in_name = false;
    for (std::size_t i = 0; i < text.tokens.size(); ++i) {
      const auto first = static_cast<unsigned char>(statement[text.tokens[i].begin]);
      if (text.terms[i] == kNoTerm || (first >= 'a' && first <= 'z') ||
          (first >= '0' && first <= '9')) {
        in_name = false;
        continue;
      }
      if (!in_name) {
        ++name;
        in_name = true;
      }
      out.push_back({text.terms[i], name});
    }
    return out;
  }

  // Whether the story holds kTwoNamesTerms of the claim's name terms, and a distinguishing
  // term (rule 3) of two of its names or more: the people and places the claim relates, not
  // one person the news is about, nor the topic ("Apple Watch") and a month.
  bool carries_two_names(std::size_t c, const TermVector& story) const {
    std::size_t held = 0;
    std::vector<std::uint32_t> distinguished;  // the names with a distinguishing term held
    for (const auto& [term, name] : names[c]) {
      if (!holds_term(story, term)) {
        continue;
      }
      ++held;
      if (distinguishes(term) && std::ranges::find(distinguished, name) == distinguished.end()) {
        distinguished.push_back(name);
      }
    }
    return held >= kTwoNamesTerms && distinguished.size() >= 2;
  }

  // The terms of words the statement writes in lower case (not names, numbers or acronyms),
  // expanded by the event groups; `text` is the statement analysed.
  std::vector<TermId> predicate_terms(std::string_view statement, const AnalyzedText& text) const {
    std::vector<TermId> out;
    for (std::size_t i = 0; i < text.tokens.size(); ++i) {
      const auto first = static_cast<unsigned char>(statement[text.tokens[i].begin]);
      if (text.terms[i] == kNoTerm || first < 'a' || first > 'z') {
        continue;
      }
      for (const TermId term : synonyms->expand(text.terms[i])) {
        if (std::ranges::find(out, term) == out.end()) {
          out.push_back(term);
        }
      }
    }
    return out;
  }

  // The claim's words the story carries, as the story spells them (for --explain).
  std::string shared_terms(std::size_t c, const AnalyzedText& t, const AnalyzedText& b,
                           std::string_view title, std::string_view body) const {
    std::string out;
    std::vector<TermId> seen;
    for (const auto& [text, source] : {std::pair{&t, title}, std::pair{&b, body}}) {
      for (std::size_t i = 0; i < text->terms.size(); ++i) {
        TermId term = text->terms[i];
        const auto in_claim = [&](TermId candidate) {
          return std::ranges::find(profiles[c].terms, candidate) != profiles[c].terms.end();
        };
        if (const auto number = leading_number(text->tokens[i].text);
            !in_claim(term) && !number.empty()) {
          term = classifier->pipeline().stem_term(std::string(number));  // "50ft": number_parts
        }
        if (term == kNoTerm || std::ranges::find(seen, term) != seen.end() || !in_claim(term)) {
          continue;
        }
        seen.push_back(term);
        const auto& token = text->tokens[i];
        out += (out.empty() ? "" : ", ") +
               std::string(source.substr(token.begin, token.end - token.begin));
      }
    }
    return out.empty() ? "none" : out;
  }

  std::optional<Match> match_claim(const StoryIndex& index, std::size_t c) const {
    const auto& claim = compiled[c];
    const std::size_t group_count = claim.groups.size();
    if (group_count == 0) {
      return std::nullopt;
    }
    // For each group, every hit of any of its terms.
    std::vector<std::vector<TermHit>> group_hits(group_count);
    for (std::size_t g = 0; g < group_count; ++g) {
      for (const auto& term : claim.groups[g]) {
        const auto hits = index.find(term);
        group_hits[g].insert(group_hits[g].end(), hits.begin(), hits.end());
      }
      if (group_hits[g].empty()) {
        return std::nullopt;
      }
      std::ranges::sort(group_hits[g], {}, &TermHit::first);
    }

    // Cohesion: the sentence holding the most groups is where the story states the claim.
    std::vector<std::size_t> groups_in_sentence(index.sentences().size());
    std::size_t groups_in_title = 0;
    for (const auto& hits : group_hits) {
      std::size_t previous = SIZE_MAX;
      for (const auto& hit : hits) {
        const auto s = index.sentence_of(hit.first);
        if (s != previous) {
          ++groups_in_sentence[s];
          previous = s;
        }
      }
      groups_in_title +=
          std::ranges::any_of(hits, [&](const TermHit& hit) { return index.in_title(hit.last); });
    }
    const auto best = std::ranges::max_element(groups_in_sentence);  // first of equals
    const auto best_sentence = static_cast<std::size_t>(best - groups_in_sentence.begin());
    const double cohesion = static_cast<double>(*best) / static_cast<double>(group_count);

    Match match;
    match.claim_id = claims[c].id;
    for (const auto kind : kPrecedence) {
      const auto phrase = earliest(index, claim.phrases[static_cast<std::size_t>(kind)]);
      if (!phrase) {
        continue;
      }
      const auto sentence = index.sentence_of(phrase->hit.first);
      match.stance = stance_of(kind);
      match.retraction = kind == PhraseKind::retraction;
      // A phrase in the same sentence as the claim's own words is surely about this claim;
      // one elsewhere in the story probably is.
      const double focus = groups_in_sentence[sentence] > 0 ? 1.0 : 0.5;
      match.score = round2(0.5 + 0.3 * cohesion + 0.2 * focus);
      match.evidence = index.excerpt(sentence, phrase->hit);
      match.rule = std::string(kind_name(kind)) + ": '" + phrase->pattern->source + "'";
      return match;
    }

    // No phrase: the story asserts the claim. The rule lists the words that matched, taken
    // from the evidence sentence when the group is there.
    match.stance = Stance::supports;
    match.score =
        round2(0.5 + 0.3 * cohesion +
               0.2 * static_cast<double>(groups_in_title) / static_cast<double>(group_count));
    std::optional<TermHit> focus;
    std::string words;
    for (const auto& hits : group_hits) {
      const auto in_best = std::ranges::find_if(
          hits, [&](const TermHit& hit) { return index.sentence_of(hit.first) == best_sentence; });
      const auto& chosen = in_best != hits.end() ? *in_best : hits.front();
      if (in_best != hits.end() && (!focus || chosen.first < focus->first)) {
        focus = chosen;
      }
      words += (words.empty() ? "" : ", ") + index.surface(chosen);
    }
    match.evidence = index.excerpt(best_sentence, focus.value_or(group_hits[0].front()));
    match.rule = "required terms: " + words;
    return match;
  }
};

Matcher::Matcher(std::vector<Claim> claims, const FitPolicy& policy)
    : m_impl(std::make_unique<Impl>()) {
  m_impl->claims = std::move(claims);
  m_impl->fit_policy = policy;
  m_impl->compile();
}

Matcher::~Matcher() = default;
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;

std::vector<StatementDecision> Matcher::explain(const Story& story) const {
  if (m_impl->statements.size() == 0) {
    return {};
  }
  const auto s = m_impl->read_statement_story(story);
  auto decisions = m_impl->decide(s);
  std::ranges::sort(decisions, std::greater<>{}, &StatementDecision::fit);
  return decisions;
}

std::vector<Match> Matcher::match(const Story& story) const {
  // Impl::match only changes the matcher when asked to learn.
  return m_impl->match(story, false);
}

std::vector<Match> Matcher::match_and_learn(const Story& story) {
  return m_impl->match(story, true);
}

std::size_t Matcher::stories_analysed() const {
  return m_impl->analysed;
}

void Matcher::set_prefilter(bool on) {
  m_impl->prefilter = on;
}

const std::vector<Claim>& Matcher::claims() const {
  return m_impl->claims;
}

}  // namespace hw::rules
