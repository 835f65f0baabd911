#include "app/claim_rescan.h"

#include <optional>

#include "app/stored_factchecks.h"
#include "app/story_evaluation.h"
#include "rules/claim_definition.h"
#include "util/log.h"

namespace hw::app {

storage::ClaimSync sync_matcher_claims(storage::Store& store, const rules::Matcher& matcher,
                                       TimePoint now) {
  std::vector<storage::ClaimDefinition> defs;
  for (const Claim& c : matcher.claims()) {
    defs.push_back({c, rules::definition_hash(c)});
  }
  auto sync = store.claims().sync_claims(defs, now);
  for (const auto& id : sync.retired) {
    log::info("rules", "claim retired (no longer in the claims file)", {{"claim", id}});
  }
  return sync;
}

RescanReport rescan_claims(storage::Store& store, rules::Matcher& matcher,
                           const std::vector<std::string>& claim_ids,
                           const FactcheckConfig& factcheck, const SourcesConfig& sources,
                           const Clock& clock, const std::atomic<bool>* cancel) {
  RescanReport report;
  if (claim_ids.empty()) {
    return report;
  }
  report.claims = claim_ids;
  EvaluationOptions options;
  options.rescan = true;
  options.low_credibility = sources.low_credibility;
  options.only_claims.insert(claim_ids.begin(), claim_ids.end());
  // Fact-check feeds' items are judged from their pages' ClaimReviews, never from their text
  // (docs/factchecks.md): a rescan reads the reviews kept from the page's last fetch.
  StoredFactchecks factchecks(store, factcheck);
  // In pages, oldest evidence first: only one page of texts in memory.
  std::optional<std::pair<TimePoint, std::int64_t>> after;
  for (auto page = store.stories().stored_stories(after, 256); !page.empty();
       page = store.stories().stored_stories(after, 256)) {
    for (const auto& s : page) {
      if (cancel != nullptr && cancel->load()) {
        report.complete = false;
        return report;  // not marked scanned: the next cycle resumes (done pairs are skipped)
      }
      std::optional<std::vector<Match>> given;
      if (factchecks.is_factcheck(s)) {
        given = factchecks.judge(matcher, s);
        if (!given) {
          continue;
        }
        options.given_matches = &*given;
      } else {
        options.given_matches = nullptr;
      }
      auto outcome =
          evaluate_story(store, matcher, {s.story_id, s.revision_id, s.feed_url, s.at, &s.story},
                         options, clock.now());
      ++report.stories;
      report.matches += outcome.matches;
      std::ranges::move(outcome.alerts, std::back_inserter(report.alerts));
    }
    after = std::pair{page.back().at, page.back().revision_id};
  }
  if (factchecks.unkept() > 0) {
    log::info("rules",
              "fact-check pages judged before their reviews were kept: not judged for these "
              "claims until their page changes",
              {{"pages", std::to_string(factchecks.unkept())}});
  }
  for (const Claim& c : matcher.claims()) {
    if (options.only_claims.contains(c.id)) {
      store.claims().mark_scanned(c.id, rules::definition_hash(c));
    }
  }
  log::info("rules", "claims evaluated against stored stories",
            {{"claims", std::to_string(claim_ids.size())},
             {"stories", std::to_string(report.stories)},
             {"matches", std::to_string(report.matches)},
             {"alerts", std::to_string(report.alerts.size())}});
  return report;
}

}  // namespace hw::app
