#include "rules/source_credibility.h"

namespace hw::rules {

const std::vector<std::string>& default_low_credibility_sites() {
  // General knowledge of the sites, not of any one rumour: a site is listed for what it
  // publishes, and a desk replaces the list in hypewatch.toml (low_credibility_sites).
  static const std::vector<std::string> sites = {
      "abcnews.com.co",
      "activistpost.com",
      "adobochronicles.com",
      "beforeitsnews.com",
      "cap-news.com",
      "christwire.org",
      "clickhole.com",
      "dailybuzzlive.com",
      "dailycurrant.com",
      "duffelblog.com",
      "empirenews.net",
      "empiresports.co",
      "globalresearch.ca",
      "huzlers.com",
      "infowars.com",
      "nationalreport.net",
      "naturalnews.com",
      "neonnettle.com",
      "newsbiscuit.com",
      "newslo.com",
      "newswatch33.com",
      "now8news.com",
      "react365.com",
      "realnewsrightnow.com",
      "stuppid.com",
      "thedailycurrant.com",
      "thelastlineofdefense.org",
      "theonion.com",
      "thespoof.com",
      "veteranstoday.com",
      "whatdoesitmean.com",
      "worldnewsdailyreport.com",
      "yournewswire.com",
  };
  return sites;
}

bool site_listed(std::string_view site, std::span<const std::string> listed) {
  for (const std::string& s : listed) {
    if (site == s ||
        (site.size() > s.size() && site.ends_with(s) && site[site.size() - s.size() - 1] == '.')) {
      return true;
    }
  }
  return false;
}

}  // namespace hw::rules
