#pragma once
// The ingest stage of a poll cycle on several threads: bodies arrive from the fetcher in
// completion order (submit), parse threads turn them into PreparedFeeds (hash + parse: pure,
// no database), and ONE writer thread owns the store and writes them strictly in submission
// order. What is stored is therefore exactly what a single thread doing the same steps in
// that order stores (tests/app/test_ingest_pipeline.cpp compares the two databases).
//
// With parse_threads = 0 everything runs inline in submit(), on the caller's thread: the
// sequential reference, and what a one-core machine gets.
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "app/story_screen.h"
#include "feeds/feed_parser.h"
#include "feeds/fetcher.h"
#include "storage/store.h"

namespace hw::app {

// What a parse thread hands to the writer for one polled feed.
struct PreparedFeed {
  std::size_t index = 0;       // into the cycle's polled feeds
  feeds::FetchResult result;   // a Fetched body is released once parsed
  std::string body_hash;       // stable_hash_hex of a Fetched body
  bool same_body = false;      // the body the feed had last time: nothing was parsed
  std::optional<Expected<ParsedFeed>> parsed;  // set when a new body was parsed
  // The parsed items' texts compressed as the store keeps them, made here on a parse thread so
  // the writer thread only binds them (storage::pack_story_texts).
  std::vector<storage::PackedStoryTexts> packed;
  // Per parsed item, when a screen was given: 0 when no claim can match it (StoryScreen).
  std::vector<char> may_match;
  feeds::FeedHints hints;
  std::size_t body_bytes = 0;
};

// Pure: what the poll cycle needs to know about one fetch result before it writes. With a
// `screen`, the parsed items are also screened for stories no claim can match. `body_hash`:
// stable_hash_hex of a fetched body when the caller made it already (else made here).
PreparedFeed prepare_feed(const storage::FeedRecord& feed, std::size_t index,
                          feeds::FetchResult&& result, StoryScreen* screen = nullptr,
                          std::string body_hash = {});

class IngestPipeline {
 public:
  using Prepare = std::function<PreparedFeed(std::size_t, feeds::FetchResult&&)>;
  using Write = std::function<void(PreparedFeed&)>;  // on the writer thread only
  using Commit = std::function<void()>;              // on the writer thread only

  struct Options {
    unsigned parse_threads = 0;  // 0 = all inline on the caller's thread
    // The writer commits when it has written this many body bytes since the last commit,
    // and whenever it has nothing to write (so the write lock is never held while waiting
    // for the network). Inline mode commits after every feed.
    std::size_t commit_bytes = 8u << 20;
    // Prepared feeds waiting for the writer, at most: bounds memory to a few bodies.
    std::size_t max_queued = 4;
  };

  // Every parse thread (default: one fewer than the cores, at least one; none on one core).
  static unsigned default_parse_threads();

  IngestPipeline(Options options, Prepare prepare, Write write, Commit commit);
  // Joins the threads. Work still queued is dropped (finish() was not reached: an exception).
  ~IngestPipeline();
  IngestPipeline(const IngestPipeline&) = delete;
  IngestPipeline& operator=(const IngestPipeline&) = delete;

  // In the order the store must see them. Blocks while max_queued feeds wait. After the
  // writer failed, submissions are dropped; finish() reports the failure.
  void submit(std::size_t index, feeds::FetchResult&& result);
  // Waits until everything submitted is written and committed; rethrows the first exception
  // of a parse thread or the writer.
  void finish();

 private:
  struct Job {
    std::size_t seq;
    std::size_t index;
    feeds::FetchResult result;
  };
  void parse_loop();
  void write_loop();
  void stop_threads();

  Options m_options;
  Prepare m_prepare;
  Write m_write;
  Commit m_commit;

  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<Job> m_jobs;                       // submitted, not yet taken by a parse thread
  std::map<std::size_t, PreparedFeed> m_ready;  // prepared, by sequence number
  std::size_t m_submitted = 0;
  std::size_t m_written = 0;  // the writer's next sequence number
  bool m_stopping = false;   // finish(): no more submissions
  bool m_abandon = false;    // destructor before finish(): drop what is queued
  std::exception_ptr m_error;
  std::vector<std::thread> m_parsers;
  std::thread m_writer;
};

}  // namespace hw::app
