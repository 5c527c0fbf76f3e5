/// The look of the HTML pages: one inline style sheet and the series colours.
enum ReportStyle {
    /// The ensemble's colour: near-black, so it stands out from the strategies.
    static let ensembleColor = "#1f2937"
    /// Strategy colours (Tableau 10), distinguishable from each other and for most colour-blind readers.
    static let palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
                          "#9c755f", "#bab0ac"]
    /// The fill and edge of drawdown areas.
    static let drawdownColor = "#d1495b"

    /// The colour of the strategy at `index` among the strategies (the palette repeats after ten).
    static func strategyColor(_ index: Int) -> String { palette[index % palette.count] }

    static let css = """
    :root { --ink: #1f2937; --muted: #6b7280; --rule: #e5e7eb; --panel: #ffffff; --page: #f6f7f9; --neg: #b42318; }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--page); color: var(--ink);
           font: 14px/1.45 "Inter", "Segoe UI", "Helvetica Neue", "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
    main { max-width: 1240px; margin: 0 auto; padding: 28px 24px 48px; }
    h1 { font-size: 24px; margin: 0 0 4px; font-weight: 650; letter-spacing: -0.01em; }
    h2 { font-size: 17px; margin: 32px 0 12px; font-weight: 620; }
    h3 { font-size: 15px; margin: 0; font-weight: 620; display: flex; align-items: center; gap: 8px; }
    .subtitle { color: var(--muted); margin: 0 0 16px; }
    .facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(220px, 1fr)); gap: 6px 24px;
             background: var(--panel); border: 1px solid var(--rule); border-radius: 8px; padding: 14px 18px; margin: 0; }
    .facts div { display: flex; gap: 8px; min-width: 0; }
    .facts dt { color: var(--muted); white-space: nowrap; }
    .facts dd { margin: 0; font-weight: 560; overflow-wrap: anywhere; }
    .panel { background: var(--panel); border: 1px solid var(--rule); border-radius: 8px; padding: 16px 18px; }
    .scroll { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
    th, td { padding: 6px 6px; border-bottom: 1px solid var(--rule); white-space: nowrap; }
    td { font-size: 13px; }
    th { font-size: 11.5px; font-weight: 600; color: var(--muted); text-align: right; background: #fafafa; }
    td.num { text-align: right; }
    th.text, td.text { text-align: left; }
    td.neg { color: var(--neg); }
    td.na { color: #b8bcc4; text-align: right; }
    tr.ensemble td { font-weight: 650; background: #f3f4f6; }
    tbody tr:hover td { background: #f9fafb; }
    .definitions { color: var(--muted); font-size: 12px; margin: 10px 0 0; columns: 2 420px; }
    .definitions div { break-inside: avoid; }
    .definitions b { color: var(--ink); font-weight: 600; }
    .swatch { display: inline-block; width: 12px; height: 12px; border-radius: 3px; flex: none; }
    .legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin: 8px 0 0; font-size: 12.5px; }
    .legend span { display: inline-flex; align-items: center; gap: 6px; }
    .book { margin-top: 16px; }
    .book-head { display: flex; justify-content: space-between; align-items: baseline; flex-wrap: wrap; gap: 8px;
                 margin-bottom: 8px; }
    .headline { color: var(--muted); font-size: 13px; font-variant-numeric: tabular-nums; }
    .headline b { color: var(--ink); font-weight: 600; margin-left: 3px; }
    .headline span { margin-left: 16px; }
    .charts { display: grid; grid-template-columns: 3fr 2fr; gap: 18px; }
    .chart-title { font-size: 12px; color: var(--muted); margin: 0 0 2px; text-transform: uppercase; letter-spacing: .04em; }
    svg { display: block; width: 100%; height: auto; }
    svg text { font: 11px "Liberation Sans", "DejaVu Sans", Arial, sans-serif; fill: #6b7280; }
    svg .grid { stroke: #eceef1; stroke-width: 1; }
    svg .axis { stroke: #c5c9d0; stroke-width: 1; }
    svg .line { fill: none; stroke-width: 1.4; stroke-linejoin: round; }
    svg .baseline { stroke: #9ca3af; stroke-width: 1; stroke-dasharray: 3 3; }
    td.message { white-space: pre-wrap; overflow-wrap: anywhere; min-width: 320px; width: 100%; }
    .note { color: var(--muted); font-size: 13px; }
    footer { color: var(--muted); font-size: 12px; margin-top: 36px; }
    @media (max-width: 900px) { .charts { grid-template-columns: 1fr; } }
    """
}
