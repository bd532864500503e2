"""The report's stylesheet, inlined into every HTML file so it opens anywhere, offline.

Calm and plain: warm paper, one ink colour, a teal for the enabler path and
an amber-brown for the barrier path (both above 4.5:1 against white), and
the trainee's own path in deep blue. Fonts are whatever the reader has: the
Atkinson Hyperlegible face if installed, else the system's; nothing is fetched.
"""

from __future__ import annotations

from simulator.palette import PATH_COLOURS

CSS = """
:root {
  --ink: #1f2933; --muted: #52606d; --paper: #f7f5f0; --card: #ffffff; --rule: #e4dfd5;
  @PATHS@; --mixed: #6b5b12;
  --good-bg: #e6f4f1; --hard-bg: #fbeee4; --mark: #fde68a;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: var(--paper); color: var(--ink);
  font: 16px/1.55 "Atkinson Hyperlegible", system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.page { max-width: 1000px; margin: 0 auto; padding: 40px 28px 56px; }
h1, h2, h3, h4 { line-height: 1.25; margin: 0; }
h1 { font-size: 2.1rem; letter-spacing: -0.01em; }
h2 { font-size: 1.4rem; margin-bottom: 0.35rem; }
h3 { font-size: 1.08rem; }
h4 { font-size: 1rem; }
p { margin: 0.4rem 0; }
a { color: var(--you); }
.eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.8rem; font-weight: bold; color: var(--muted); margin: 0; }
.meta { color: var(--muted); margin-top: 0.35rem; }
.lede { color: var(--muted); max-width: 46rem; margin-bottom: 1rem; }
.small { font-size: 0.88rem; color: var(--muted); }
header.masthead { padding: 8px 0 4px; }
.headline { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; margin-top: 22px; align-items: start; }
.ending { border-radius: 10px; padding: 18px 20px; background: var(--card); border: 1px solid var(--rule); border-left: 6px solid var(--muted); }
.ending.enabler { border-left-color: var(--enabler); }
.ending.barrier { border-left-color: var(--barrier); }
.ending.mixed { border-left-color: var(--mixed); }
.ending h2 { font-size: 1.3rem; margin: 0.2rem 0 0.4rem; }
.kind { display: inline-block; font-size: 0.78rem; font-weight: bold; padding: 2px 9px; border-radius: 999px; background: #eef0f2; color: var(--ink); }
.kind.enabler { background: var(--good-bg); color: var(--enabler); }
.kind.barrier { background: var(--hard-bg); color: #8a3c0a; }  /* the barrier amber darkened: 4.5:1 needs it on the tinted chip */
.kind.mixed { background: #f6f0d6; color: var(--mixed); }
.glance { border-radius: 10px; padding: 18px 20px; background: var(--card); border: 1px solid var(--rule); }
.glance ul { margin: 0.3rem 0 0; padding-left: 1.1rem; }
.glance li { margin: 0.25rem 0; }
.care { margin-top: 16px; font-size: 0.92rem; color: var(--muted); }
.changed { margin-top: 12px; padding: 10px 14px; border-left: 4px solid #b45309; background: #fef3c7; color: #3f2a07; }
nav.contents { margin: 22px 0 4px; font-size: 0.92rem; }
nav.contents ol { list-style: none; display: flex; flex-wrap: wrap; gap: 6px 8px; padding: 0; margin: 0; }
nav.contents a { display: inline-block; padding: 3px 11px; border-radius: 999px; background: var(--card); border: 1px solid var(--rule); text-decoration: none; color: var(--ink); }
section { background: var(--card); border: 1px solid var(--rule); border-radius: 12px; padding: 26px 30px; margin: 20px 0; }
.score-row { display: grid; grid-template-columns: 210px 92px 1fr; gap: 18px; align-items: center; padding: 14px 0; border-top: 1px solid var(--rule); }
.score-row:first-of-type { border-top: none; }
.score-row .value { font-size: 1.9rem; font-weight: bold; color: var(--you); text-align: right; font-variant-numeric: tabular-nums; }
.score-row .value small { display: block; font-size: 0.75rem; font-weight: normal; color: var(--muted); }
svg { display: block; max-width: 100%; height: auto; font-family: inherit; }
svg.range { width: 100%; max-width: 520px; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { text-align: left; vertical-align: top; padding: 9px 10px; border-top: 1px solid var(--rule); }
thead th { border-top: none; font-size: 0.82rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 22px; margin: 4px 0 10px; font-size: 0.92rem; }
.legend span { display: inline-flex; align-items: center; gap: 7px; }
.legend svg { display: inline-block; }
ol.partings { margin: 10px 0 0; padding-left: 0; list-style: none; }
ol.partings li { margin: 6px 0; }
.num-badge { display: inline-block; min-width: 1.5em; text-align: center; font-weight: bold; background: var(--mark); border: 1px solid var(--ink); border-radius: 999px; margin-right: 8px; font-size: 0.82rem; }
details { margin-top: 12px; }
summary { cursor: pointer; color: var(--you); }
.moments { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; }
.moments h3 { margin-bottom: 8px; }
.card { border: 1px solid var(--rule); border-radius: 10px; padding: 14px 16px; margin: 0 0 12px; break-inside: avoid; }
.card.helped { border-top: 4px solid var(--enabler); }
.card.safety { border-top: 4px solid var(--barrier); border-left: 6px solid var(--barrier); }
.card .risk { margin: 4px 0 6px; }
.card.hurt { border-top: 4px solid var(--barrier); }
.card .when { font-size: 0.85rem; color: var(--muted); }
.card .choice { font-weight: bold; margin: 4px 0 6px; }
.card .why { margin: 8px 0; }
.principle { background: #f8f6f1; border-radius: 8px; padding: 10px 12px; margin-top: 8px; font-size: 0.92rem; }
.principle p { margin: 0.25rem 0; }
.principle .cites { color: var(--muted); font-size: 0.86rem; }
.chips { display: flex; flex-wrap: wrap; gap: 5px; margin: 4px 0; }
.chip { font-size: 0.8rem; padding: 1px 8px; border-radius: 999px; background: #eef0f2; white-space: nowrap; font-variant-numeric: tabular-nums; }
.chip.up { background: var(--good-bg); color: #0b5d56; }
.chip.down { background: var(--hard-bg); color: #8a3f08; }
.empty { color: var(--muted); font-style: italic; }
table.decisions { table-layout: fixed; }
table.decisions th.n { width: 44px; }
table.decisions td.n { color: var(--muted); font-weight: bold; }
table.decisions tr.episode th { background: #f3f0e8; font-size: 0.95rem; padding: 7px 10px; }
table.decisions tr.episode .small { font-weight: normal; margin-left: 6px; }
table.decisions .same { color: var(--muted); font-style: italic; }
table.decisions .why { color: var(--muted); font-size: 0.86rem; margin-top: 4px; }
tr.parted { background: #fff8e1; }
tr.parted td.n { box-shadow: inset 4px 0 0 var(--mark); }
.flag { display: inline-block; margin: 0 0 6px; padding: 1px 8px; border-radius: 999px; background: var(--mark); font-size: 0.78rem; font-weight: bold; color: var(--ink); }
.path-enabler { color: var(--enabler); }
.path-barrier { color: var(--barrier); }
.framework { margin-top: 18px; }
.fw-head > p { margin-bottom: 8px; }
.tag { border-top: 1px solid var(--rule); padding: 10px 0; display: grid; grid-template-columns: 250px 1fr; gap: 16px; }
.tag ul { margin: 0 0 6px; padding-left: 0; list-style: none; }
.framework .currency { border-left: 3px solid var(--mark); padding-left: 8px; }
.framework h3 { padding-top: 10px; }
.tag li { margin: 2px 0; }
.tag .label { font-weight: bold; }
.tag .label small { display: block; font-weight: normal; color: var(--muted); }
.gibbs { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.stage { border: 1px solid var(--rule); border-radius: 10px; padding: 14px 16px; break-inside: avoid; }
.stage .step { font-size: 0.78rem; font-weight: bold; color: var(--muted); text-transform: uppercase; letter-spacing: 0.06em; }
.stage .hint { font-size: 0.86rem; color: var(--muted); font-style: italic; }
.stage .written { white-space: pre-wrap; background: #f8f6f1; border-radius: 8px; padding: 10px 12px; margin-top: 8px; }
.stage .lines { height: 96px; margin-top: 10px; background: repeating-linear-gradient(to bottom, transparent 0, transparent 23px, var(--rule) 23px, var(--rule) 24px); }
ol.references { padding-left: 1.3rem; font-size: 0.92rem; }
ol.references li { margin: 4px 0; }
.address { color: var(--muted); word-break: break-all; }
.references .checked, .tag .unverified { color: var(--muted); font-style: italic; }
section.closing { background: #eef5f3; border-color: #cfe3de; }
section.closing ul { padding-left: 1.1rem; margin: 0.3rem 0; }
section.closing h3 { margin-top: 12px; }
footer { color: var(--muted); font-size: 0.84rem; text-align: center; margin-top: 28px; }
@media screen and (max-width: 760px) {  /* a phone; never paper, which is as narrow but wants both columns */
  .headline, .moments, .gibbs { grid-template-columns: 1fr; }
  .score-row { grid-template-columns: 1fr 80px; }
  .score-row svg { grid-column: 1 / -1; }
  .tag { grid-template-columns: 1fr; gap: 4px; }
  section { padding: 20px 18px; }
}
.print-only, .paper-key { display: none; }
@media print {
  /* A4 (Letter prints the same, a little shorter), in about a dozen pages for a whole case: smaller type, tighter
     spacing, headings kept with what follows, and the longest lists cut to their first items on paper. */
  @page { size: A4; margin: 12mm 13mm; }
  html { font-size: 9.5pt; }  /* sizes given in rem scale with the printed body, not the screen's 16px */
  body { background: #fff; font-size: 9.5pt; line-height: 1.38; }
  .page { max-width: none; padding: 0; }
  nav.contents, details { display: none; }
  h1 { font-size: 18pt; }
  h2 { font-size: 13pt; }
  h3 { font-size: 10.5pt; }
  h2, h3, h4, .eyebrow, .lede, tr.episode, .tag .label { break-after: avoid; }
  /* Room kept under a heading: its opening paragraph (or a heading without one) reserves space for the first lines of
     what follows, in padding the next block overlaps (the negative margin), so a heading that would be left at the
     foot of a page goes over with its text. Chromium does not keep a heading with a grid or columns that follow. */
  .lede, h3, .fw-head { break-inside: avoid; padding-bottom: 84pt !important; margin-bottom: -78pt !important; }
  .fw-head h3 { padding-bottom: 0 !important; margin-bottom: 2pt !important; }
  section#timeline .lede { padding-bottom: 160pt !important; margin-bottom: -154pt !important; }  /* the chart is one picture */
  p, li { orphans: 2; widows: 2; }
  section { border: none; border-radius: 0; padding: 0; margin: 0 0 12pt; }
  section + section { border-top: 1pt solid var(--rule); padding-top: 8pt; }
  section.closing { background: none; }
  .headline { margin-top: 10pt; gap: 10pt; }
  .ending, .glance { padding: 8pt 10pt; }
  .score-row { padding: 4pt 0; grid-template-columns: 1.9fr 50px 2fr; gap: 10pt; }
  .score-row .value { font-size: 15pt; }
  /* Cards (safety first, what helped, what to look at again) two to a row; a principle is its title and what it rests
     on, one paragraph, without the box (the web page explains it); "(see Sources)" is the web page's link. */
  .cards { column-count: 2; column-gap: 12pt; }  /* flowing on from the heading: a card may go on in the next column */
  .card { break-inside: auto; }
  .card .when, .card .risk, .card .choice { break-after: avoid; }
  .card .risk, .card .choice { break-inside: avoid; }
  .moments { display: block; }
  .moments > div { margin-bottom: 4pt; }
  .card { padding: 5pt 7pt; margin-bottom: 6pt; font-size: 8.8pt; line-height: 1.32; }
  .card.safety { border-top-width: 2pt; border-left-width: 3pt; }
  .card.helped, .card.hurt { border-top-width: 2pt; }
  .card p { margin: 2pt 0; }
  .card .choice { margin: 2pt 0 3pt; }
  .card .why { margin: 3pt 0; }
  .chips { margin: 2pt 0; gap: 3pt; }
  .chip { font-size: 7.5pt; padding: 0 5pt; }
  .principle { background: none; border-top: 0.5pt solid var(--rule); border-radius: 0; padding: 2pt 0 0; margin-top: 3pt; font-size: 8.3pt; }
  .principle p { margin: 0; }
  .principle p:first-child { display: inline; }
  .principle p:first-child::after { content: " \\2014 "; }
  .principle p + p:not(.cites) { display: none; }
  .principle .cites { display: inline; font-size: inherit; }
  .see { display: none; }
  th, td { padding: 4pt 5pt; }
  table { font-size: 8.5pt; }
  /* On paper each decision is a short block: your choice across the width, then only the path that chose otherwise
     (labelled), never a column of "Same as you". */
  table.decisions, table.decisions tbody, table.decisions tr, table.decisions td, table.decisions th { display: block; }
  table.decisions thead { display: none; }
  table.decisions tr { display: grid; grid-template-columns: 16pt 1fr; column-gap: 4pt; padding: 2pt 0; border-top: 0.5pt solid var(--rule); }
  table.decisions td { padding: 0; border: none; }
  table.decisions td.n { grid-row: span 3; }
  table.decisions td:nth-child(2) { font-weight: bold; }
  table.decisions td:nth-child(3)::before { content: "Enabler path: "; font-weight: bold; color: var(--enabler); }
  table.decisions td:nth-child(4)::before { content: "Barrier path: "; font-weight: bold; color: var(--barrier); }
  table.decisions td:nth-child(n+3):has(.same) { display: none; }
  table.decisions tr.episode { display: block; padding: 4pt 0 2pt; }
  table.decisions tr.episode th { padding: 0; background: none; font-size: 9.5pt; }
  table.decisions { font-size: 8.5pt; }
  table.decisions tbody { column-count: 2; column-gap: 14pt; }
  .flag { margin: 0 0 2pt; }
  table.decisions .why, table.decisions .chips { display: none; }
  .framework .tags { column-count: 3; column-gap: 12pt; font-size: 8.5pt; }
  .tag { display: block; padding: 3pt 0; }
  .tag ul { margin: 0 0 2pt; }
  .tag p { margin: 1pt 0; }
  .tag .unverified { display: none; }  /* said once, in the section's opening lines */
  .tag .extra { display: none; }
  .tag .label small { display: inline; margin-left: 4pt; }
  .tag p.heads { display: none; }  /* the key in the section's opening says what the marks mean */
  .paper-key { display: inline; }
  .print-only { display: list-item; list-style: none; }
  .gibbs { gap: 8pt; }
  .stage { padding: 7pt 9pt; }
  .stage .lines { height: 48px; }
  ol.references { font-size: 8.5pt; }
  .stage, .score-row, tr, .tag, .principle, li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
""".replace("@PATHS@", "; ".join(f"--{path}: {colour}" for path, colour in PATH_COLOURS.items()))
