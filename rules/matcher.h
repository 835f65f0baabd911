#pragma once
#include <memory>
#include <vector>

#include "model/claim.h"
#include "model/story.h"
#include "rules/claim_fit.h"

namespace hw::rules {

// How one statement claim fared against a story: the evidence for `--explain` and for
// calibrating the fit policy.
struct StatementDecision {
  std::size_t claim = 0;  // index into claims()
  std::string claim_id;
  bool matched = false;
  double fit = 0.0;
  double runner_up = 0.0;
  std::string why;       // "fit 0.42, runner-up 0.18" or why the claim was refused
  bool teaches = false;  // the statement alone matched it clearly: its wording is worth learning
};

// Decides which claims a story is about and with what stance, from the claims' rules.
// Pure: same claims + same learned wording (match_and_learn) + same story -> same matches.
class Matcher {
 public:
  explicit Matcher(std::vector<Claim> claims, const FitPolicy& policy = {});
  ~Matcher();
  Matcher(Matcher&&) noexcept;
  Matcher& operator=(Matcher&&) noexcept;

  // One Match per claim the story is about (all required groups found in title+summary+content).
  std::vector<Match> match(const Story& story) const;
  const std::vector<Claim>& claims() const;

  // match(), and then the statement claims that the statement alone matched clearly (fit and
  // lead over the runner-up both above FitPolicy's teach_* thresholds, with a distinguishing
  // term and the predicate) learn the story's wording: a later story that resembles it fits
  // the claim too, though it shares few words with the statement ("World's oldest burger"
  // for "Two Australian men kept a McDonald's Quarter Pounder for 20 years"). Learning never
  // starts from a story matched only through learned wording, so one mismatch cannot teach
  // the next. Stories must come in evidence order for the result not to depend on how they
  // were batched (the poll cycle, rescans and app/learned_wording replay them that way).
  std::vector<Match> match_and_learn(const Story& story);

  // How many stories match() and match_and_learn() analysed in full. A story holding no word
  // of any claim (anchor, statement term, or in its headline a learned term) is refused by a
  // cheap word scan first: it has no candidate claim, so its result is the same empty one.
  std::size_t stories_analysed() const;
  // Off, every story is analysed in full: tests compare both paths.
  void set_prefilter(bool on);

  // The statement claims that competed for the story, best fit first, matched or not.
  std::vector<StatementDecision> explain(const Story& story) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

}  // namespace hw::rules
