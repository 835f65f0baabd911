#include "alerts/mime_message.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "util/hash.h"

namespace hw::alerts {
namespace {

std::string base64(const std::string& in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  while (i + 2 < in.size()) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
    i += 3;
  }
  if (i + 1 == in.size()) {
    const unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    const unsigned v =
        (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

// base64 in lines of 76 characters (RFC 2045).
std::string base64_lines(const std::string& in) {
  const std::string b = base64(in);
  std::string out;
  for (std::size_t i = 0; i < b.size(); i += 76) {
    out += b.substr(i, 76);
    out += "\r\n";
  }
  return out;
}

bool is_ascii(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80 || c == '\r' || c == '\n') {
      return false;
    }
  }
  return true;
}

// Header values never carry CR/LF from data: that would inject headers.
std::string header_safe(const std::string& s) {
  std::string out;
  for (char c : s) {
    out += (c == '\r' || c == '\n') ? ' ' : c;
  }
  return out;
}

// RFC 2047: an encoded word is at most 75 characters and a line holding one at most 76, and a
// word must decode on its own, so no UTF-8 character is split between two words. 39 bytes make
// 52 base64 characters, a 64-character word, and a first line "Subject: " + word of 73.
constexpr std::size_t kEncodedWordBytes = 39;

std::string encode_subject(const std::string& s) {
  const std::string clean = header_safe(s);
  if (is_ascii(clean)) {
    return clean;
  }
  std::string out;
  std::size_t start = 0;
  while (start < clean.size()) {
    std::size_t end = std::min(clean.size(), start + kEncodedWordBytes);
    // Back off to the start of a character (continuation bytes are 10xxxxxx).
    while (end < clean.size() && end > start + 1 &&
           (static_cast<unsigned char>(clean[end]) & 0xC0) == 0x80) {
      --end;
    }
    out += (out.empty() ? "" : "\r\n ") + std::string("=?UTF-8?B?") +
           base64(clean.substr(start, end - start)) + "?=";
    start = end;
  }
  return out;
}

}  // namespace

std::string rfc5322_date(TimePoint t) {
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd{days};
  const std::chrono::weekday wd{days};
  const std::chrono::hh_mm_ss hms{t - days};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02ld:%02ld:%02ld +0000", kDays[wd.c_encoding()],
                unsigned(ymd.day()), kMonths[unsigned(ymd.month()) - 1], int(ymd.year()),
                long(hms.hours().count()), long(hms.minutes().count()),
                long(hms.seconds().count()));
  return buf;
}

std::string build_mime_message(const MailEnvelope& e, const std::string& text,
                               const std::string& html) {
  const std::string boundary = "hypewatch-" + stable_hash_hex(e.message_id + text);
  std::string to;
  for (const auto& r : e.to) {
    to += (to.empty() ? "" : ", ") + header_safe(r);
  }
  std::string m;
  m += "From: " + header_safe(e.from) + "\r\n";
  m += "To: " + to + "\r\n";
  m += "Subject: " + encode_subject(e.subject) + "\r\n";
  m += "Date: " + rfc5322_date(e.date) + "\r\n";
  m += "Message-ID: " + header_safe(e.message_id) + "\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Auto-Submitted: auto-generated\r\n";
  m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
  m += "\r\n";
  m += "--" + boundary + "\r\n";
  m += "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  m += base64_lines(text);
  m += "--" + boundary + "\r\n";
  m += "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  m += base64_lines(html);
  m += "--" + boundary + "--\r\n";
  return m;
}

}  // namespace hw::alerts
