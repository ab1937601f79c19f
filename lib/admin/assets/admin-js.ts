// The admin's only script, served as <prefix>/assets/admin.<hash>.js (no inline code: the CSP
// allows scripts from the admin's own origin only). Plain ES2017, no dependencies.
export const adminJs = `"use strict";
(function () {
  // Searchable foreign key pickers: typing asks <picker url>?q=... and refills the select,
  // so a table of a million rows never sends a million options.
  document.querySelectorAll("[data-picker]").forEach(function (box) {
    var input = box.querySelector("input[type=search]");
    var select = box.querySelector("select");
    var url = box.getAttribute("data-picker");
    var timer = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(input.value), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            var keep = Array.prototype.filter.call(select.options, function (o) { return o.selected && o.value !== ""; });
            var multiple = select.multiple;
            select.textContent = "";
            if (!multiple && select.getAttribute("data-nullable") === "true") select.add(new Option("---", ""));
            var seen = {};
            keep.forEach(function (o) { seen[o.value] = true; select.add(new Option(o.text, o.value, true, true)); });
            data.options.forEach(function (o) {
              if (seen[o.value]) return;
              var label = multiple ? o.label : o.label + " (#" + o.value + ")";
              select.add(new Option(label, o.value, false, !multiple && keep.length === 0 && select.options.length === 0));
            });
          });
      }, 200);
    });
  });
  // Selects that submit their form as soon as they change (page size).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  // The "select all rows" box of the list page.
  var all = document.querySelector("input[data-select-all]");
  if (all) all.addEventListener("change", function () {
    document.querySelectorAll("input[name=ids]").forEach(function (box) { box.checked = all.checked; });
  });
})();
`;
