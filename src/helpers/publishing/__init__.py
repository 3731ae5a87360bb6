"""Publishing: the notebooks as a collection, executed when they changed, rendered into the offline site, opened
in JupyterLab.

It may import every other subpackage (the site's index shows findings from helpers.analysis).

    catalogue       the notebooks as the build and the site see them: titles, sections, what each reads and writes
                    (``python -m helpers.publishing.catalogue``)
    execute         execute the notebooks whose code or inputs changed (``python -m helpers.publishing.execute``)
    site            render the site with Sphinx and MyST-NB (``python -m helpers.publishing.site``)
    site_extension  the Sphinx extension: downloads, folded code, alt text, direction, multi-script search, fonts
    lab             JupyterLab with the project's CSS (``python -m helpers.publishing.lab``)
"""
