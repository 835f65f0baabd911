#include "rules/source_credibility.h"

namespace hw::rules {

const std::vector<std::string>& default_low_credibility_sites() {
  // General knowledge of the sites, not of any one rumour: a site is listed for what it
  // publishes (satire, made-up news, addresses dressed as a news outlet's such as
  // "usatoday.com.co"), and a desk adds to or replaces the list in hypewatch.toml ([sources]).
  static const std::vector<std::string> sites = {
      "abcnews.com.co",
      "activistpost.com",
      "adobochronicles.com",
      "americannews.com",
      "beforeitsnews.com",
      "bloomberg.ma",
      "cap-news.com",
      "christwire.org",
      "clickhole.com",
      "dailybuzzlive.com",
      "dailycurrant.com",
      "dailymash.co.uk",
      "dailysquib.co.uk",
      "denverguardian.com",
      "duffelblog.com",
      "empirenews.net",
      "empiresports.co",
      "globalresearch.ca",
      "huzlers.com",
      "infowars.com",
      "libertywritersnews.com",
      "nationalreport.net",
      "naturalnews.com",
      "neonnettle.com",
      "newsbiscuit.com",
      "newslo.com",
      "newsthump.com",
      "newswatch33.com",
      "now8news.com",
      "react365.com",
      "realnewsrightnow.com",
      "scrappleface.com",
      "stuppid.com",
      "thebeaverton.com",
      "thedailycurrant.com",
      "thelapine.ca",
      "thelastlineofdefense.org",
      "theonion.com",
      "theracketreport.com",
      "thespoof.com",
      "usatoday.com.co",
      "veteranstoday.com",
      "washingtonpost.com.co",
      "waterfordwhispersnews.com",
      "weeklyworldnews.com",
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
