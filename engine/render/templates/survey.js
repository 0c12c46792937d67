// Saves the answers as a one-row CSV file (the columns of the CSV template), in the page: no
// server, no network. Every question is in the page without this script; it only adds the
// button. Text that a spreadsheet would run as a formula (starting =, +, -, @) is prefixed with
// an apostrophe, which the import removes again.
(function () {
  "use strict";
  var form = document.getElementById("survey");
  var save = document.getElementById("save");
  var problem = document.getElementById("problem");
  var status = document.getElementById("status");
  var columns = form.getAttribute("data-columns").split(" ");

  // The page's messages come in its own language, from the form's data attributes.
  function say(kind, name, value) {
    return form.getAttribute("data-" + kind).split("{" + name + "}").join(value);
  }

  function value(name) {
    var field = form.elements.namedItem(name);
    return field ? String(field.value) : "";
  }

  function cell(text) {
    if (/^[=+\-@\t\r]/.test(text)) {
      text = "'" + text;
    }
    return "\"" + text.replace(/"/g, "\"\"") + "\"";
  }

  function rankProblem() {
    var given = {};
    var places = [];
    for (var i = 0; i < columns.length; i += 1) {
      var name = columns[i];
      var place = name.indexOf("rank_") === 0 ? value(name) : "";
      if (place === "") {
        continue;
      }
      if (given[place]) {
        return say("twice", "place", place);
      }
      given[place] = true;
      places.push(Number(place));
    }
    for (var n = 1; n <= places.length; n += 1) {
      if (!given[String(n)]) {
        return say("skip", "n", String(n));
      }
    }
    return "";
  }

  function stamp() {
    var now = new Date();
    var parts = [now.getFullYear(), now.getMonth() + 1, now.getDate(), now.getHours(),
      now.getMinutes(), now.getSeconds()];
    return parts.map(function (part) { return String(part).padStart(2, "0"); }).join("");
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    problem.textContent = rankProblem();
    status.textContent = "";
    if (problem.textContent) {
      return;
    }
    var row = columns.map(function (name) { return cell(value(name)); });
    var text = "\ufeff" + columns.join(",") + "\r\n" + row.join(",") + "\r\n";
    var name = form.getAttribute("data-file") + "-" + stamp() + ".csv";
    var link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    status.textContent = say("saved", "name", name);
  });
  save.hidden = false;
}());
