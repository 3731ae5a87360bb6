"""Publishing: the notebooks as a collection, executed when they changed, rendered into the offline site, opened
in JupyterLab.

It may import every other subpackage (the site's index shows findings from helpers.analysis).

    catalogue       the notebooks as the build and the site see them: titles, sections, what each reads and writes
                    (``python -m helpers.publishing.catalogue``)
    execute         execute the notebooks whose code or inputs changed (``python -m helpers.publishing.execute``)
    citation        how to cite the collection, from CITATION.cff: title, authors, date, licences, repository, Binder
    downloads       what a researcher takes away: all-figures.csv and its sources, the data dictionary, an Excel
                    copy, the SQLite database with full-text search (``python -m helpers.publishing.downloads``;
                    ``--explore`` opens it in Datasette)
    pages           the site's reference pages from the data: every figure and its sources, the source article,
                    words and methods
    site            render the site with Sphinx and MyST-NB (``python -m helpers.publishing.site``)
    site_extension  the Sphinx extension: downloads, folded code, alt text, direction, wide tables and charts,
                    multi-script search with snippets, fonts
    lab             JupyterLab rooted at the repository, with the project's CSS (``python -m helpers.publishing.lab``)
"""
