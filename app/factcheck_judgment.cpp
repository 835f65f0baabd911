#include "app/factcheck_judgment.h"

#include <set>

namespace hw::app {
namespace {

std::string shortened(std::string_view text, std::size_t max = 200) {
  if (text.size() <= max) {
    return std::string(text);
  }
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
    --cut;  // not inside a UTF-8 sequence
  }
  return std::string(text.substr(0, cut)) + "…";
}

}  // namespace

ReviewJudgment judge_reviews(const rules::Matcher& matcher, const rules::VerdictMapping& mapping,
                             const std::vector<feeds::ClaimReview>& reviews,
                             const ClaimsOfLink& claims_of_link, std::string_view site) {
  ReviewJudgment out;
  std::set<std::string> decided;
  for (const auto& review : reviews) {
    const std::string checker = review.author.empty() ? std::string(site) : review.author;
    const std::string quoted = "'" + shortened(review.claim_reviewed, 120) + "'";
    const auto verdict = rules::verdict_stance(mapping, review.rating.alternate_name,
                                               review.rating.value, review.rating.best,
                                               review.rating.worst);
    if (!verdict) {
      out.skipped.push_back("review of " + quoted + ": verdict '" +
                            shortened(review.rating.alternate_name, 80) +
                            "' maps to no stance and the rating declares no scale");
      continue;
    }
    // (claim id, how the review was tied to it)
    std::vector<std::pair<std::string, std::string>> about;
    Story text;
    text.title = review.claim_reviewed;
    for (const Match& m : matcher.match(text)) {
      if (m.stance == Stance::supports || m.stance == Stance::mentions) {
        about.emplace_back(m.claim_id, "claimReviewed");
      } else {
        out.skipped.push_back("review of " + quoted + ": the reviewed claim " +
                              std::string(to_string(m.stance)) + " claim " + m.claim_id +
                              " rather than asserting it; not a verdict on it");
      }
    }
    for (const auto& url : review.appearances) {
      for (auto& id : claims_of_link(url)) {
        about.emplace_back(std::move(id), "appearance " + url);
      }
    }
    if (about.empty()) {
      out.skipped.push_back("review of " + quoted + ": about none of the claims");
      continue;
    }
    for (auto& [claim_id, how] : about) {
      if (!decided.insert(claim_id).second) {
        continue;
      }
      Match m;
      m.claim_id = claim_id;
      m.stance = verdict->stance;
      m.score = verdict->score;
      m.factcheck = true;
      m.evidence = checker + " rated " + quoted + ": " +
                   shortened(review.rating.alternate_name.empty() ? verdict->rule
                                                                  : review.rating.alternate_name,
                             160);
      m.rule = "factcheck " + checker + " " + verdict->rule + " (" + how + ")";
      out.matches.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace hw::app
