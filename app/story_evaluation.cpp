#include "app/story_evaluation.h"

#include "app/store_evidence_reader.h"
#include "rules/claim_engine.h"
#include "rules/evidence_gate.h"
#include "util/url_host.h"

namespace hw::app {

EvaluationOutcome evaluate_story(storage::Store& store, rules::Matcher& matcher,
                                 const StoryToEvaluate& s, const EvaluationOptions& options,
                                 TimePoint now) {
  storage::EvaluationWrite write;
  write.story_id = s.story_id;
  write.revision_id = s.revision_id;
  write.at = now;
  write.evidence_at = s.at;
  write.site = url_site(s.story->link.empty() ? s.feed_url : s.story->link);
  write.dequeue = !options.rescan;
  std::vector<Match> found =
      options.given_matches != nullptr ? *options.given_matches : matcher.match_and_learn(*s.story);
  for (Match& m : found) {
    if (!options.only_claims.empty() && !options.only_claims.contains(m.claim_id)) {
      continue;
    }
    if (options.rescan &&
        store.claims().matched_under_current_definition(s.revision_id, m.claim_id)) {
      continue;  // already judged under this definition: no second alert
    }
    write.matches.push_back(std::move(m));
  }
  if (write.matches.empty() && options.rescan) {
    return {};  // nothing to record, and the queue is not ours to touch
  }

  rules::EvidenceStory story;
  story.story_id = s.story_id;
  story.revision_id = s.revision_id;
  story.title = s.story->title;
  story.link = s.story->link;
  story.site = write.site;
  story.at = s.at;
  story.backfill = options.rescan;
  auto judgment = rules::judge_story(matcher.claims(), write.matches, story,
                                     StoreEvidenceReader(store), now, options.low_credibility);
  write.changes = std::move(judgment.changes);
  write.alerts = std::move(judgment.alerts);
  if (!store.claims().record_evaluation(write)) {
    return {};  // someone else evaluated this revision first; their alerts stand
  }
  return {static_cast<int>(write.matches.size()), std::move(write.alerts)};
}

}  // namespace hw::app
