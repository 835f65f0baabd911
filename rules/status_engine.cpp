#include "rules/status_engine.h"

namespace hw::rules {
namespace {

bool is_resolved(ClaimStatus s) {
  return s == ClaimStatus::clarified || s == ClaimStatus::confirmed || s == ClaimStatus::retracted;
}

std::string describe(const Match& match) {
  return match.rule.empty() ? std::string() : " (" + match.rule + ")";
}

Decision change(ClaimStatus from, ClaimStatus to, std::string_view why, const Match& match) {
  return Decision{to, false,
                  std::string(to_string(from)) + " -> " + std::string(to_string(to)) + ": " +
                      std::string(why) + describe(match)};
}

Decision keep(ClaimStatus current, std::string_view why, const Match& match) {
  return Decision{
      std::nullopt, false,
      "stays " + std::string(to_string(current)) + ": " + std::string(why) + describe(match)};
}

}  // namespace

Decision decide(ClaimStatus current, const Match& match) {
  const bool retraction = match.retraction;
  // A retraction by the source is the strongest evidence there is: it overrides even a
  // confirmation or clarification, because the claim's own origin withdrew it.
  if (retraction) {
    if (current == ClaimStatus::retracted) {
      return keep(current, "another story reports the retraction", match);
    }
    return change(current, ClaimStatus::retracted, "a story reports that the claim was retracted",
                  match);
  }
  switch (match.stance) {
    case Stance::clarifies:
      if (current == ClaimStatus::tracked || current == ClaimStatus::reported ||
          current == ClaimStatus::disputed) {
        return change(current, ClaimStatus::clarified, "a story corrects what actually happened",
                      match);
      }
      return keep(current,
                  current == ClaimStatus::clarified
                      ? "another story repeats the clarification"
                      : "a clarification does not reopen a resolved claim",
                  match);
    case Stance::refutes:
      if (current == ClaimStatus::tracked || current == ClaimStatus::reported) {
        return change(current, ClaimStatus::disputed, "a story denies or debunks the claim", match);
      }
      return keep(current,
                  current == ClaimStatus::disputed ? "another story disputes the claim"
                                                   : "a denial does not reopen a resolved claim",
                  match);
    case Stance::confirms:
      if (current == ClaimStatus::tracked || current == ClaimStatus::reported ||
          current == ClaimStatus::disputed) {
        return change(current, ClaimStatus::confirmed, "a story reports official confirmation",
                      match);
      }
      return keep(current,
                  current == ClaimStatus::confirmed
                      ? "another story reports the confirmation"
                      : "a confirmation does not reopen a resolved claim",
                  match);
    case Stance::supports:
    case Stance::mentions:
      break;
  }
  Decision decision;
  if (current == ClaimStatus::tracked) {
    decision = change(current, ClaimStatus::reported,
                      match.stance == Stance::supports ? "first story asserting the claim"
                                                       : "first story mentioning the claim",
                      match);
  } else if (match.stance == Stance::supports &&
             (current == ClaimStatus::clarified || current == ClaimStatus::disputed ||
              current == ClaimStatus::retracted)) {
    // The hype case of the README's Yemen story: the old version keeps being repeated as true.
    decision =
        keep(current,
             "story repeats the claim as true although it was " + std::string(to_string(current)),
             match);
    decision.repeated_after_resolution = true;
  } else {
    decision = keep(current,
                    is_resolved(current) || current == ClaimStatus::disputed
                        ? "a mention does not change a disputed or resolved claim"
                        : "another story about the claim",
                    match);
  }
  return decision;
}

}  // namespace hw::rules
