#include <catch2/catch.hpp>

#include <string>

#include "feeds/date_parser.h"
#include "util/time.h"

namespace {

std::string parsed(const char* text) {
  const auto t = hw::feeds::parse_date(text);
  return t ? hw::format_utc(*t) : "(none)";
}

}  // namespace

TEST_CASE("RFC 822 / 1123 dates", "[dates]") {
  CHECK(parsed("Sun, 19 May 2024 08:30:00 GMT") == "2024-05-19T08:30:00Z");
  CHECK(parsed("Sun, 19 May 2024 08:30:00 +0200") == "2024-05-19T06:30:00Z");
  CHECK(parsed("Sun, 19 May 2024 08:30:00 -0430") == "2024-05-19T13:00:00Z");
  CHECK(parsed("19 May 2024 08:30:00 UT") == "2024-05-19T08:30:00Z");      // no day name
  CHECK(parsed("Sun, 19 May 2024 08:30 Z") == "2024-05-19T08:30:00Z");     // no seconds
  CHECK(parsed("Sun, 19 May 24 08:30:00 GMT") == "2024-05-19T08:30:00Z");  // 2-digit year
  CHECK(parsed("Tue, 19 May 98 08:30:00 GMT") == "1998-05-19T08:30:00Z");
  CHECK(parsed("Thu,  5 Apr 2012 10:00:00 GMT") == "2012-04-05T10:00:00Z");
  CHECK(parsed("Sun, 19 May 2024 08:30:00 +0200 (CEST)") == "2024-05-19T06:30:00Z");
}

TEST_CASE("named and military zones", "[dates]") {
  CHECK(parsed("Mon, 20 May 2024 12:00:00 EST") == "2024-05-20T17:00:00Z");
  CHECK(parsed("Mon, 20 May 2024 12:00:00 EDT") == "2024-05-20T16:00:00Z");
  CHECK(parsed("Mon, 20 May 2024 12:00:00 CST") == "2024-05-20T18:00:00Z");
  CHECK(parsed("Mon, 20 May 2024 12:00:00 CDT") == "2024-05-20T17:00:00Z");
  CHECK(parsed("Mon, 20 May 2024 12:00:00 MST") == "2024-05-20T19:00:00Z");
  CHECK(parsed("Mon, 20 May 2024 12:00:00 MDT") == "2024-05-20T18:00:00Z");
  CHECK(parsed("Mon, 20 May 2024 12:00:00 PST") == "2024-05-20T20:00:00Z");
  CHECK(parsed("Mon, 20 May 2024 12:00:00 PDT") == "2024-05-20T19:00:00Z");
  CHECK(parsed("Mon, 20 May 2024 12:00:00 UTC") == "2024-05-20T12:00:00Z");
  CHECK(parsed("Mon, 20 May 2024 12:00:00 A") == "2024-05-20T13:00:00Z");
  CHECK(parsed("Mon, 20 May 2024 12:00:00 N") == "2024-05-20T11:00:00Z");
  CHECK(parsed("Mon, 20 May 2024 12:00:00 Y") == "2024-05-20T00:00:00Z");
  CHECK(parsed("Mon, 20 May 2024 12:00:00 GMT+02:00") == "2024-05-20T10:00:00Z");
  CHECK(parsed("Mon, 20 May 2024 12:00:00 XYZ") == "(none)");
}

TEST_CASE("RFC 3339 / ISO 8601 / W3C-DTF dates", "[dates]") {
  CHECK(parsed("2024-05-19T23:15:00-05:00") == "2024-05-20T04:15:00Z");
  CHECK(parsed("2024-05-19T23:15:00.123Z") == "2024-05-19T23:15:00Z");
  CHECK(parsed("2024-05-19t23:15:00z") == "2024-05-19T23:15:00Z");
  CHECK(parsed("2024-05-19T23:15Z") == "2024-05-19T23:15:00Z");
  CHECK(parsed("2024-05-19 23:15:00") == "2024-05-19T23:15:00Z");  // no zone: UTC
  CHECK(parsed("2024-05-19") == "2024-05-19T00:00:00Z");
  CHECK(parsed("2024-05") == "2024-05-01T00:00:00Z");
  CHECK(parsed("2024") == "2024-01-01T00:00:00Z");
  CHECK(parsed("2024-02-28T18:14:55-08:00") == "2024-02-29T02:14:55Z");
  CHECK(parsed("  2024-05-19T23:15:00Z\n") == "2024-05-19T23:15:00Z");
}

TEST_CASE("asctime and other orders", "[dates]") {
  CHECK(parsed("Sun Jan  4 16:29:06 2004") == "2004-01-04T16:29:06Z");
  CHECK(parsed("Sun Jul 15 01:16:00 +0000 2012") == "2012-07-15T01:16:00Z");
  CHECK(parsed("Thu Aug 30 2012 17:26:16 +0200") == "2012-08-30T15:26:16Z");
  CHECK(parsed("mer, 16 nov 2022 10:00:00 +0100") == "2022-11-16T09:00:00Z");  // Italian day
  CHECK(parsed("Sat, Dec 16 2023 02:02:33 PM") == "2023-12-16T14:02:33Z");
}

TEST_CASE("month and day names of European languages", "[dates]") {
  // The dates of issue 11: Portuguese feeds went undated and topped every listing.
  CHECK(parsed("Seg, 24 Set 2018 10:00:00 -0300") == "2018-09-24T13:00:00Z");
  CHECK(parsed("Sáb, 06 Out 2018 08:00:00 +0000") == "2018-10-06T08:00:00Z");
  CHECK(parsed("Qua, 05 Dez 2018 12:00:00 GMT") == "2018-12-05T12:00:00Z");
  // Spanish: "mar" is Tuesday here, March elsewhere.
  CHECK(parsed("mar, 16 oct 2018 10:00:00 +0200") == "2018-10-16T08:00:00Z");
  CHECK(parsed("Mié, 02 Ene 2019 09:30:00 +0100") == "2019-01-02T08:30:00Z");
  CHECK(parsed("24 de septiembre de 2018 10:00:00 GMT") == "2018-09-24T10:00:00Z");
  // French, with and without accents and full stops.
  CHECK(parsed("jeu., 14 févr. 2019 18:00:00 +0100") == "2019-02-14T17:00:00Z");
  CHECK(parsed("ven, 02 aout 2019 07:00:00 GMT") == "2019-08-02T07:00:00Z");
  CHECK(parsed("lun, 09 déc 2019 07:00:00 GMT") == "2019-12-09T07:00:00Z");
  CHECK(parsed("mar., 05 mars 2019 07:00:00 GMT") == "2019-03-05T07:00:00Z");
  // German.
  CHECK(parsed("Mo., 24. Sep. 2018 10:00:00 +0200") == "2018-09-24T08:00:00Z");
  CHECK(parsed("Di, 05 MÄR 2019 10:00:00 +0100") == "2019-03-05T09:00:00Z");
  CHECK(parsed("Do, 31 Okt 2019 10:00:00 GMT") == "2019-10-31T10:00:00Z");
  // Italian.
  CHECK(parsed("gio, 13 giu 2019 10:00:00 +0200") == "2019-06-13T08:00:00Z");
  CHECK(parsed("sab, 20 lug 2019 10:00:00 GMT") == "2019-07-20T10:00:00Z");
  CHECK(parsed("dom, 01 dic 2019 10:00:00 GMT") == "2019-12-01T10:00:00Z");
  // Dutch.
  CHECK(parsed("wo, 27 mrt 2019 10:00:00 +0100") == "2019-03-27T09:00:00Z");
  CHECK(parsed("vr, 17 mei 2019 10:00:00 GMT") == "2019-05-17T10:00:00Z");
  // English month-first without a day name still reads "Mar" as March.
  CHECK(parsed("Mar 5 2019 10:00:00 GMT") == "2019-03-05T10:00:00Z");
  // A prefix two months share is not a month.
  CHECK(parsed("lun, 01 jui 2019 10:00:00 GMT") == "(none)");
}

TEST_CASE("garbage is not a date", "[dates]") {
  for (const char* text :
       {"", "not a date at all", "013", "Sun, 16 Dec 2012 1:2:3:4 GMT", "Sun, 16 zzz 2012 11:47:32",
        "Sun, 99 Jun 2009 12:00:00 GMT", "Sun, 16 Dec 2012 11:47:32 +zz:00",
        "9999-12-31T23:59:59-99:99", "2024-13-01", "2023-02-29", "2024-05-19T25:00:00Z",
        "Sun, 31 Feb 2024 10:00:00 GMT"}) {
    INFO(text);
    CHECK(parsed(text) == "(none)");
  }
}
