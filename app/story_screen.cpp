#include "app/story_screen.h"

#include <algorithm>

namespace hw::app {

std::unique_ptr<StoryScreen> StoryScreen::for_claims(const rules::Matcher& matcher) {
  const auto& claims = matcher.claims();
  if (std::ranges::any_of(claims, [](const Claim& c) { return c.required.empty(); })) {
    return nullptr;  // statement claims: see the header
  }
  return std::unique_ptr<StoryScreen>(new StoryScreen(claims));
}

StoryScreen::StoryScreen(std::vector<Claim> claims) : m_claims(std::move(claims)) {}

StoryScreen::~StoryScreen() = default;

std::vector<char> StoryScreen::screen(const std::vector<Story>& stories) {
  std::unique_ptr<rules::Matcher> matcher;
  {
    std::lock_guard lock(m_mutex);
    if (!m_idle.empty()) {
      matcher = std::move(m_idle.back());
      m_idle.pop_back();
    }
  }
  if (!matcher) {
    // The matcher keeps scratch state and caches, so each thread screens with its own.
    matcher = std::make_unique<rules::Matcher>(m_claims);
  }
  std::vector<char> out;
  out.reserve(stories.size());
  for (const Story& story : stories) {
    // A story the word scan refuses is never analysed: that count is the scan's verdict.
    const std::size_t before = matcher->stories_analysed();
    (void)matcher->match(story);
    out.push_back(matcher->stories_analysed() != before ? 1 : 0);
  }
  std::lock_guard lock(m_mutex);
  m_idle.push_back(std::move(matcher));
  return out;
}

}  // namespace hw::app
