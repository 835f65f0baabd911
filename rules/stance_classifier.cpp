#include "rules/stance_classifier.h"

#include <cmath>
#include <cstdio>
#include <optional>

namespace hw::rules {
namespace {

std::string sentence_text(std::string_view text, const AnalyzedText& analyzed, std::size_t s) {
  if (analyzed.sentences.empty()) {
    return std::string(text.substr(0, 300));
  }
  const Span span = analyzed.sentences[std::min(s, analyzed.sentences.size() - 1)];
  std::string out;
  bool space = false;
  for (std::size_t i = span.begin; i < span.end; ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) {
      out += ' ';
    }
    space = false;
    out += c;
  }
  if (out.size() > 300) {
    // Cut on a code point boundary.
    std::size_t cut = 297;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) {
      --cut;
    }
    out = out.substr(0, cut) + "\xE2\x80\xA6";
  }
  return out;
}

double round2(double x) {
  return std::round(x * 100.0) / 100.0;
}

// Sets the stance from the class probabilities `p` (StanceClass order), the score
// (`scale` x P(stance)) and what fired.
// Whether a headline ends by asking: its last character, closing quotes aside, is '?'.
bool asks(std::string_view headline) {
  const auto end = headline.find_last_not_of(" \t\r\n\"'");
  return end != std::string_view::npos && headline[end] == '?';
}

void finish_stance(StanceVerdict& v, const PairFeatures& f, const std::vector<double>& p,
                   double scale) {
  std::size_t best = 0;
  for (std::size_t c = 1; c < p.size(); ++c) {
    if (p[c] > p[best]) {
      best = c;
    }
  }
  switch (static_cast<StanceClass>(best)) {
    case StanceClass::supports:
      v.stance = Stance::supports;
      break;
    case StanceClass::refutes:
      v.stance = Stance::refutes;
      break;
    case StanceClass::mentions:
      v.stance = Stance::mentions;
      break;
  }
  auto has = [&](Cue cue) { return (f.cue_mask_focus >> static_cast<unsigned>(cue)) & 1U; };
  // The model learned agree/disagree/discuss; the two finer stances are read off the words of
  // the claim's sentences: a denial worded as a correction says what actually happened, and
  // an agreement citing an official confirmation is one.
  if (v.stance == Stance::refutes && has(Cue::clarify)) {
    v.stance = Stance::clarifies;
  } else if (v.stance == Stance::supports && has(Cue::official)) {
    v.stance = Stance::confirms;
  }
  v.score = round2(scale * (p.empty() ? 1.0 : p[best]));
  std::string fired;
  for (std::size_t c = 0; c < kCueCount; ++c) {
    if ((f.cue_mask_focus >> c) & 1U) {
      fired += (fired.empty() ? "" : ", ") + std::string(to_string(static_cast<Cue>(c))) + " cue";
    }
  }
  if (f.negation_near_claim) {
    fired += (fired.empty() ? "" : ", ") + std::string("negation near claim words");
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, " p=%.2f", p.empty() ? 1.0 : p[best]);
  v.features += (v.features.empty() ? "" : "; ") + std::string(to_string(v.stance)) + buffer +
                (fired.empty() ? std::string() : " (" + fired + ")");
}

}  // namespace

StanceClassifier::StanceClassifier(const StanceModel& model)
    : m_model(model),
      m_lexicon(m_pipeline, model.default_idf),
      m_extractor(m_lexicon, model.hash_bits, model.body_words) {
  for (const auto& [stem, idf] : model.idf) {
    m_lexicon.set_idf(term_id_of(stem), idf);
  }
  m_lexicon.freeze();
}

ClaimProfile StanceClassifier::profile(std::string_view statement) {
  return profile_claim(m_pipeline.analyze(statement), m_lexicon);
}

StanceVerdict StanceClassifier::classify(const ClaimProfile& claim, std::string_view title,
                                         std::string_view body) {
  const AnalyzedText t = m_pipeline.analyze(title);
  const AnalyzedText b = m_pipeline.analyze(body);
  return classify(claim, title, t, body, b);
}

StanceVerdict StanceClassifier::judge_stance(const ClaimProfile& claim,
                                             std::string_view title_text,
                                             const AnalyzedText& title,
                                             std::string_view body_text,
                                             const AnalyzedText& body) const {
  StanceVerdict v;
  v.related = true;
  v.related_probability = 1.0;
  const AnalyzedText empty;
  // Each model sees the text it was trained on: the headline model a headline alone, the body
  // model a body alone (FNC-1 pairs have no headline of their own).
  std::vector<double> p;
  std::optional<PairFeatures> title_f;
  std::optional<PairFeatures> body_f;
  if (!title.tokens.empty()) {
    title_f = m_extractor.extract(claim, title, empty);
    p = m_model.stance_title.probabilities(title_f->stance);
    if (asks(title_text)) {
      // A headline that asks ("Is the alleged audio a hoax?") is not a denial: its P(refutes)
      // counts as P(mentions) (docs/stance.md, "Headlines that ask").
      const auto refutes = static_cast<std::size_t>(StanceClass::refutes);
      p[static_cast<std::size_t>(StanceClass::mentions)] += p[refutes];
      p[refutes] = 0.0;
    }
  }
  if (!body.tokens.empty()) {
    body_f = m_extractor.extract(claim, empty, body);
    const auto pb = m_model.stance_body.probabilities(body_f->stance);
    if (p.empty()) {
      p = pb;
    } else {
      for (std::size_t c = 0; c < p.size(); ++c) {
        p[c] = 0.5 * (p[c] + pb[c]);
      }
    }
  }
  if (p.empty()) {
    v.stance = Stance::mentions;
    return v;
  }
  // Evidence and cues: the body's best sentence when the body carries the claim, else the title.
  const bool use_body = body_f && (!title_f || body_f->coverage >= title_f->coverage);
  const PairFeatures& f = use_body ? *body_f : *title_f;
  v.evidence = use_body ? sentence_text(body_text, body, f.evidence_sentence)
                        : sentence_text(title_text, title, 0);
  v.features = title_f && body_f ? "headline+body" : (title_f ? "headline" : "body");
  finish_stance(v, f, p, 1.0);
  return v;
}

double StanceClassifier::related_probability(const ClaimProfile& claim, const AnalyzedText& title,
                                             const AnalyzedText& body) const {
  const auto features = m_extractor.extract(claim, title, body);
  return m_model.related.probabilities(features.related)[1];
}

StanceVerdict StanceClassifier::classify(const ClaimProfile& claim, std::string_view title_text,
                                         const AnalyzedText& title, std::string_view body_text,
                                         const AnalyzedText& body) const {
  StanceVerdict v;
  const PairFeatures f = m_extractor.extract(claim, title, body);
  v.related_probability = m_model.related.probabilities(f.related)[1];
  v.related = v.related_probability >= m_model.related_threshold;
  v.evidence = f.evidence_in_title ? sentence_text(title_text, title, 0)
                                   : sentence_text(body_text, body, f.evidence_sentence);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", v.related_probability);
  v.features = std::string("related ") + buffer;
  if (!v.related) {
    v.score = round2(v.related_probability);
    return v;
  }
  const ClassModel& stance_model =
      body.tokens.empty() ? m_model.stance_title : m_model.stance_body;
  const auto p = stance_model.probabilities(f.stance);
  finish_stance(v, f, p, v.related_probability);
  return v;
}

}  // namespace hw::rules
