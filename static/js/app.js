// Charts: a <canvas data-chart-config-id="ID"> is drawn from the JSON in
// <script type="application/json" id="ID">. Every chart has a table alternative on the page.
(function () {
  function drawCharts(root) {
    if (!window.Chart) return;
    root.querySelectorAll("canvas[data-chart-config-id]").forEach(function (canvas) {
      if (canvas.dataset.chartDrawn) return;
      var source = document.getElementById(canvas.dataset.chartConfigId);
      if (!source) return;
      new window.Chart(canvas, JSON.parse(source.textContent));
      canvas.dataset.chartDrawn = "true";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
  document.addEventListener("htmx:afterSettle", function (event) { drawCharts(event.target); });
})();
