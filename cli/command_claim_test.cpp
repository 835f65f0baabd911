// `hypewatch claim test CLAIM | --statement TEXT [--explain]`: which stored stories would match
// a claim as the claims file defines it now (or a statement being drafted), with which stance,
// and why. For writing and adjusting claims against real stories: the database is opened
// read-only and nothing is recorded.
#include <algorithm>
#include <functional>
#include <iostream>

#include "app/stored_factchecks.h"
#include "cli/commands.h"
#include "cli/json_output.h"
#include "cli/table.h"
#include "rules/matcher.h"
#include "util/error.h"
#include "util/printable.h"

namespace hw::cli {
namespace {

// The id a drafted statement gets; not a valid claims-file id, so it cannot collide.
constexpr std::string_view kDraftId = "(statement)";

struct Preview {
  storage::StoredStory story;
  Match match;
};

// A story the claim competed for and did not get, with the reason (for --explain).
struct NearMiss {
  storage::StoredStory story;
  rules::StatementDecision decision;
};
constexpr std::size_t kNearMissesShown = 10;

std::string stance_label(const Match& m) {
  return m.retraction ? "refutes (retraction)" : std::string(to_string(m.stance));
}

// The stories the claim came closest to without matching, best fit first: why a story a user
// expected is not there ("not clearly ahead of another claim's 0.31", "none of the claim's
// distinguishing terms").
void print_near_misses(std::vector<NearMiss>& misses, std::ostream& out) {
  if (misses.empty()) {
    return;
  }
  std::ranges::stable_sort(misses, std::greater<>{},
                           [](const NearMiss& m) { return m.decision.fit; });
  const std::size_t shown = std::min(misses.size(), kNearMissesShown);
  out << "\nclosest stories not matched (" << shown << " of " << misses.size() << "):\n";
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& m = misses[i];
    out << "\n"
        << format_utc(m.story.at) << "  not matched\n    story:    \""
        << printable(m.story.story.title) << "\"\n";
    if (!m.story.story.link.empty()) {
      out << "    link:     " << printable(m.story.story.link) << "\n";
    }
    out << "    why:      " << m.decision.why << "\n";
  }
}

}  // namespace

int cmd_claim_test(const Invocation& inv, const ClaimTest& test, std::ostream& out) {
  if (test.claim_id.empty() == test.statement.empty()) {
    throw ConfigError("name a claim of the claims file or pass --statement TEXT (not both)");
  }
  app::Loaded loaded = app::load_everything(app::config_path(inv.paths));
  std::string target = test.claim_id;
  std::string statement;
  if (!test.statement.empty()) {
    // A draft competes with the real claims for each story, as it would once added.
    Claim draft;
    draft.id = std::string(kDraftId);
    draft.statement = test.statement;
    loaded.claims.push_back(draft);
    target = draft.id;
    statement = test.statement;
  } else {
    const auto it =
        std::ranges::find_if(loaded.claims, [&](const Claim& c) { return c.id == test.claim_id; });
    if (it == loaded.claims.end()) {
      std::string known;
      for (const Claim& c : loaded.claims) {
        known += (known.empty() ? "" : ", ") + c.id;
      }
      throw NotFound("unknown claim '" + test.claim_id + "' in " +
                     loaded.config.claims_file.string() + " (known: " + known + ")");
    }
    statement = it->statement;
  }
  // The preview walks the stories in evidence order and learns as the poll cycle does, in
  // memory only.
  rules::Matcher matcher(std::move(loaded.claims));
  app::PathOptions paths = inv.paths;
  paths.db = app::database_path(inv.paths, &loaded.config);
  auto store = app::open_for_query(paths);  // read-only: a preview records nothing
  // Fact-check items are judged from their pages' stored reviews, as a rescan judges them.
  app::StoredFactchecks factchecks(store, loaded.config.factcheck);

  int checked = 0;
  std::vector<Preview> found;
  std::vector<NearMiss> misses;
  std::optional<std::pair<TimePoint, std::int64_t>> after;
  for (auto page = store.stories().stored_stories(after, 256, /*include_queued=*/true);
       !page.empty(); page = store.stories().stored_stories(after, 256, /*include_queued=*/true)) {
    for (auto& s : page) {
      ++checked;
      if (factchecks.is_factcheck(s)) {
        for (Match& m : factchecks.judge(matcher, s).value_or(std::vector<Match>{})) {
          if (m.claim_id == target) {
            found.push_back({s, std::move(m)});
          }
        }
        continue;
      }
      bool matched = false;
      if (test.explain) {
        // Before learning from the story, as the poll cycle judged it.
        for (auto& d : matcher.explain(s.story)) {
          if (d.claim_id == target && !d.matched) {
            misses.push_back({s, std::move(d)});
          }
        }
      }
      for (Match& m : matcher.match_and_learn(s.story)) {
        if (m.claim_id == target) {
          found.push_back({s, std::move(m)});
          matched = true;
        }
      }
      if (matched && !misses.empty() && misses.back().story.revision_id == s.revision_id) {
        misses.pop_back();  // a hand rule or phrase took it after all
      }
    }
    after = std::pair{page.back().at, page.back().revision_id};
  }

  if (inv.json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& p : found) {
      rows.push_back({{"story", p.story.story_id},
                      {"published", format_utc(p.story.at)},
                      {"title", p.story.story.title},
                      {"link", p.story.story.link},
                      {"feed", p.story.feed_url},
                      {"stance", std::string(to_string(p.match.stance))},
                      {"retraction", p.match.retraction},
                      {"score", p.match.score},
                      {"rule", p.match.rule},
                      {"evidence", p.match.evidence}});
    }
    nlohmann::json doc{
        {"claim", test.claim_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(test.claim_id)},
        {"statement", statement},
        {"stories_checked", checked},
        {"matches", rows}};
    if (test.explain) {
      std::ranges::stable_sort(misses, std::greater<>{},
                               [](const NearMiss& m) { return m.decision.fit; });
      nlohmann::json near = nlohmann::json::array();
      for (std::size_t i = 0; i < std::min(misses.size(), kNearMissesShown); ++i) {
        near.push_back({{"story", misses[i].story.story_id},
                        {"published", format_utc(misses[i].story.at)},
                        {"title", misses[i].story.story.title},
                        {"link", misses[i].story.story.link},
                        {"fit", misses[i].decision.fit},
                        {"why", misses[i].decision.why}});
      }
      doc["near_misses"] = std::move(near);
    }
    out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  out << (test.claim_id.empty() ? std::string("statement") : test.claim_id) << ": " << statement
      << "\n"
      << found.size() << " of " << checked << " stored stories would match (nothing recorded)\n";
  if (found.empty() && !test.explain) {
    return 0;
  }
  if (!test.explain) {
    Table table({"EVIDENCE AT", "STANCE", "SCORE", "TITLE", "LINK"});
    for (const auto& p : found) {
      char score[16];
      std::snprintf(score, sizeof score, "%.2f", p.match.score);
      table.add({format_utc(p.story.at), stance_label(p.match), score,
                 inv.csv ? p.story.story.title : ellipsize(p.story.story.title, 70),
                 p.story.story.link});
    }
    if (inv.csv) {
      table.print_csv(out);
    } else {
      out << "\n";
      table.print(out);
    }
    return 0;
  }
  for (const auto& p : found) {
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", p.match.score);
    out << "\n"
        << format_utc(p.story.at) << "  " << stance_label(p.match) << "  score " << score
        << "\n    story:    \"" << printable(p.story.story.title) << "\"\n";
    if (!p.story.story.link.empty()) {
      out << "    link:     " << printable(p.story.story.link) << "\n";
    }
    out << "    rule:     " << (p.match.rule.empty() ? "-" : p.match.rule) << "\n"
        << "    evidence: "
        << (p.match.evidence.empty() ? "-" : printable(ellipsize(p.match.evidence, 200))) << "\n";
  }
  print_near_misses(misses, out);
  return 0;
}

}  // namespace hw::cli
