#include "rules/stance_lexicon.h"

#include <array>
#include <span>
#include <string_view>

namespace hw::rules {
namespace {

// Cue words, from the stance literature (Ferreira & Vlachos 2016 used refuting and hedging
// lists; the FNC-1 baseline the refuting list) and from how corrections are worded. Stemmed
// when the lexicon is built, so "denies", "denied" and "deny" are one cue. A word whose stem is
// a common word's is left out: "doctored" stems to "doctor".
constexpr std::string_view kRefute[] = {
    "fake",       "fakes",       "hoax",         "false",
    "falsely",    "deny",        "denied",       "denies",
    "debunk",     "debunked",    "untrue",       "myth",
    "fabricated", "bogus",       "satire",       "satirical",
    "prank",      "misleading",  "photoshopped", "scam",
    "fraud",      "lie",         "lies",         "lied",
    "incorrect",  "wrong",       "nonsense",     "baseless",
    "unfounded",  "refute",      "refuted",      "dismiss",
    "dismissed",  "reject",      "rejected",     "retract",
    "retracted",  "fiction",     "spoof",        "joke",
    "parody",     "phony",       "fictitious",   "disprove",
    "despite",    "nope",        "neither",      "rebut",
    "rubbish",    "fabrication", "hoaxes",       "misinformation",
    "mistaken",   "erroneous",   "dispute",      "disputed",
    "discredit",  "discredited", "inaccurate",   "unsubstantiated",
    "overblown",  "denial",      "contrary",     "falsehood",
    "rebuff",     "rebuffs",     "rebuffed",     "troll",
    "trolled",    "trolls",      "trolling",     "bs",
    "doubt",      "doubts",      "doubted",      "doubtful",
    "skeptical",  "sceptical",   "hoaxer",       "hoaxed"};
constexpr std::string_view kHedge[] = {
    "reportedly", "allegedly",   "alleged",   "apparently", "purportedly", "supposedly",
    "rumor",      "rumour",      "rumored",   "rumoured",   "claim",       "claims",
    "claimed",    "may",         "might",     "possibly",   "perhaps",     "unconfirmed",
    "unverified", "speculation", "speculate", "suggest",    "suggests",    "appear",
    "appears",    "seem",        "seems",     "likely",     "believed",    "whether",
    "unclear",    "unknown",     "could",     "would",      "if",          "sources",
    "source",     "according",   "expected",  "plans",      "potential"};
constexpr std::string_view kCorrect[] = {
    "clarify", "clarified", "clarification",  "correction",    "corrected",    "actually",
    "fact",    "instead",   "misinterpreted", "misunderstood", "misreported",  "misquoted",
    "context", "explained", "update",         "updated",       "really",       "rather",
    "however", "but",       "although",       "though",        "misleadingly", "exaggerated",
    "exaggeration", "overstated", "misrepresented", "misconstrued"};
constexpr std::string_view kConfirm[] = {
    "confirm",      "confirmed", "confirms", "official", "officially", "announced", "verified",
    "acknowledged", "admitted",  "proof",    "proven",   "evidence",   "indeed",    "true",
    "real",         "authentic", "genuine",  "revealed", "shows",      "showed",    "footage",
    "video",        "photos",    "pictured", "finally",  "now",
    "accurate"};
constexpr std::string_view kReport[] = {
    "said",      "says",      "say",         "told",    "tells",    "according",
    "statement", "spokesman", "spokeswoman", "reports", "reported", "report",
    "reporting", "quoted",    "interview",   "posted",  "wrote",    "tweeted"};

constexpr std::string_view kOfficial[] = {"confirm",  "confirmed", "confirms",     "acknowledged",
                                          "admitted", "verified",  "acknowledges", "admits"};
constexpr std::string_view kClarify[] = {
    "clarify",          "clarified",        "clarifies",   "clarification", "correction",
    "corrected",        "misinterpreted",   "misreported", "misquoted",     "misunderstood",
    "misunderstanding", "mischaracterized", "actually",    "explained"};

constexpr std::string_view kMeta[] = {
    "viral",    "circulating", "circulated", "circulate", "story",    "stories",
    "article",  "articles",    "sites",      "websites",  "website",  "shared",
    "internet", "web",         "online",     "headline",  "headlines", "posts",
    "spread",   "spreading",   "truth",      "actual",    "supposed", "entirely"};

}  // namespace

std::string_view to_string(Cue cue) {
  switch (cue) {
    case Cue::refute:
      return "refuting";
    case Cue::hedge:
      return "hedging";
    case Cue::correct:
      return "correction";
    case Cue::confirm:
      return "confirmation";
    case Cue::report:
      return "attribution";
    case Cue::official:
      return "official";
    case Cue::clarify:
      return "clarifying";
    case Cue::meta:
      return "story-about-the-story";
    case Cue::count:
      break;
  }
  return "?";
}

StanceLexicon::StanceLexicon(TextPipeline& pipeline, float default_idf)
    : m_default_idf(default_idf) {
  auto add = [&](std::span<const std::string_view> words, Cue cue) {
    for (const auto word : words) {
      const TermId stem = term_id_of(pipeline.stem_of(word));
      m_entries[stem].cues |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(cue));
    }
  };
  add(kRefute, Cue::refute);
  add(kHedge, Cue::hedge);
  add(kCorrect, Cue::correct);
  add(kConfirm, Cue::confirm);
  add(kReport, Cue::report);
  add(kOfficial, Cue::official);
  add(kClarify, Cue::clarify);
  add(kMeta, Cue::meta);
  freeze();
}

void StanceLexicon::freeze() {
  std::size_t size = 16;
  unsigned bits = 4;
  while (size < 2 * m_entries.size()) {
    size *= 2;
    ++bits;
  }
  m_table.assign(size, {kNoTerm, LexiconEntry{}});
  m_mask = size - 1;
  m_shift = 64 - bits;
  for (const auto& [term, entry] : m_entries) {
    for (std::size_t i = (term * 0x9E3779B97F4A7C15ULL) >> m_shift;; i = (i + 1) & m_mask) {
      if (m_table[i].first == kNoTerm) {
        m_table[i] = {term, entry};
        break;
      }
    }
  }
}

void StanceLexicon::set_idf(TermId term, float idf) {
  m_entries[term].idf = idf;
}

}  // namespace hw::rules
