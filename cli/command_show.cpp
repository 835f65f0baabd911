// `hypewatch show STORY`: one story as a reader needs it to judge a match — where it came from,
// its dates, its revisions, its text, and what each claim's match found in it.
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/json_output.h"
#include "storage/story_queries.h"
#include "util/printable.h"

namespace hw::cli {
namespace {

std::string fixed(double score) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", score);
  return buf;
}

// The text a person reads: the content when the feed sent it, else the summary.
const std::string& body(const storage::StoryRevisionRow& r) {
  return r.content.empty() ? r.summary : r.content;
}

// Outside text line by line: each line made safe for the terminal, the line breaks kept.
void print_text(const std::string& text, std::ostream& out) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    out << "  " << printable(text.substr(start, end == std::string::npos ? end : end - start))
        << "\n";
    if (end == std::string::npos) {
      break;
    }
    start = end + 1;
  }
}

}  // namespace

int cmd_show(const Invocation& inv, std::int64_t story_id, std::ostream& out) {
  auto store = app::open_for_query(inv.paths);
  storage::StoryQueries queries(store.database());
  const auto story = queries.story(story_id);
  if (!story || story->revisions.empty()) {
    throw NotFound("no story " + std::to_string(story_id) +
                   " (the ids are those `hypewatch stories` and `hypewatch search` print)");
  }
  const auto& current = story->revisions.back();
  std::map<std::int64_t, int> revision_of;
  for (const auto& r : story->revisions) {
    revision_of[r.id] = r.revision;
  }
  const auto matches = store.claims().matches_for_story(story_id);

  if (inv.json) {
    nlohmann::json revisions = nlohmann::json::array(), found = nlohmann::json::array();
    for (const auto& r : story->revisions) {
      revisions.push_back({{"revision", r.revision},
                           {"fetched_at", format_utc(r.fetched_at)},
                           {"title", r.title},
                           {"summary", r.summary},
                           {"content", r.content}});
    }
    for (const auto& m : matches) {
      found.push_back({{"claim", m.match.claim_id},
                       {"revision", revision_of[m.revision_id]},
                       {"stance", std::string(to_string(m.match.stance))},
                       {"retraction", m.match.retraction},
                       {"score", m.match.score},
                       {"rule", m.match.rule},
                       {"evidence", m.match.evidence},
                       {"matched_at", format_utc(m.matched_at)}});
    }
    const nlohmann::json j = {{"id", story->id},
                              {"title", current.title},
                              {"link", story->link},
                              {"guid", story->guid},
                              {"feed", {{"url", story->feed_url}, {"name", story->feed_name}}},
                              {"published", time_or_null(story->published)},
                              {"updated", time_or_null(story->updated)},
                              {"first_seen", format_utc(story->first_seen)},
                              {"text", body(current)},
                              {"revisions", std::move(revisions)},
                              {"matches", std::move(found)}};
    out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }

  out << "story " << story->id << ": " << printable(current.title) << "\n";
  out << "link:       " << (story->link.empty() ? "-" : printable(story->link)) << "\n";
  out << "feed:       " << (story->feed_name.empty() ? "" : printable(story->feed_name) + " ")
      << "<" << printable(story->feed_url) << ">\n";
  out << "published:  "
      << (story->published ? format_utc(*story->published) : "- (the feed gives no date)") << "\n";
  if (story->updated) {
    out << "updated:    " << format_utc(*story->updated) << "\n";
  }
  out << "first seen: " << format_utc(story->first_seen) << "\n";
  out << "revisions:  " << story->revisions.size();
  for (const auto& r : story->revisions) {
    out << (r.revision == 1 ? "  (" : ", ") << r.revision << " fetched "
        << format_utc(r.fetched_at);
  }
  out << ")\n\n";
  print_text(body(current), out);
  out << "\nmatches: " << (matches.empty() ? "none" : "") << "\n";
  for (const auto& m : matches) {
    const int revision = revision_of[m.revision_id];
    out << "  " << m.match.claim_id << "  " << to_string(m.match.stance)
        << (m.match.retraction ? " (retraction)" : "") << "  score " << fixed(m.match.score)
        << (revision == current.revision ? "" : "  (revision " + std::to_string(revision) + ")")
        << "\n";
    if (!m.match.rule.empty()) {
      out << "    rule:     " << printable(m.match.rule) << "\n";
    }
    if (!m.match.evidence.empty()) {
      out << "    evidence: \"" << printable(m.match.evidence) << "\"\n";
    }
  }
  return 0;
}

}  // namespace hw::cli
