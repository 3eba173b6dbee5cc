/// The page's small script: the search filter with keyboard navigation (`/` focuses it; arrows, Enter, Escape),
/// the menu on narrow screens, expand and collapse all, copy buttons and, with `--try-it`, the request forms. The
/// page works without it; nothing it does loads anything unless a reader sends a try-it request.
enum DocsScript {
    static let javaScript = """
        (function () {
          "use strict";
          var doc = document, search = doc.getElementById("search"), list = doc.getElementById("nav-list");
          var each = function (nodes, f) { Array.prototype.forEach.call(nodes, f); };
          if (search && list) {
            var items = Array.prototype.slice.call(list.querySelectorAll("li[data-search]"));
            var groups = list.querySelectorAll("li.group"), count = doc.getElementById("search-count"), active = -1;
            var shown = function () { return items.filter(function (li) { return !li.hidden; }); };
            var choose = function (index) {
              items.forEach(function (li) { li.classList.remove("active"); });
              var visible = shown();
              if (!visible.length) { active = -1; return; }
              active = (index + visible.length) % visible.length;
              visible[active].classList.add("active");
              visible[active].scrollIntoView({ block: "nearest" });
            };
            var filter = function () {
              var terms = search.value.toLowerCase().split(/\\s+/).filter(Boolean), found = 0;
              items.forEach(function (li) {
                var text = li.getAttribute("data-search");
                var match = terms.every(function (term) { return text.indexOf(term) >= 0; });
                li.hidden = !match;
                if (match) { found += 1; }
              });
              each(groups, function (group) {
                var members = group.querySelectorAll("li[data-search]");
                group.hidden = members.length > 0 && !Array.prototype.some.call(members, function (li) { return !li.hidden; });
              });
              count.textContent = terms.length ? found + " of " + items.length + " operations" : "";
              active = -1;
              if (terms.length) { choose(0); }
            };
            var open = function () {
              var visible = shown(), item = visible[active < 0 ? 0 : active];
              if (!item) { return; }
              var href = item.querySelector("a").getAttribute("href"), target = doc.getElementById(href.slice(1));
              location.hash = href;
              if (target) { target.setAttribute("tabindex", "-1"); target.focus(); }
            };
            search.addEventListener("input", filter);
            search.addEventListener("keydown", function (event) {
              if (event.key === "ArrowDown") { event.preventDefault(); choose(active + 1); }
              else if (event.key === "ArrowUp") { event.preventDefault(); choose(active - 1); }
              else if (event.key === "Enter") { event.preventDefault(); open(); }
              else if (event.key === "Escape") { search.value = ""; filter(); }
            });
            doc.addEventListener("keydown", function (event) {
              var tag = doc.activeElement ? doc.activeElement.tagName : "";
              if (event.key === "/" && !/^(INPUT|TEXTAREA|SELECT)$/.test(tag)) { event.preventDefault(); search.focus(); }
            });
            var query = new URLSearchParams(location.search).get("q");
            if (query) { search.value = query; filter(); }
          }
          var menu = doc.getElementById("menu"), nav = doc.getElementById("nav");
          if (menu && nav) {
            menu.addEventListener("click", function () {
              var opened = nav.classList.toggle("open");
              menu.setAttribute("aria-expanded", opened ? "true" : "false");
            });
            nav.addEventListener("click", function (event) {
              if (event.target.closest("a")) { nav.classList.remove("open"); menu.setAttribute("aria-expanded", "false"); }
            });
          }
          var setAll = function (opened) { each(doc.querySelectorAll("main details"), function (d) { d.open = opened; }); };
          var expand = doc.getElementById("expand-all"), collapse = doc.getElementById("collapse-all");
          if (expand) { expand.addEventListener("click", function () { setAll(true); }); }
          if (collapse) { collapse.addEventListener("click", function () { setAll(false); }); }
          each(doc.querySelectorAll("button.copy"), function (button) {
            button.addEventListener("click", function () {
              var text = button.parentNode.querySelector("pre").textContent;
              var done = function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = "Copy"; }, 1500); };
              if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).then(done); return; }
              var area = doc.createElement("textarea");
              area.value = text; doc.body.appendChild(area); area.select();
              try { doc.execCommand("copy"); done(); } finally { doc.body.removeChild(area); }
            });
          });
          var base = doc.body.getAttribute("data-try-it");
          each(doc.querySelectorAll("form.try-form"), function (form) {
            form.addEventListener("submit", function (event) {
              event.preventDefault();
              var path = form.getAttribute("data-path"), query = [], headers = {};
              each(form.querySelectorAll("input[data-in]"), function (input) {
                var value = input.value, where = input.getAttribute("data-in");
                if (value === "") { return; }
                if (where === "path") { path = path.split("{" + input.name + "}").join(encodeURIComponent(value)); }
                else if (where === "query") { query.push(encodeURIComponent(input.name) + "=" + encodeURIComponent(value)); }
                else if (where === "header") { headers[input.name] = value; }
              });
              var init = { method: form.getAttribute("data-method"), headers: headers };
              var body = form.querySelector("textarea");
              if (body && body.value) { init.body = body.value; headers["Content-Type"] = form.getAttribute("data-content-type"); }
              var output = form.querySelector("output");
              output.textContent = "Sending…";
              fetch(base.replace(/\\/$/, "") + path + (query.length ? "?" + query.join("&") : ""), init)
                .then(function (response) {
                  return response.text().then(function (text) {
                    output.textContent = response.status + " " + response.statusText + "\\n\\n" + text;
                  });
                })
                .catch(function (error) { output.textContent = "The request failed: " + error; });
            });
          });
        })();
        """
}
