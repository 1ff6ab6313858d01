// Runs in Postdesk's own script world (the page's scripts are disabled): replace only the
// blocks of the post that changed, so the scroll position stays and images are not reloaded.
if (!window.postdeskPatch) {
  window.postdeskPatch = function (headerHtml, bodyHtml, notice) {
    var header = document.getElementById("postdesk-header");
    var body = document.getElementById("postdesk-body");
    var box = document.getElementById("postdesk-notice");
    if (!header || !body || !box) { return "not-ready"; }
    if (header.dataset.source !== headerHtml) {
      var fresh = document.createElement("template");
      fresh.innerHTML = headerHtml;
      var newHeader = fresh.content.firstElementChild;
      header.innerHTML = newHeader ? newHeader.innerHTML : "";
      header.dataset.source = headerHtml;
    }
    box.textContent = notice;
    box.hidden = !notice;
    var template = document.createElement("template");
    template.innerHTML = bodyHtml;
    var incoming = Array.prototype.slice.call(template.content.childNodes);
    var current = Array.prototype.slice.call(body.childNodes);
    var start = 0;
    while (start < incoming.length && start < current.length &&
           current[start].isEqualNode(incoming[start])) {
      start++;
    }
    var endNew = incoming.length - 1, endOld = current.length - 1;
    while (endNew >= start && endOld >= start && current[endOld].isEqualNode(incoming[endNew])) {
      endNew--; endOld--;
    }
    var anchor = current[endOld + 1] || null;
    for (var i = start; i <= endOld; i++) { body.removeChild(current[i]); }
    for (var j = start; j <= endNew; j++) { body.insertBefore(incoming[j], anchor); }
    return (endOld - start + 1) + ":" + (endNew - start + 1);
  };
}
