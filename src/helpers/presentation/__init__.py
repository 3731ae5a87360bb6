"""Presentation: tables and charts, in the collection's one style, Arabic right to left and joined.

It imports helpers.analysis, helpers.build, helpers.datapackage and helpers.language, never helpers.publishing.
Matplotlib, the bundled Arabic font and the shaping libraries are needed here and nowhere below.

    tables          the table engine: bilingual headers, formatted cells, deterministic HTML and plain text
    article_tables  the tables of the article's notebooks (figures, checks, the series, provenance)
    report_tables   the tables of the whole report's notebooks
    chart_text      Arabic in matplotlib: the font, shaping on every matplotlib version, bilingual labels
    charts          the chart style and chart types; ``show`` saves once and displays with alt text
    report_charts   the charts of the whole report's notebooks
"""
