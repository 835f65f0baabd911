#include "app/ingest_pipeline.h"

#include <chrono>
#include <variant>

#include "util/hash.h"

namespace hw::app {

PreparedFeed prepare_feed(const storage::FeedRecord& feed, std::size_t index,
                          feeds::FetchResult&& result, StoryScreen* screen,
                          std::string body_hash) {
  PreparedFeed p;
  p.index = index;
  p.result = std::move(result);
  if (!p.result) {
    return p;
  }
  auto* fetched = std::get_if<feeds::Fetched>(&*p.result);
  if (fetched == nullptr) {
    return p;  // 304
  }
  p.body_bytes = fetched->body.size();
  p.body_hash = body_hash.empty() ? stable_hash_hex(fetched->body) : std::move(body_hash);
  if (feed.body_hash == p.body_hash && feed.last_error.empty()) {
    p.same_body = true;  // same bytes as last time: nothing to parse
  } else {
    p.parsed = feeds::parse_feed(fetched->body, fetched->effective_url, fetched->content_type,
                                 &p.hints);
    if (*p.parsed) {
      p.packed = storage::pack_story_texts((*p.parsed)->items);
      if (screen != nullptr) {
        p.may_match = screen->screen((*p.parsed)->items);
      }
    }
  }
  std::string().swap(fetched->body);  // the writer needs the parsed items, not the bytes
  return p;
}

unsigned IngestPipeline::default_parse_threads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores <= 1 ? 0 : cores - 1;
}

IngestPipeline::IngestPipeline(Options options, Prepare prepare, Write write, Commit commit)
    : m_options(options),
      m_prepare(std::move(prepare)),
      m_write(std::move(write)),
      m_commit(std::move(commit)) {
  if (m_options.max_queued == 0) {
    m_options.max_queued = 1;
  }
  if (m_options.parse_threads == 0) {
    return;
  }
  try {
    for (unsigned i = 0; i < m_options.parse_threads; ++i) {
      m_parsers.emplace_back([this] { parse_loop(); });
    }
    m_writer = std::thread([this] { write_loop(); });
  } catch (...) {
    stop_threads();
    throw;
  }
}

IngestPipeline::~IngestPipeline() {
  stop_threads();
}

void IngestPipeline::stop_threads() {
  {
    std::lock_guard lock(m_mutex);
    if (!m_stopping) {
      m_abandon = true;  // finish() was not reached: nothing more gets written
    }
    m_stopping = true;
  }
  m_changed.notify_all();
  for (auto& t : m_parsers) {
    if (t.joinable()) {
      t.join();
    }
  }
  if (m_writer.joinable()) {
    m_writer.join();
  }
}

void IngestPipeline::submit(std::size_t index, feeds::FetchResult&& result) {
  if (m_options.parse_threads == 0) {
    PreparedFeed prepared = m_prepare(index, std::move(result));
    m_write(prepared);
    m_commit();
    return;
  }
  std::unique_lock lock(m_mutex);
  m_changed.wait(lock, [&] {
    return m_error || m_submitted - m_written < m_options.max_queued;
  });
  if (m_error) {
    return;  // finish() reports it
  }
  m_jobs.push_back({m_submitted++, index, std::move(result)});
  m_changed.notify_all();
}

void IngestPipeline::finish() {
  if (m_options.parse_threads == 0) {
    return;
  }
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_changed.notify_all();
  stop_threads();
  if (m_error) {
    std::rethrow_exception(m_error);
  }
}

void IngestPipeline::parse_loop() {
  std::unique_lock lock(m_mutex);
  while (true) {
    m_changed.wait(lock, [&] { return m_abandon || m_error || !m_jobs.empty() || m_stopping; });
    if (m_abandon || m_error || m_jobs.empty()) {
      return;  // (empty here means stopping)
    }
    Job job = std::move(m_jobs.front());
    m_jobs.pop_front();
    lock.unlock();
    std::optional<PreparedFeed> prepared;
    std::exception_ptr error;
    try {
      prepared = m_prepare(job.index, std::move(job.result));
    } catch (...) {
      error = std::current_exception();
    }
    lock.lock();
    if (error) {
      if (!m_error) {
        m_error = error;
      }
    } else {
      m_ready.emplace(job.seq, std::move(*prepared));
    }
    m_changed.notify_all();
  }
}

void IngestPipeline::write_loop() {
  // Waiting longer than this for the next feed means the network is slower than we are: the
  // writes so far are committed rather than holding the write lock while we wait.
  constexpr auto kIdle = std::chrono::milliseconds(20);
  std::size_t bytes = 0;
  bool dirty = false;
  auto fail = [&](std::exception_ptr e) {
    std::lock_guard lock(m_mutex);
    if (!m_error) {
      m_error = e;
    }
    m_changed.notify_all();
  };
  auto commit = [&] {
    m_commit();
    bytes = 0;
    dirty = false;
  };
  std::unique_lock lock(m_mutex);
  while (true) {
    auto next_ready = [&] {
      return m_abandon || m_error || m_ready.contains(m_written) ||
             (m_stopping && m_written == m_submitted);
    };
    if (!next_ready() && dirty) {
      if (!m_changed.wait_for(lock, kIdle, next_ready)) {
        lock.unlock();
        try {
          commit();
        } catch (...) {
          fail(std::current_exception());
          return;
        }
        lock.lock();
        continue;
      }
    }
    m_changed.wait(lock, next_ready);
    if (m_abandon || m_error) {
      return;
    }
    auto node = m_ready.extract(m_written);
    if (node.empty()) {
      break;  // stopping, and everything submitted is written
    }
    lock.unlock();
    try {
      m_write(node.mapped());
      dirty = true;
      bytes += node.mapped().body_bytes;
      if (bytes >= m_options.commit_bytes) {
        commit();
      }
    } catch (...) {
      fail(std::current_exception());
      return;
    }
    node = {};  // the parsed feed's memory goes before the next one is taken
    lock.lock();
    ++m_written;
    m_changed.notify_all();
  }
  lock.unlock();
  try {
    if (dirty) {
      commit();
    }
  } catch (...) {
    fail(std::current_exception());
  }
}

}  // namespace hw::app
