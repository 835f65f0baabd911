#pragma once
// Which new stories no claim can match, decided on the parse threads while the writer stores
// them, so that the evaluation after ingest neither reads their texts back from the database
// nor scans their words on its one thread (issue 10: most stories concern no claim, and that
// scan and read were most of a cold poll's evaluation).
//
// The matcher refuses such a story with a word scan before any analysis
// (rules::Matcher::stories_analysed); the screen runs the same scan on private matchers built
// from the same claims, which have learned no wording. Its verdict is therefore "no claim, and
// no wording learned so far, can match this story". Learned wording (statement claims only)
// is compared with the headline alone, so a screened-out story can still match later through
// wording learned after it was screened: the evaluation asks the real matcher about the
// headline (may_match_headline) before taking "no match" as the answer.
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "model/story.h"
#include "rules/matcher.h"

namespace hw::app {

class StoryScreen {
 public:
  // Copies the claims of `matcher` (the evaluation's own matcher is never touched here).
  explicit StoryScreen(const rules::Matcher& matcher);
  ~StoryScreen();
  StoryScreen(const StoryScreen&) = delete;
  StoryScreen& operator=(const StoryScreen&) = delete;

  // Per story: 1 when some claim may match it, 0 when none can (with no learned wording).
  // Safe to call from several threads at once.
  std::vector<char> screen(const std::vector<Story>& stories);

  // Whether the claims include statement claims, the only ones that learn wording: without
  // them a screened-out story is settled.
  bool learns_wording() const { return m_learns; }

 private:
  std::vector<Claim> m_claims;
  bool m_learns = false;
  std::mutex m_mutex;
  std::vector<std::unique_ptr<rules::Matcher>> m_idle;  // one per thread that screened at once
};

// On the evaluation thread, for a story the screen refused: whether `matcher`, with the wording
// it has learned by now, may still match the story. Only the headline can bring in learned
// wording, and a screened-out story's other words match no claim, so the headline alone
// decides; the matcher is asked through match() (no learning) on a story holding only the
// headline.
bool may_match_headline(const rules::Matcher& matcher, const Story& story);

}  // namespace hw::app
