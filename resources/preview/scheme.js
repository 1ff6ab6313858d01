// Runs in Postdesk's own script world once a page has loaded: the page's colour scheme is the
// app's theme (`<html data-color-scheme>`), so a site's `@media (prefers-color-scheme: …)` rules
// must follow it. Chromium answers that query from a setting read once at start-up; switching the
// theme later would leave the site's CSS in the old scheme and Postdesk's in the new ("half
// dark"). Each such media rule is rewritten to match the page's scheme (always or never), and
// `color-scheme` follows, so scroll bars and form controls match too.
(function () {
  var scheme = document.documentElement.getAttribute("data-color-scheme");
  if (scheme !== "dark" && scheme !== "light") { return "no scheme"; }
  var dark = scheme === "dark";
  var ALWAYS = "(min-width: 0px)", NEVER = "(grid)";  // a screen is never a grid (tty) device
  var query = /\(\s*prefers-color-scheme\s*:\s*(dark|light)\s*\)/gi;
  var rewritten = 0;
  function follow(rules) {
    for (var i = 0; i < rules.length; i++) {
      var rule = rules[i];
      if (rule.media && typeof rule.media.mediaText === "string") {
        if (rule.postdeskMedia === undefined) { rule.postdeskMedia = rule.media.mediaText; }
        if (/prefers-color-scheme/i.test(rule.postdeskMedia)) {
          rule.media.mediaText = rule.postdeskMedia.replace(query, function (_all, wanted) {
            return (wanted.toLowerCase() === "dark") === dark ? ALWAYS : NEVER;
          });
          rewritten++;
        }
      }
      if (rule.cssRules) { follow(rule.cssRules); }
    }
  }
  for (var s = 0; s < document.styleSheets.length; s++) {
    var rules = null;
    try { rules = document.styleSheets[s].cssRules; } catch (e) { rules = null; }  // another origin's sheet
    if (rules) { follow(rules); }
  }
  if (rewritten) { document.documentElement.style.colorScheme = scheme; }
  return rewritten;
})();
