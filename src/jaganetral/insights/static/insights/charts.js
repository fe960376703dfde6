/* Charts and the map of the statistics pages, drawn with the vendored Apache ECharts. The figures
   come from JSON blocks the server wrote into the page (json_script); every bar and area leads to
   the list or the region behind it. No data leaves the page; the boundaries are local files. */
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function go(url) { if (url) { window.location.href = url; } }
  var charts = [];

  function drawGroup(el, result) {
    var items = (result.items || []).slice(0, 15);
    var line = el.getAttribute("data-kind") === "line";
    if (line) { items = (result.items || []).slice().sort(function (a, b) { return a.key < b.key ? -1 : 1; }); }
    else { items = items.slice().reverse(); }
    el.style.height = line ? "260px" : Math.max(160, 28 * items.length + 40) + "px";
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    var labels = items.map(function (i) { return i.label; });
    var values = items.map(function (i) { return i.count; });
    var category = { type: "category", data: labels, axisLabel: { width: 140, overflow: "truncate" } };
    var value = { type: "value", minInterval: 1 };
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 16, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis" },
      xAxis: line ? category : value,
      yAxis: line ? value : category,
      series: [{ type: line ? "line" : "bar", data: values, itemStyle: { color: "#0b5e3b" } }]
    });
    chart.on("click", function (p) { go(items[p.dataIndex] && items[p.dataIndex].href); });
    charts.push(chart);
  }

  function drawMap(el, map) {
    var rateBox = document.querySelector("[data-map-rate]");
    window.fetch(map.geo).then(function (r) { return r.json(); }).then(function (geo) {
      window.echarts.registerMap("wilayah-" + map.level, geo);
      var chart = window.echarts.init(el, null, { renderer: "svg" });
      var byCode = {};
      map.items.forEach(function (i) { byCode[i.code] = i; });
      function option(rate) {
        var values = map.items.map(function (i) { return rate ? i.per10k : i.value; }).filter(function (v) { return v !== null; });
        var max = values.length ? Math.max.apply(null, values) : 1;
        return {
          animation: false,
          tooltip: {
            trigger: "item",
            formatter: function (p) {
              var i = byCode[p.name];
              var name = (geo.features.find(function (f) { return f.properties.code === p.name; }) || { properties: { name: p.name } }).properties.name;
              if (!i) { return name + ": 0"; }
              return name + ": " + (rate ? (i.per10k === null ? "—" : i.per10k + " / 10.000 ASN") : i.text);
            }
          },
          visualMap: { min: 0, max: max || 1, left: 0, bottom: 0, calculable: false, itemHeight: 80,
                       inRange: { color: ["#e6f4ea", "#0b5e3b"] }, text: [String(max), "0"] },
          series: [{
            type: "map", map: "wilayah-" + map.level, nameProperty: "code", roam: true,
            emphasis: { label: { show: false } },
            data: map.items.map(function (i) { return { name: i.code, value: rate ? i.per10k : i.value }; })
          }]
        };
      }
      chart.setOption(option(false));
      if (rateBox) { rateBox.addEventListener("change", function () { chart.setOption(option(rateBox.checked), true); }); }
      chart.on("click", function (p) { var i = byCode[p.name]; if (i) { go(i.drill || i.href); } });
      charts.push(chart);
      el.setAttribute("data-ready", "1");
    });
  }

  function init() {
    if (!window.echarts) { return; }
    var groups = data("insights-groups") || {};
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var result = groups[el.getAttribute("data-chart")];
      if (result && result.items.length) { drawGroup(el, result); }
    });
    var map = data("insights-map");
    var el = document.querySelector("[data-map]");
    if (map && el) { drawMap(el, map); }
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
