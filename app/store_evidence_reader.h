#pragma once
// rules::EvidenceReader over the database: the status engine's per-claim snapshot read with
// ClaimLedger::claim_snapshot (a few bounded aggregate queries per match).
#include "rules/claim_engine.h"
#include "storage/store.h"

namespace hw::app {

class StoreEvidenceReader final : public rules::EvidenceReader {
 public:
  explicit StoreEvidenceReader(const storage::Store& store) : m_store(store) {}
  rules::ClaimEvidence read(const std::string& claim_id,
                            const rules::EvidenceStory& story) const override;

 private:
  const storage::Store& m_store;
};

}  // namespace hw::app
