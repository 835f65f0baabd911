#include "rules/stance_features.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <numeric>

namespace hw::rules {
namespace {

// Claims longer than this many distinct content words are profiled on their first 64: the
// presence sets are 64-bit masks. One-sentence statements are far shorter.
constexpr std::size_t kMaxClaimTerms = 64;
// A negation negates a claim word found among the kNegationWindow tokens after it: its scope
// runs right ("Banksy was not arrested"); a claim word before it is usually asserted, with the
// negation denying something else ("Gigafactory in Nevada, not Texas").
constexpr std::size_t kNegationWindow = 5;
constexpr std::size_t kFocusSentences = 3;

using CueCounts = std::array<std::uint16_t, kCueCount>;

// What one text (title or body) holds of one claim.
struct Scan {
  std::uint64_t present = 0;
  std::uint64_t bigrams = 0;
  std::vector<std::uint64_t> sentence_terms;  // per sentence: claim terms present
  std::vector<CueCounts> sentence_cues;
  std::vector<std::uint8_t> sentence_negated;  // a negation near a claim word
  // Per sentence: a negation just before a confirming word ("no evidence", "not true", "never
  // confirmed"): a denial worded with the words of confirmation.
  std::vector<std::uint8_t> sentence_negated_confirm;
  CueCounts cues{};
  std::vector<std::uint32_t> claim_positions;   // token indices of claim terms
  std::vector<std::uint32_t> refute_positions;  // token indices of refuting cues
  std::vector<TermId> cue_stems;                // the stem of every cue word, text order
  std::vector<std::uint32_t> tf;                // per claim term
  double norm = 0.0;                            // tf-idf norm of the text
  std::size_t tokens = 0;
};

int claim_term_index(const ClaimProfile& claim, TermId term) {
  if (term == kNoTerm || ((claim.filter >> (term & 63U)) & 1U) == 0) {
    return -1;
  }
  const std::size_t n = std::min(claim.terms.size(), kMaxClaimTerms);
  for (std::size_t k = 0; k < n; ++k) {
    if (claim.terms[k] == term) {
      return static_cast<int>(k);
    }
  }
  return -1;
}

Scan scan(const ClaimProfile& claim, const AnalyzedText& text, const StanceLexicon& lexicon) {
  Scan s;
  const std::size_t sentences = std::max<std::size_t>(text.sentences.size(), 1);
  s.sentence_terms.assign(sentences, 0);
  s.sentence_cues.assign(sentences, CueCounts{});
  s.sentence_negated.assign(sentences, 0);
  s.sentence_negated_confirm.assign(sentences, 0);
  s.tf.assign(claim.terms.size(), 0);
  s.tokens = text.tokens.size();

  std::vector<int> index(text.tokens.size(), -1);
  int previous = -1;
  for (std::size_t i = 0; i < text.tokens.size(); ++i) {
    const std::size_t sentence = std::min<std::size_t>(text.sentence_of[i], sentences - 1);
    const LexiconEntry entry =
        text.stems[i] == kNoTerm ? LexiconEntry{} : lexicon.lookup(text.stems[i]);
    for (std::size_t c = 0; c < kCueCount; ++c) {
      if ((entry.cues >> c) & 1U) {
        ++s.sentence_cues[sentence][c];
        ++s.cues[c];
      }
    }
    if ((entry.cues >> static_cast<unsigned>(Cue::refute)) & 1U) {
      s.refute_positions.push_back(static_cast<std::uint32_t>(i));
    }
    if (entry.cues != 0) {
      s.cue_stems.push_back(text.stems[i]);
    }
    const TermId term = text.terms[i];
    if (term == kNoTerm) {
      continue;
    }
    // The text's tf-idf norm with square-root term frequency (sqrt(tf) x idf): a word
    // repeated in a long story counts less than linearly, and no per-term counts are needed.
    const double idf = entry.idf > 0.0F ? entry.idf : lexicon.default_idf();
    s.norm += idf * idf;
    const int k = claim_term_index(claim, term);
    index[i] = k;
    if (k >= 0) {
      s.claim_positions.push_back(static_cast<std::uint32_t>(i));
      s.present |= 1ULL << k;
      s.sentence_terms[sentence] |= 1ULL << k;
      ++s.tf[static_cast<std::size_t>(k)];
      if (previous >= 0) {
        const auto pair = std::make_pair(claim.terms[static_cast<std::size_t>(previous)], term);
        for (std::size_t b = 0; b < claim.bigrams.size() && b < 64; ++b) {
          if (claim.bigrams[b] == pair) {
            s.bigrams |= 1ULL << b;
          }
        }
      }
    }
    previous = k;
  }
  s.norm = std::sqrt(s.norm);

  constexpr std::size_t kNegatedConfirmWindow = 3;
  const auto confirm = static_cast<unsigned>(Cue::confirm);
  for (const auto n : text.negations) {
    for (std::size_t i = n + 1; i < text.tokens.size() && i <= n + kNegatedConfirmWindow; ++i) {
      if (text.sentence_of[i] != text.sentence_of[n]) {
        break;
      }
      if (text.stems[i] != kNoTerm && ((lexicon.lookup(text.stems[i]).cues >> confirm) & 1U)) {
        auto& flag =
            s.sentence_negated_confirm[std::min<std::size_t>(text.sentence_of[n], sentences - 1)];
        flag = static_cast<std::uint8_t>(std::min(flag + 1, 3));
        break;
      }
    }
  }
  for (const auto n : text.negations) {
    const std::size_t lo = n + 1;
    const std::size_t hi = std::min(text.tokens.size(), n + kNegationWindow + 1);
    for (std::size_t i = lo; i < hi; ++i) {
      if (index[i] >= 0 && text.sentence_of[i] == text.sentence_of[n]) {
        s.sentence_negated[std::min<std::size_t>(text.sentence_of[n], sentences - 1)] = 1;
        break;
      }
    }
  }
  return s;
}

// Tokens between a refuting cue and the nearest claim word of the same sentence; -1 if no
// sentence holds both.
long refute_gap(const Scan& s, const AnalyzedText& text) {
  long best = -1;
  for (const auto r : s.refute_positions) {
    const auto next = std::ranges::lower_bound(s.claim_positions, r);
    const auto consider = [&](std::uint32_t c) {
      if (text.sentence_of[c] != text.sentence_of[r]) {
        return;
      }
      const long gap = c > r ? static_cast<long>(c - r) : static_cast<long>(r - c);
      best = best < 0 ? gap : std::min(best, gap);
    };
    if (next != s.claim_positions.end()) {
      consider(*next);
    }
    if (next != s.claim_positions.begin()) {
      consider(*std::prev(next));
    }
  }
  return best;
}

double weight_of(const ClaimProfile& claim, std::uint64_t mask) {
  if (claim.total_weight <= 0.0) {
    return 0.0;
  }
  double sum = 0.0;
  for (std::size_t k = 0; k < claim.weights.size() && k < kMaxClaimTerms; ++k) {
    if ((mask >> k) & 1ULL) {
      sum += claim.weights[k];
    }
  }
  return sum / claim.total_weight;
}

std::uint32_t mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t h = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL + (a << 6) + (a >> 2));
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ULL;
  h ^= h >> 29;
  return static_cast<std::uint32_t>(h);
}

// Hashed words of a span of tokens (content words and negations), as unigrams and, when
// `bigrams`, consecutive pairs; values scaled so that a long sentence weighs no more than a
// short one.
void add_hashed(const AnalyzedText& text, const std::vector<std::uint8_t>& take_sentence,
                std::uint64_t seed, bool bigrams, unsigned hash_bits, std::vector<Feature>& out) {
  const std::uint32_t mask = (1U << hash_bits) - 1U;
  const std::size_t start = out.size();
  TermId previous = kNoTerm;
  auto negation = text.negations.begin();
  for (std::size_t i = 0; i < text.tokens.size(); ++i) {
    while (negation != text.negations.end() && *negation < i) {
      ++negation;
    }
    const std::size_t sentence = text.sentence_of[i];
    if (sentence >= take_sentence.size() || take_sentence[sentence] == 0) {
      previous = kNoTerm;
      continue;
    }
    TermId term = text.terms[i];
    if (term == kNoTerm && negation != text.negations.end() && *negation == i) {
      term = text.stems[i];
    }
    if (term == kNoTerm) {
      continue;
    }
    out.push_back({kDenseFeatures + (mix(seed, term) & mask), 1.0F});
    if (bigrams && previous != kNoTerm) {
      out.push_back({kDenseFeatures + (mix(seed + 1, mix(previous, term)) & mask), 1.0F});
    }
    previous = term;
  }
  const std::size_t n = out.size() - start;
  if (n > 0) {
    const float scale = 1.0F / std::sqrt(static_cast<float>(n));
    for (std::size_t i = start; i < out.size(); ++i) {
      out[i].value = scale;
    }
  }
}

// Hashed identities of the cue words (and negations) of a whole text, each counted (capped at
// 3): which refuting or hedging word, not only how many. The vocabulary is the lexicon's, so
// the trees cannot learn the development bodies' topics from it. The cue words come from the
// scan, which has looked every token up already.
void add_cue_words(const Scan& scanned, const AnalyzedText& text, std::uint64_t seed,
                   unsigned hash_bits, std::vector<Feature>& out) {
  const std::uint32_t mask = (1U << hash_bits) - 1U;
  std::vector<std::uint32_t> slots;
  slots.reserve(scanned.cue_stems.size() + text.negations.size());
  for (const TermId stem : scanned.cue_stems) {
    slots.push_back(kDenseFeatures + (mix(seed, stem) & mask));
  }
  for (const auto n : text.negations) {
    if (text.stems[n] != kNoTerm) {
      slots.push_back(kDenseFeatures + (mix(seed, text.stems[n]) & mask));
    }
  }
  std::ranges::sort(slots);
  for (std::size_t i = 0; i < slots.size();) {
    std::size_t j = i;
    while (j < slots.size() && slots[j] == slots[i]) {
      ++j;
    }
    out.push_back({slots[i], static_cast<float>(std::min<std::size_t>(j - i, 3)) / 3.0F});
    i = j;
  }
}

}  // namespace

ClaimProfile profile_claim(const AnalyzedText& statement, const StanceLexicon& lexicon) {
  ClaimProfile p;
  TermId previous = kNoTerm;
  for (std::size_t i = 0; i < statement.tokens.size(); ++i) {
    const TermId term = statement.terms[i];
    if (term == kNoTerm) {
      continue;
    }
    if (previous != kNoTerm && previous != term) {
      p.bigrams.emplace_back(previous, term);
    }
    previous = term;
    if (std::ranges::find(p.terms, term) != p.terms.end() || p.terms.size() >= kMaxClaimTerms) {
      continue;
    }
    p.terms.push_back(term);
    p.filter |= 1ULL << (term & 63U);
    p.weights.push_back(lexicon.idf(term));
    const auto& word = statement.tokens[i].text;
    const bool digits = std::ranges::any_of(word, [](char c) { return c >= '0' && c <= '9'; });
    // An acronym kept intact hashes its folded word, which differs from its stem only when
    // the stemmer would have changed it; numbers are the reliable "exact" signal.
    p.exact.push_back(digits);
  }
  std::ranges::sort(p.bigrams);
  p.bigrams.erase(std::unique(p.bigrams.begin(), p.bigrams.end()), p.bigrams.end());
  p.negated = !statement.negations.empty();
  for (const auto stem : statement.stems) {
    if (stem != kNoTerm) {
      p.cues |= lexicon.lookup(stem).cues;
    }
  }
  p.question = statement.question_marks > 0;
  p.total_weight = std::accumulate(p.weights.begin(), p.weights.end(), 0.0);
  std::vector<std::size_t> order(p.terms.size());
  std::iota(order.begin(), order.end(), 0);
  std::ranges::stable_sort(
      order, [&](std::size_t a, std::size_t b) { return p.weights[a] > p.weights[b]; });
  order.resize(std::min<std::size_t>(order.size(), 3));
  p.top = order;
  return p;
}

StanceFeatureExtractor::StanceFeatureExtractor(const StanceLexicon& lexicon, unsigned hash_bits,
                                               BodyWords body_words)
    : m_lexicon(lexicon), m_hash_bits(hash_bits), m_body_words(body_words) {}

PairFeatures StanceFeatureExtractor::extract(const ClaimProfile& claim, const AnalyzedText& title,
                                             const AnalyzedText& body_text) const {
  using namespace feature;
  PairFeatures out;
  // A story with only a title is judged on its title, as its body.
  const bool body_empty = body_text.tokens.empty();
  const AnalyzedText& body = body_empty ? title : body_text;
  const Scan t = scan(claim, title, m_lexicon);
  const Scan b = body_empty ? t : scan(claim, body, m_lexicon);

  // Relatedness.
  double best = 0.0;
  std::size_t best_sentence = 0;
  for (std::size_t s = 0; s < b.sentence_terms.size(); ++s) {
    const double cov = weight_of(claim, b.sentence_terms[s]);
    if (cov > best) {
      best = cov;
      best_sentence = s;
    }
  }
  std::uint64_t lead = 0;
  for (std::size_t s = 0; s < b.sentence_terms.size() && s < 2; ++s) {
    lead |= b.sentence_terms[s];
  }
  const std::uint64_t any = t.present | b.present;
  double dot = 0.0;
  double claim_norm = 0.0;
  for (std::size_t k = 0; k < claim.terms.size() && k < kMaxClaimTerms; ++k) {
    const double w = claim.weights[k];
    claim_norm += w * w;
    dot += w * w * std::sqrt(static_cast<double>(b.tf[k]));
  }
  const double cosine =
      (claim_norm > 0 && b.norm > 0) ? dot / (std::sqrt(claim_norm) * b.norm) : 0.0;
  const std::size_t bigram_count = std::min<std::size_t>(claim.bigrams.size(), 64);
  const double bigrams =
      bigram_count == 0 ? 0.0
                        : std::popcount(t.bigrams | b.bigrams) / static_cast<double>(bigram_count);
  double top = 0.0;
  for (const auto k : claim.top) {
    top += ((any >> k) & 1ULL) ? 1.0 : 0.0;
  }
  top = claim.top.empty() ? 0.0 : top / static_cast<double>(claim.top.size());
  std::size_t exact_total = 0;
  std::size_t exact_found = 0;
  for (std::size_t k = 0; k < claim.exact.size() && k < kMaxClaimTerms; ++k) {
    if (claim.exact[k]) {
      ++exact_total;
      exact_found += ((any >> k) & 1ULL) ? 1 : 0;
    }
  }
  const std::size_t n_terms = std::min(claim.terms.size(), kMaxClaimTerms);
  const double coverage_any = weight_of(claim, any);

  auto& r = out.related;
  r.push_back({bias, 1.0F});
  r.push_back({cov_title, static_cast<float>(weight_of(claim, t.present))});
  r.push_back({cov_body, static_cast<float>(weight_of(claim, b.present))});
  r.push_back({cov_lead, static_cast<float>(weight_of(claim, lead))});
  r.push_back({cov_best_sentence, static_cast<float>(best)});
  r.push_back({feature::cov_any, static_cast<float>(coverage_any)});
  r.push_back({cov_any_squared, static_cast<float>(coverage_any * coverage_any)});
  r.push_back({feature::cosine, static_cast<float>(cosine)});
  r.push_back({feature::bigrams, static_cast<float>(bigrams)});
  r.push_back({top_terms, static_cast<float>(top)});
  r.push_back({exact_terms, exact_total == 0 ? 1.0F
                                             : static_cast<float>(exact_found) /
                                                   static_cast<float>(exact_total)});
  r.push_back(
      {term_fraction,
       n_terms == 0 ? 0.0F : static_cast<float>(std::popcount(any)) / static_cast<float>(n_terms)});
  r.push_back({body_length, static_cast<float>(std::log1p(static_cast<double>(b.tokens)) / 8.0)});
  r.push_back({feature::body_empty, body_empty ? 1.0F : 0.0F});
  out.coverage = coverage_any;

  // Focus: the sentences of the body that carry the claim best.
  std::vector<std::size_t> order(b.sentence_terms.size());
  std::iota(order.begin(), order.end(), 0);
  std::ranges::stable_sort(order, [&](std::size_t x, std::size_t y) {
    return std::popcount(b.sentence_terms[x]) > std::popcount(b.sentence_terms[y]);
  });
  std::vector<std::uint8_t> focus(b.sentence_terms.size(), 0);
  CueCounts focus_cues{};
  std::size_t focus_negated = 0;
  for (std::size_t i = 0; i < order.size() && i < kFocusSentences; ++i) {
    if (b.sentence_terms[order[i]] == 0) {
      break;
    }
    focus[order[i]] = 1;
    for (std::size_t c = 0; c < kCueCount; ++c) {
      focus_cues[c] += b.sentence_cues[order[i]][c];
    }
    focus_negated += b.sentence_negated[order[i]];
  }
  std::size_t claim_sentences = 0;
  std::size_t negated_sentences = 0;
  for (std::size_t s = 0; s < b.sentence_terms.size(); ++s) {
    claim_sentences += weight_of(claim, b.sentence_terms[s]) >= 0.34 ? 1 : 0;
    negated_sentences += b.sentence_negated[s];
  }
  const double sentences = static_cast<double>(std::max<std::size_t>(b.sentence_terms.size(), 1));

  auto& st = out.stance;
  st = r;
  for (std::size_t c = 0; c < kCueCount; ++c) {
    const auto base = static_cast<std::uint32_t>(cue_base + 3 * c);
    const std::size_t in_title = t.cues[c];
    st.push_back({base, static_cast<float>(std::min<std::size_t>(in_title, 2)) / 2.0F});
    st.push_back({base + 1, static_cast<float>(std::min<std::size_t>(focus_cues[c], 3)) / 3.0F});
    st.push_back({base + 2, static_cast<float>(std::min(1.0, b.cues[c] / sentences))});
    if (focus_cues[c] > 0 || in_title > 0) {
      out.cue_mask_focus |= 1U << c;
    }
    if (in_title > 0) {
      out.title_cues |= 1U << c;
    }
  }
  const bool title_negated =
      std::ranges::any_of(t.sentence_negated, [](std::uint8_t v) { return v != 0; });
  st.push_back({negation_title, title_negated ? 1.0F : 0.0F});
  st.push_back(
      {negation_focus, static_cast<float>(std::min<std::size_t>(focus_negated, 2)) / 2.0F});
  st.push_back({negation_body, static_cast<float>(negated_sentences / sentences)});
  st.push_back({question_title, title.question_marks > 0 ? 1.0F : 0.0F});
  st.push_back({quotes_title, static_cast<float>(std::min<std::size_t>(title.quotes, 2)) / 2.0F});
  st.push_back({claim_sentence_share, static_cast<float>(claim_sentences / sentences)});
  // Disagreement: what the sentences that carry the claim say about it.
  double refute_cov = 0.0;
  double negated_cov = 0.0;
  std::size_t denial_sentences = 0;
  const auto refute = static_cast<std::size_t>(Cue::refute);
  for (std::size_t s = 0; s < b.sentence_terms.size(); ++s) {
    const double cov = weight_of(claim, b.sentence_terms[s]);
    const bool refutes = b.sentence_cues[s][refute] > 0;
    if (refutes) {
      refute_cov = std::max(refute_cov, cov);
    }
    if (b.sentence_negated[s] != 0) {
      negated_cov = std::max(negated_cov, cov);
    }
    if (cov >= 0.34 && (refutes || b.sentence_negated[s] != 0)) {
      ++denial_sentences;
    }
  }
  CueCounts lead_cues{};
  for (std::size_t s = 0; s < b.sentence_cues.size() && s < 2; ++s) {
    for (std::size_t c = 0; c < kCueCount; ++c) {
      lead_cues[c] += b.sentence_cues[s][c];
    }
  }
  const long gap = refute_gap(b, body);
  const auto& best_cues = b.sentence_cues[best_sentence];
  const auto capped = [](std::size_t n, std::size_t cap) {
    return static_cast<float>(std::min(n, cap)) / static_cast<float>(cap);
  };
  const auto has_cue = [&](Cue cue) {
    return ((claim.cues >> static_cast<unsigned>(cue)) & 1U) != 0 ? 1.0F : 0.0F;
  };
  st.push_back({refute_claim_sentence, static_cast<float>(refute_cov)});
  st.push_back({negated_claim_sentence, static_cast<float>(negated_cov)});
  st.push_back({refute_distance, gap < 0 ? 0.0F : 1.0F / (1.0F + static_cast<float>(gap))});
  st.push_back({refute_lead, capped(lead_cues[refute], 2)});
  st.push_back({hedge_lead, capped(lead_cues[static_cast<std::size_t>(Cue::hedge)], 3)});
  st.push_back({best_refute, capped(best_cues[refute], 2)});
  st.push_back({best_negated, b.sentence_negated[best_sentence] != 0 ? 1.0F : 0.0F});
  st.push_back({best_hedge, capped(best_cues[static_cast<std::size_t>(Cue::hedge)], 2)});
  st.push_back({best_report, capped(best_cues[static_cast<std::size_t>(Cue::report)], 2)});
  st.push_back({best_correct, capped(best_cues[static_cast<std::size_t>(Cue::correct)], 2)});
  st.push_back({best_position, b.sentence_terms.size() <= 1
                                   ? 0.0F
                                   : static_cast<float>(best_sentence) /
                                         static_cast<float>(b.sentence_terms.size() - 1)});
  st.push_back({denial_share, claim_sentences == 0 ? 0.0F
                                                   : static_cast<float>(denial_sentences) /
                                                         static_cast<float>(claim_sentences)});
  st.push_back({body_quotes, static_cast<float>(std::min(1.0, body.quotes / sentences))});
  st.push_back(
      {body_questions, static_cast<float>(std::min(1.0, body.question_marks / sentences))});
  std::size_t negated_confirm_body = 0;
  std::size_t negated_confirm_focus = 0;
  for (std::size_t s = 0; s < b.sentence_negated_confirm.size(); ++s) {
    negated_confirm_body += b.sentence_negated_confirm[s];
    negated_confirm_focus += focus[s] != 0 ? b.sentence_negated_confirm[s] : 0;
  }
  std::size_t negated_confirm_title = 0;
  for (const auto n : t.sentence_negated_confirm) {
    negated_confirm_title += n;
  }
  st.push_back({negated_confirm_in_title, capped(negated_confirm_title, 1)});
  st.push_back({negated_confirm_in_focus, capped(negated_confirm_focus, 2)});
  st.push_back(
      {negated_confirm_rate, static_cast<float>(std::min(1.0, negated_confirm_body / sentences))});
  st.push_back({claim_hedged, has_cue(Cue::hedge)});
  st.push_back({claim_refuting, has_cue(Cue::refute)});
  st.push_back({claim_negated, claim.negated ? 1.0F : 0.0F});
  st.push_back({claim_question, claim.question ? 1.0F : 0.0F});

  out.negation_near_claim = title_negated || focus_negated > 0;
  out.title_negated = title_negated;

  // Hashed words: the title (with word pairs) and the claim's sentences in the body.
  if (!title.tokens.empty()) {
    const std::vector<std::uint8_t> all(std::max<std::size_t>(title.sentences.size(), 1), 1);
    add_hashed(title, all, 0x7469746CULL, true, m_hash_bits, st);
  }
  if (!body_empty) {
    if (m_body_words == BodyWords::focus) {
      add_hashed(body, focus, 0x666F6375ULL, false, m_hash_bits, st);
    } else {
      add_cue_words(b, body, 0x626F6479ULL, m_hash_bits, st);
    }
  }

  out.evidence_in_title = body_empty || best == 0.0;
  out.evidence_sentence = out.evidence_in_title ? 0 : best_sentence;
  return out;
}

}  // namespace hw::rules
