// Charts: a <canvas data-chart-config="JSON"> is drawn from its Chart.js configuration (an
// attribute, because htmx drops <script> elements from swapped content under our CSP).
// Every chart has a table alternative on the page.
(function () {
  function drawCharts(root) {
    if (!window.Chart) return;
    root.querySelectorAll("canvas[data-chart-config]").forEach(function (canvas) {
      if (canvas.dataset.chartDrawn) return;
      new window.Chart(canvas, JSON.parse(canvas.dataset.chartConfig));
      canvas.dataset.chartDrawn = "true";
    });
  }
  document.addEventListener("DOMContentLoaded", function () { drawCharts(document); });
  document.addEventListener("htmx:afterSettle", function (event) { drawCharts(event.target); });
})();
