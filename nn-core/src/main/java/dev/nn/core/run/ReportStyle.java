package dev.nn.core.run;

/** The report's style sheet, inlined so the page needs nothing else. */
final class ReportStyle {
  private ReportStyle() {}

  static final String CSS = """
      :root { --ink: #1f2933; --dim: #6b7785; --line: #e3e7ec; --bg: #f5f7fa; --panel: #fff;
              --train: #2563eb; --val: #ea580c; --rate: #7c3aed; --reference: #52606d; --grid: #edf0f3;
              --axis: #9aa5b1; --code: #eef1f5; --sunken: #fafbfc; --zero: #b8c1cc; --stale: #92400e;
              --panel-clear: rgba(255, 255, 255, 0); --edge: rgba(0, 0, 0, .18); }
      * { box-sizing: border-box; }
      body { margin: 0; background: var(--bg); color: var(--ink);
             font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
      main { max-width: 940px; margin: 0 auto; padding: 32px 24px 48px; }
      header { margin-bottom: 20px; }
      .kicker { margin: 0; color: var(--dim); font-size: 13px; letter-spacing: .08em; text-transform: uppercase; }
      h1 { margin: 2px 0 8px; font-size: 30px; font-weight: 650; letter-spacing: -.01em; }
      h2 { margin: 0 0 2px; font-size: 18px; font-weight: 600; }
      .overrides { margin: 0 0 8px; color: var(--dim); font-size: 13px; }
      code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
      .overrides code { margin-left: 4px; padding: 1px 6px; border-radius: 4px; background: var(--code);
                        color: var(--ink); }
      nav a { display: inline-block; margin-right: 8px; padding: 3px 10px; border: 1px solid var(--line);
              border-radius: 999px; background: var(--panel); color: var(--train); font-size: 13px;
              text-decoration: none; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
      nav a:hover { border-color: var(--train); }
      .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 12px;
               margin-bottom: 16px; }
      .card, .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px;
                      box-shadow: 0 1px 2px rgba(16, 24, 40, .04); }
      .card { padding: 12px 16px; }
      /* not uppercased: a label may hold a formula (‖w − w′‖) or a run's name, which capitals would change */
      .card-label { color: var(--dim); font-size: 13px; }
      /* a number is never split (1.21882e-9, "under 0.01 s"): the cards are wide enough for eleven digits */
      .card-value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; white-space: nowrap; }
      .card-note { color: var(--dim); font-size: 12px; }
      .panel { padding: 18px 20px 14px; margin-bottom: 16px; }
      .caption { margin: 0 0 8px; color: var(--dim); font-size: 13px; }
      .note { margin: 4px 0; color: var(--dim); }
      .dim { color: var(--dim); font-weight: 400; }
      svg.chart { display: block; width: 100%; height: auto; font-size: 12px; }
      .chart-scroll { overflow-x: auto; }
      ul.legend { display: flex; flex-wrap: wrap; gap: 2px 18px; margin: 0 0 2px; padding: 0; list-style: none;
                  font-size: 13px; }
      ul.legend li { display: inline-flex; align-items: center; gap: 6px; }
      svg.key { flex: none; }
      .swipe-hint { display: none; margin: 2px 0 0; color: var(--dim); font-size: 12px; text-align: right; }
      .grid line { stroke: var(--grid); stroke-width: 1; }
      .axis line { stroke: var(--axis); stroke-width: 1; }
      .tick { fill: var(--dim); font-variant-numeric: tabular-nums; }
      .label { fill: var(--ink); font-size: 13px; }
      .line { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
      .line.train { stroke: var(--train); }
      .line.val { stroke: var(--val); }
      .dot.train { fill: var(--train); }
      .dot.val { fill: var(--val); }
      .line.rate { stroke: var(--rate); }
      .dot.rate { fill: var(--rate); }
      .status { margin: 10px 0 0; color: var(--ink); }
      .stale { color: var(--stale); }
      .badge { display: inline-block; margin-right: 4px; padding: 1px 10px; border-radius: 999px; color: #fff;
               font-size: 13px; font-weight: 600; text-transform: uppercase; letter-spacing: .05em; }
      .status.running .badge { background: #2563eb; }
      .status.completed .badge { background: #15803d; }
      .status.interrupted .badge { background: #b45309; }
      .status.diverged .badge, .status.failed .badge { background: #b91c1c; }
      details summary { cursor: pointer; }
      details summary h2 { display: inline; }
      pre.file { margin: 10px 0 4px; padding: 12px 14px; overflow-x: auto; background: var(--sunken);
                 border: 1px solid var(--line); border-radius: 6px; font-size: 12.5px; line-height: 1.45;
                 font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
      .best { stroke: var(--reference); stroke-width: 1; stroke-dasharray: 4 4; }
      .best-label { fill: var(--reference); font-size: 11px; }
      table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
      th, td { padding: 6px 14px; border-bottom: 1px solid var(--line); }
      th { text-align: left; font-weight: 600; }
      td { text-align: right; }
      table.metrics thead th { color: var(--dim); font-size: 13px; font-weight: 500; text-align: right; }
      table.metrics { min-width: 60%; }
      .scroll { overflow-x: auto; }
      table.confusion td { min-width: 52px; text-align: center; border: 1px solid var(--panel); }
      table.confusion td.zero { color: var(--zero); }
      table.confusion thead th { text-align: center; font-weight: 500; color: var(--dim); }
      table.confusion th.corner { text-align: left; font-size: 12px; }
      table.confusion .sum { color: var(--dim); background: var(--sunken); text-align: right; }
      /* short values stay whole; a path or a run's name wraps only where it has a <wbr>, after a '-', '_' or
         '/' (letting them break anywhere let the table squeeze a column until they broke every few letters); a
         table wider than its box scrolls sideways, its keys staying in view */
      table.differences th, table.differences td { text-align: left; vertical-align: top; }
      table.differences td { white-space: normal; }
      table.differences td.long { min-width: 8em; }
      table.differences .run { white-space: nowrap; }
      table.differences tbody th { font-weight: 500; white-space: nowrap; }
      table.differences tbody th, table.differences thead th:first-child { position: sticky; left: 0;
                                                                           background: var(--panel); }
      table.differences thead .dim { font-size: 12px; }
      footer { margin-top: 24px; color: var(--dim); font-size: 12px; }
      /* on a phone a chart keeps a width at which its ticks can be read and scrolls sideways under its legend,
         with a shadow at the edge where it continues (overlay scroll bars show nothing) and a line saying so;
         a confusion matrix of ten classes tightens to fit */
      @media (max-width: 700px) {
        main { padding: 20px 8px 32px; }
        .panel { padding: 14px 10px 10px; }
        svg.chart { min-width: 640px; }
        .chart-scroll, .scroll {
          background: linear-gradient(to right, var(--panel) 30%, var(--panel-clear)) left / 24px 100% no-repeat local,
                      linear-gradient(to left, var(--panel) 30%, var(--panel-clear)) right / 24px 100% no-repeat local,
                      radial-gradient(farthest-side at 0 50%, var(--edge), transparent) left / 10px 100%
                        no-repeat scroll,
                      radial-gradient(farthest-side at 100% 50%, var(--edge), transparent) right / 10px 100%
                        no-repeat scroll; }
        table.confusion th, table.confusion td { padding: 4px 2px; font-size: 12.5px; }
        table.confusion td { min-width: 0; }
        table.confusion th.corner { font-size: 11px; }
      }
      /* two cards to a row on a phone leave a value some 160 px: "rmse 68.3173" at 22 px ran past its card */
      @media (max-width: 480px) {
        .card-value { font-size: 18px; }
      }
      /* the chart is wider than its box from here down (640 px plus the page's and the panel's padding) */
      @media (max-width: 677px) {
        .swipe-hint { display: block; }
      }
      /* on paper nothing scrolls: what a scroll box would hide past the page's edge (a confusion matrix's total and
         recall columns) is tightened to fit, the page's own margins do the spacing, and a card, a panel that fits on
         a page, a chart and a table row are not split between pages, nor a heading parted from what follows */
      @media print {
        body { background: #fff; font-size: 12px; }
        main { max-width: none; padding: 0; }
        .chart-scroll, .scroll, pre.file { overflow: visible; background: none; }
        pre.file { white-space: pre-wrap; overflow-wrap: anywhere; }
        svg.chart { min-width: 0; }
        .swipe-hint { display: none; }
        /* four cards to a row on paper: a value of eleven characters must fit one */
        .card-value { font-size: 17px; }
        .card, .panel, svg.chart, tr { break-inside: avoid; }
        h2, .caption, ul.legend { break-after: avoid; }
        .panel { box-shadow: none; }
        th, td { padding: 3px 6px; }
        table.confusion th, table.confusion td { padding: 2px 3px; font-size: 10.5px; }
        table.confusion td { min-width: 0; }
        /* nn compare's differences: every run's column on the paper, its values wrapped where they may break */
        /* columns share the paper's width, however many runs: a value wraps within its column */
        table.differences { font-size: 10px; table-layout: fixed; width: 100%; }
        table.differences th:first-child { width: 9.5em; }
        /* on paper a run's name may break anywhere in a column too narrow for its parts, rather than overlap the next */
        table.differences thead .dim { word-break: break-all; }
        table.differences th, table.differences td { padding: 3px 4px; }
        table.differences td, table.differences .run { white-space: normal; }
        table.differences tbody th, table.differences thead th:first-child { position: static; }
      }
      /* a browser or system asking for dark gets the same page in dark colours (every colour above that changes
         is a variable, so light is untouched); on screen only, so that a page printed from a dark browser is still
         dark ink on white paper. Text keeps 4.5:1 against every background it sits on, lines 3:1. The badges keep
         their colours: white on them reads as well on a dark page. */
      @media screen and (prefers-color-scheme: dark) {
        :root { color-scheme: dark;
                --ink: #e6edf3; --dim: #9198a1; --line: #30363d; --bg: #0d1117; --panel: #161b22;
                --train: #60a5fa; --val: #fb923c; --rate: #a78bfa; --reference: #9198a1; --grid: #232a33;
                --axis: #6e7681; --code: #262c36; --sunken: #0d1117; --zero: #8b949e; --stale: #fbbf24;
                --panel-clear: rgba(22, 27, 34, 0); --edge: rgba(255, 255, 255, .16); }
      }
      """;
}
