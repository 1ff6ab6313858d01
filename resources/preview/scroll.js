// Scroll sync, in Postdesk's own script world: a file line ↔ a scroll offset of the preview.
// Python sends the (kind, line) of each top-level source block (core/source_map.py); the body's
// elements are matched to them by kind, in order, skipping what one side has and the other not
// (a definition list, the footnotes). Lines between matched blocks are interpolated.
if (!window.postdeskScroll) {
  window.postdeskScroll = (function () {
    var map = { blocks: [], bodyLine: 0, lineCount: 1 };
    var anchors = null; // [{line, el}], rebuilt after each patch
    var drivenUntil = 0; // scroll events before then were caused by Postdesk, not the user
    var userScrolledAt = 0; // the user's own scrolling wins over the editor's for a moment
    var USER_WINS_MS = 400;
    var reporting = false;
    var LOOKAHEAD = 8;

    function kindOf(el) {
      var tag = el.tagName.toLowerCase();
      return tag === "div" && el.classList.contains("codehilite") ? "pre" : tag;
    }

    function matchBlocks() {
      var body = document.getElementById("postdesk-body");
      var children = body ? body.children : [];
      var blocks = map.blocks, found = [], next = 0;
      for (var i = 0; i < children.length; i++) {
        var kind = kindOf(children[i]);
        var end = Math.min(next + LOOKAHEAD, blocks.length);
        for (var k = next; k < end; k++) {
          if (blocks[k][0] === kind) {
            found.push({ line: blocks[k][1], el: children[i] });
            next = k + 1;
            break;
          }
        }
      }
      return found;
    }

    // (line, y) points increasing in both: page top, body start, matched blocks, page end.
    function points() {
      if (anchors === null) { anchors = matchBlocks(); }
      var top = window.scrollY;
      var raw = [{ line: 0, y: 0 }];
      var body = document.getElementById("postdesk-body");
      if (body) { raw.push({ line: map.bodyLine, y: body.getBoundingClientRect().top + top }); }
      for (var i = 0; i < anchors.length; i++) {
        raw.push({ line: anchors[i].line, y: anchors[i].el.getBoundingClientRect().top + top });
      }
      raw.push({ line: map.lineCount, y: document.documentElement.scrollHeight });
      var out = [raw[0]];
      for (var j = 1; j < raw.length; j++) {
        var last = out[out.length - 1];
        if (raw[j].line > last.line && raw[j].y >= last.y) { out.push(raw[j]); }
      }
      return out;
    }

    function interpolate(pts, from, value, to) {
      var i = 0;
      while (i + 1 < pts.length && pts[i + 1][from] <= value) { i++; }
      if (i + 1 >= pts.length) { return pts[i][to]; }
      var a = pts[i], b = pts[i + 1];
      var span = b[from] - a[from];
      return a[to] + (span > 0 ? (value - a[from]) / span : 0) * (b[to] - a[to]);
    }

    function lineAtTop() {
      return interpolate(points(), "y", window.scrollY, "line");
    }

    window.addEventListener("scroll", function () {
      if (Date.now() < drivenUntil) { return; }
      userScrolledAt = Date.now();
      if (reporting) { return; }
      reporting = true;
      requestAnimationFrame(function () {
        reporting = false;
        console.log("postdesk:scroll " + lineAtTop().toFixed(3));
      });
    }, { passive: true });

    return {
      setMap: function (blocks, bodyLine, lineCount) {
        map = { blocks: blocks, bodyLine: bodyLine, lineCount: Math.max(lineCount, 1) };
        anchors = null;
      },
      scrollToLine: function (line) {
        // A page update can arrive while the user scrolls the page, before the editor has heard.
        if (Date.now() - userScrolledAt < USER_WINS_MS) { return window.scrollY; }
        var y = Math.round(interpolate(points(), "line", line, "y"));
        if (Math.abs(window.scrollY - y) >= 1) {
          drivenUntil = Date.now() + 200;
          window.scrollTo(0, y);
        }
        return window.scrollY;
      },
      lineAtTop: lineAtTop,
    };
  })();
}
