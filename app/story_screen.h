#pragma once
// Which new stories no claim can match, decided on the parse threads while the writer stores
// them, so that the evaluation after ingest neither reads their texts back from the database
// nor scans their words on its one thread (issue 10: most stories concern no claim, and that
// read and scan were most of a cold poll's evaluation).
//
// The matcher refuses such a story with a word scan before any analysis
// (rules::Matcher::stories_analysed); the screen runs the same scan on private matchers built
// from the same claims. For claims with `required` groups that verdict is final: their match
// is a pure function of the claims and the story.
//
// Statement claims are not screened (for_claims returns nullptr). They learn wording as the
// evaluation goes, so a refused story could still match later through its headline; and
// through the matcher's interface the scan cannot be had without the full analysis of the
// stories that pass it, so a screen would analyse those twice and hold a second stance model:
// on the scale corpus (1,000 statement claims, max_in_flight 1) that measured 10.5 s and
// 83.5 MB against 7.0 s and 60.8 MB without it. A scan-only entry point in the matcher
// (rules/matcher.h) would let them be screened too.
#include <memory>
#include <mutex>
#include <vector>

#include "model/story.h"
#include "rules/matcher.h"

namespace hw::app {

class StoryScreen {
 public:
  // A screen for the claims of `matcher` (copied: the evaluation's own matcher is never
  // touched here), or nullptr when they include statement claims (see above).
  static std::unique_ptr<StoryScreen> for_claims(const rules::Matcher& matcher);
  ~StoryScreen();
  StoryScreen(const StoryScreen&) = delete;
  StoryScreen& operator=(const StoryScreen&) = delete;

  // Per story: 1 when some claim may match it, 0 when none can. Safe to call from several
  // threads at once.
  std::vector<char> screen(const std::vector<Story>& stories);

 private:
  explicit StoryScreen(std::vector<Claim> claims);

  std::vector<Claim> m_claims;
  std::mutex m_mutex;
  std::vector<std::unique_ptr<rules::Matcher>> m_idle;  // one per thread that screened at once
};

}  // namespace hw::app
