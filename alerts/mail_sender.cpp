#include "alerts/mail_sender.h"
#include "alerts/smtp_password.h"
#include "util/curl_handles.h"

#include <curl/curl.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

namespace hw::alerts {
namespace {

struct Upload {
  const std::string* data;
  std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* up = static_cast<Upload*>(user);
  const std::size_t n = std::min(size * count, up->data->size() - up->offset);
  std::memcpy(buffer, up->data->data() + up->offset, n);
  up->offset += n;
  return n;
}

std::expected<std::string, Error> read_password(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) {
    return std::unexpected(
        Error{"cannot read SMTP password file " + file.string() + ": " + std::strerror(errno)});
  }
  std::string password;
  std::getline(in, password);
  while (!password.empty() && (password.back() == '\r' || password.back() == ' ')) {
    password.pop_back();
  }
  return password;
}

}  // namespace

std::expected<void, Error> send_smtp(const SmtpSettings& s, const std::string& from,
                                     const std::vector<std::string>& to,
                                     const std::string& message) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CurlEasy easy(curl_easy_init());
  if (!easy) {
    return std::unexpected(Error{s.url + ": curl_easy_init failed"});
  }
  CURL* e = easy.get();
  char errbuf[CURL_ERROR_SIZE] = {};
  std::string password;
  if (!s.username.empty()) {
    auto p = read_password(smtp_password_path(s.password_file));
    if (!p) {
      return std::unexpected(p.error());
    }
    password = std::move(*p);
    curl_easy_setopt(e, CURLOPT_USERNAME, s.username.c_str());
    curl_easy_setopt(e, CURLOPT_PASSWORD, password.c_str());
  }
  curl_easy_setopt(e, CURLOPT_URL, s.url.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, s.timeout_ms);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, std::min(s.timeout_ms, 15'000L));
  switch (s.starttls) {
    case SmtpSettings::StartTls::required:
      curl_easy_setopt(e, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
      break;
    case SmtpSettings::StartTls::opportunistic:
      curl_easy_setopt(e, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
      break;
    case SmtpSettings::StartTls::off:
      curl_easy_setopt(e, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_NONE));
      break;
  }
  const std::string mail_from = "<" + from + ">";
  curl_easy_setopt(e, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_slist* list = nullptr;
  for (const auto& r : to) {
    list = curl_slist_append(list, ("<" + r + ">").c_str());
  }
  CurlSlist rcpt(list);
  curl_easy_setopt(e, CURLOPT_MAIL_RCPT, list);
  Upload up{&message};
  curl_easy_setopt(e, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(e, CURLOPT_READDATA, &up);
  curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);

  const CURLcode rc = curl_easy_perform(e);
  // Scrub the password from memory we own before returning.
  std::fill(password.begin(), password.end(), '\0');
  if (rc != CURLE_OK) {
    long code = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
    std::string reason = errbuf[0] ? errbuf : curl_easy_strerror(rc);
    if (code != 0) {
      reason += " (SMTP " + std::to_string(code) + ")";
    }
    return std::unexpected(Error{"SMTP " + s.url + ": " + reason});
  }
  return {};
}

std::expected<void, Error> send_with_sendmail(const std::string& sendmail_path,
                                              const std::string& message) {
  int in[2];
  if (pipe2(in, O_CLOEXEC) != 0) {
    return std::unexpected(Error{"sendmail: pipe: " + std::string(std::strerror(errno))});
  }
  const pid_t pid = fork();
  if (pid < 0) {
    close(in[0]);
    close(in[1]);
    return std::unexpected(Error{"sendmail: fork: " + std::string(std::strerror(errno))});
  }
  if (pid == 0) {
    dup2(in[0], 0);
    execl(sendmail_path.c_str(), sendmail_path.c_str(), "-t", "-oi", nullptr);
    _exit(127);
  }
  close(in[0]);
  // A sendmail that dies early must not kill us with SIGPIPE.
  struct sigaction ignore {
  }, old{};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &old);
  std::size_t done = 0;
  bool write_failed = false;
  while (done < message.size()) {
    const ssize_t n = write(in[1], message.data() + done, message.size() - done);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      write_failed = true;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  close(in[1]);
  sigaction(SIGPIPE, &old, nullptr);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !write_failed) {
    return {};
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    return std::unexpected(Error{"sendmail " + sendmail_path + ": cannot run it"});
  }
  return std::unexpected(Error{"sendmail " + sendmail_path + " exited with status " +
                               std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1)});
}

}  // namespace hw::alerts
